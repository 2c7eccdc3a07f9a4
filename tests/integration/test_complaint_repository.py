"""One contract, two implementations: complaints and their claims on the day, in memory and in DynamoDB Local.

The service relies on: one complaint per date and session (also when two land at the same moment), no
complaint for an attended session, an approval that attends the session (and puts the day in the satker
recap index), a rejection that frees it, version conflicts, and the reads (own list newest first, HR queues
oldest date first by SKPD or across every SKPD, counts).
"""

from __future__ import annotations

import itertools
import threading
import uuid
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta

import pytest

from chalicelib.domain.attendance import Session
from chalicelib.domain.complaints import Complaint, ComplaintStatus, ComplaintType, Letter
from chalicelib.domain.errors import BusinessRule, Conflict, ValidationError
from tests.support import make_nip

AT = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)
HR = "197805202003121002"
_BASE = date(2001, 1, 1) + timedelta(days=uuid.uuid4().int % 3000)
_days = itertools.count()


def _unique_day() -> date:
    """A date (2001-2020) no other test uses, so reads across every SKPD can be isolated by a date range."""
    return _BASE + timedelta(days=next(_days) * 5)


@pytest.fixture(params=["memory", "dynamodb"])
def store(request):
    """(complaints, attendance) sharing one day table."""
    if request.param == "memory":
        from chalicelib.store.memory import InMemoryAttendanceRepository, InMemoryComplaintRepository

        attendance = InMemoryAttendanceRepository()
        return InMemoryComplaintRepository(attendance), attendance
    request.getfixturevalue("stack")
    from chalicelib.store.attendance import DynamoAttendanceRepository
    from chalicelib.store.complaints import DynamoComplaintRepository

    return DynamoComplaintRepository(), DynamoAttendanceRepository()


def _complaint(
    nip: str,
    day: date,
    session: Session = Session.PAGI,
    *,
    skpd: str = "SKPD-C",
    satker: str = "SATKER-C",
    at: datetime = AT,
) -> Complaint:
    cid = uuid.uuid4().hex
    return Complaint(
        complaint_id=cid,
        reference=f"ADU/2026/{uuid.uuid4().int % 10**6:06d}",
        nip=nip,
        skpd_id=skpd,
        satker_id=satker,
        kind=ComplaintType.MESIN_ERROR,
        day=day,
        session=session,
        reason="Mesin presensi mati",
        letter=Letter(cid, f"complaints/{nip}/{cid}.pdf", "surat.pdf", "application/pdf", 1234),
        status=ComplaintStatus.SUBMITTED,
        submitted_at=at,
    )


def _decided(complaint: Complaint, status: ComplaintStatus, note: str | None = None) -> Complaint:
    return replace(complaint, status=status, decided_by=HR, decided_at=AT + timedelta(hours=2), note=note)


class TestComplaintContract:
    def test_create_get_and_claims(self, store):
        complaints, _ = store
        nip, day = make_nip(), _unique_day()
        assert complaints.claims(nip, day) == (None, {})
        saved = complaints.create(_complaint(nip, day))
        assert saved.version == 1 and complaints.get(saved.complaint_id) == saved
        record, claims = complaints.claims(nip, day)
        assert claims == {Session.PAGI: saved.complaint_id} and not record.attended
        assert complaints.get(uuid.uuid4().hex) is None

    def test_one_complaint_per_date_and_session(self, store):
        complaints, _ = store
        nip, day = make_nip(), _unique_day()
        complaints.create(_complaint(nip, day, Session.PAGI))
        with pytest.raises(Conflict) as refused:
            complaints.create(_complaint(nip, day, Session.PAGI))
        assert refused.value.code == "COMPLAINT_DUPLICATE"
        complaints.create(_complaint(nip, day, Session.SORE))  # the other session is free
        complaints.create(_complaint(make_nip(), day, Session.PAGI))  # and so is another employee's
        assert len(complaints.list_own(nip, first=day, last=day, status=None, cursor=None, limit=10)[0]) == 2

    def test_an_attended_session_is_refused_and_the_other_is_not(self, store):
        complaints, attendance = store
        nip, day = make_nip(), _unique_day()
        attendance.upsert_sync(nip, day, time(7, 30), None, ("SKPD-C", "SATKER-C"))
        with pytest.raises(BusinessRule) as refused:
            complaints.create(_complaint(nip, day, Session.PAGI))
        assert refused.value.code == "SESSION_ALREADY_ATTENDED"
        assert complaints.claims(nip, day)[1] == {}
        complaints.create(_complaint(nip, day, Session.SORE))

    def test_the_same_id_twice_is_refused(self, store):
        complaints, _ = store
        first = complaints.create(_complaint(make_nip(), _unique_day()))
        again = replace(_complaint(make_nip(), _unique_day()), complaint_id=first.complaint_id)
        with pytest.raises(Conflict) as refused:
            complaints.create(again)
        assert refused.value.code == "UPLOAD_ALREADY_USED"
        assert complaints.claims(again.nip, again.day)[1] == {}

    def test_approval_attends_the_session(self, store):
        complaints, attendance = store
        nip, day = make_nip(), _unique_day()
        filed = complaints.create(_complaint(nip, day, Session.SORE))
        approved = complaints.decide(filed, _decided(filed, ComplaintStatus.APPROVED))
        assert approved.version == 2 and complaints.get(filed.complaint_id) == approved
        record = attendance.get(nip, day)
        assert record.attended and record.complaint_sessions == {Session.SORE}
        assert [s.value for s in record.sources] == ["PENGADUAN"]
        with pytest.raises(Conflict):  # the session stays taken
            complaints.create(_complaint(nip, day, Session.SORE))

    def test_rejection_frees_the_session(self, store):
        complaints, attendance = store
        nip, day = make_nip(), _unique_day()
        filed = complaints.create(_complaint(nip, day))
        rejected = complaints.decide(filed, _decided(filed, ComplaintStatus.REJECTED, "Salah surat"))
        assert complaints.get(filed.complaint_id).note == "Salah surat" and rejected.version == 2
        assert complaints.claims(nip, day)[1] == {} and not attendance.get(nip, day).attended
        assert complaints.create(_complaint(nip, day)).version == 1

    def test_a_stale_decision_is_a_conflict(self, store):
        complaints, attendance = store
        nip, day = make_nip(), _unique_day()
        filed = complaints.create(_complaint(nip, day))
        complaints.decide(filed, _decided(filed, ComplaintStatus.APPROVED))
        with pytest.raises(Conflict) as stale:
            complaints.decide(filed, _decided(filed, ComplaintStatus.REJECTED, "Terlambat"))
        assert stale.value.code == "CONFLICT"
        assert complaints.get(filed.complaint_id).status is ComplaintStatus.APPROVED
        assert attendance.get(nip, day).attended

    def test_two_complaints_for_one_session_at_the_same_moment_one_lands(self, store):
        complaints, _ = store
        nip, day = make_nip(), _unique_day()
        barrier, outcomes = threading.Barrier(4), []

        def create():
            barrier.wait()
            try:
                complaints.create(_complaint(nip, day))
                outcomes.append("ok")
            except Conflict as exc:
                outcomes.append(exc.code)

        threads = [threading.Thread(target=create) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert sorted(outcomes) == ["COMPLAINT_DUPLICATE"] * 3 + ["ok"]
        assert len(complaints.list_own(nip, first=None, last=None, status=None, cursor=None, limit=10)[0]) == 1

    def test_own_list_newest_date_first_with_filters_and_pages(self, store):
        complaints, _ = store
        nip, first = make_nip(), _unique_day()
        filed = [complaints.create(_complaint(nip, first + timedelta(days=n))) for n in range(3)]
        complaints.decide(filed[0], _decided(filed[0], ComplaintStatus.APPROVED))
        items, cursor = complaints.list_own(nip, first=None, last=None, status=None, cursor=None, limit=2)
        assert [c.complaint_id for c in items] == [filed[2].complaint_id, filed[1].complaint_id] and cursor
        rest, end = complaints.list_own(nip, first=None, last=None, status=None, cursor=cursor, limit=2)
        assert [c.complaint_id for c in rest] == [filed[0].complaint_id] and end is None
        approved, _ = complaints.list_own(
            nip, first=None, last=None, status=ComplaintStatus.APPROVED, cursor=None, limit=10
        )
        assert [c.status for c in approved] == [ComplaintStatus.APPROVED]
        ranged, _ = complaints.list_own(
            nip, first=first + timedelta(days=1), last=first + timedelta(days=1), status=None, cursor=None, limit=10
        )
        assert [c.complaint_id for c in ranged] == [filed[1].complaint_id]
        with pytest.raises(ValidationError) as foreign:
            complaints.list_own(make_nip(), first=None, last=None, status=None, cursor=cursor, limit=2)
        assert foreign.value.code == "INVALID_CURSOR"

    def test_hr_queues_oldest_date_first_by_skpd_or_everywhere(self, store):
        complaints, _ = store
        skpd, other, first = f"SKPD-{uuid.uuid4().hex[:8]}", f"SKPD-{uuid.uuid4().hex[:8]}", _unique_day()
        late = complaints.create(_complaint(make_nip(), first + timedelta(days=2), skpd=skpd))
        early = complaints.create(_complaint(make_nip(), first, skpd=skpd, satker="SATKER-B"))
        middle = complaints.create(_complaint(make_nip(), first + timedelta(days=1), skpd=other))
        decided = complaints.create(_complaint(make_nip(), first + timedelta(days=1), skpd=skpd))
        complaints.decide(decided, _decided(decided, ComplaintStatus.REJECTED, "Tidak sesuai"))

        def queue(skpd_id, status=ComplaintStatus.SUBMITTED, **extra):
            args = {"satker_id": None, "first": first, "last": first + timedelta(days=2), "cursor": None, "limit": 10}
            return complaints.queue(skpd_id, status, **{**args, **extra})

        ids = lambda found: [c.complaint_id for c in found[0]]  # noqa: E731
        assert ids(queue(skpd)) == [early.complaint_id, late.complaint_id]
        assert ids(queue(None)) == [early.complaint_id, middle.complaint_id, late.complaint_id]
        assert ids(queue(skpd, satker_id="SATKER-B")) == [early.complaint_id]
        assert ids(queue(skpd, first=first + timedelta(days=1))) == [late.complaint_id]
        assert ids(queue(skpd, ComplaintStatus.REJECTED)) == [decided.complaint_id]
        page, cursor = queue(None, limit=2)
        assert len(page) == 2 and cursor
        rest, end = queue(None, limit=2, cursor=cursor)
        assert [c.complaint_id for c in page + rest] == ids(queue(None)) and end is None
        with pytest.raises(ValidationError):
            queue(skpd, cursor=cursor)  # a cursor of the other list
        assert complaints.count(skpd, ComplaintStatus.SUBMITTED) == 2
        assert complaints.count(skpd, ComplaintStatus.REJECTED) == 1
        assert complaints.count(None, ComplaintStatus.SUBMITTED) >= 3
