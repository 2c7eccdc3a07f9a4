"""The complaint use cases as the composition root wires them over the in-memory twins, with a fixed clock;
HR decides through the one decision mechanism (`DecisionService` with the `complaint` kind)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from chalicelib.domain.accounts import Actor, Employee, Role
from chalicelib.domain.attendance import Session
from chalicelib.domain.decisions import Decision, Verdict
from chalicelib.domain.errors import BusinessRule, Conflict, Forbidden, NotFound, PayloadTooLarge, ValidationError
from chalicelib.domain.identity import TimeZone
from chalicelib.domain.organisation import Skpd
from tests.support import payload, verification_query
from tests.unit.world import SKPD, Clock, World, actor, at, body

PDF = b"%PDF-1.7\n" + b"0" * 500
NOW = at("2026-11-25 03:00")  # 10:00 WIB
TODAY = date(2026, 11, 25)


class Place:
    """The complaint services as the composition root wires them over the twins (`World`), HR's SKPD known."""

    def __init__(self, clock: Clock) -> None:
        self.world = World(clock)
        self.world.org.save_skpd(Skpd(SKPD, "Dinas Kesehatan", TimeZone.WIB))
        services, stored = self.world.services, self.world.repositories
        self.bucket, self.store = self.world.objects, stored.complaints
        self.sequences, self.digests = stored.sequences, stored.digests
        self.uploads, self.service = services.uploads, services.complaints
        self.decisions, self.notifications = services.decisions, services.complaint_notifications

    def hr(self, skpd: str = SKPD, role: Role = Role.KEPEGAWAIAN) -> Employee:
        person = self.world.person(skpd=skpd, name="Budi HR")
        return self.world.employees.save(
            Employee(**{**person.__dict__, "granted_roles": frozenset({role})})  # type: ignore[arg-type]
        )

    def letter(self, employee: Employee, data: bytes = PDF, size: int | None = None) -> str:
        offer = self.service.offer_letter(
            actor(employee),
            payload(
                "ComplaintLetterRequest",
                {"filename": "surat tugas.pdf", "content_type": "application/pdf", "size": size or len(data)},
            ),
        )
        self.bucket.put_bytes(offer["upload"]["fields"]["key"], data, "application/pdf")  # the client's upload
        return offer["upload_token"]

    def file(self, employee: Employee, day: date = TODAY, session: str = "PAGI", **extra: Any) -> dict[str, Any]:
        form = {
            "type": "TUGAS_LUAR",
            "date": day.isoformat(),
            "session": session,
            "reason": "Rapat koordinasi di dinas provinsi",
            "upload_token": extra.pop("token", None) or self.letter(employee),
            **extra,
        }
        return self.service.submit(actor(employee), payload("ComplaintInput", form))

    def decide(self, who: Actor, complaint_id: str, verdict: Verdict, note: str | None = None, **more: Any) -> dict:
        """One decision; answers the complaint as a queue item (its own view in ``detail``)."""
        return self.decisions.decide(who, "complaint", complaint_id, Decision(verdict, note, **more))

    def queue(self, who: Actor, query: dict[str, Any]) -> dict[str, Any]:
        return self.decisions.queue(who, verification_query("complaint", query))

    def decide_many(self, who: Actor, ids: list[str], verdict: Verdict, note: str | None = None) -> dict:
        return self.decisions.decide_many(who, "complaint", [(i, None) for i in ids], Decision(verdict, note))


@pytest.fixture
def place() -> Place:
    return Place(Clock(NOW))


def test_a_complaint_gets_a_reference_at_once_and_lists_with_its_status(place):
    dewi = place.world.person()
    first = place.file(dewi)
    second = place.file(dewi, TODAY - timedelta(days=1), "SORE")
    assert (first["reference"], second["reference"]) == ("ADU/2026/000001", "ADU/2026/000002")
    assert first["status"] == "SUBMITTED" and first["status_label"] == "Diajukan"
    assert first["type_label"] == "Tugas luar" and first["session_label"] == "pagi (masuk)"
    assert first["letter"]["filename"] == "surat tugas.pdf" and "expires=300" in first["letter"]["url"]
    page = place.service.list_own(actor(dewi), payload("ComplaintQuery"))
    assert [c["reference"] for c in page["items"]] == ["ADU/2026/000001", "ADU/2026/000002"]  # newest date first
    assert place.service.list_own(actor(dewi), payload("ComplaintQuery", status="APPROVED"))["items"] == []
    assert place.service.get(actor(dewi), first["complaint_id"])["reference"] == "ADU/2026/000001"


@pytest.mark.parametrize(
    ("day", "session", "prepare", "error", "code"),
    [
        (TODAY + timedelta(days=1), "PAGI", None, BusinessRule, "DATE_IN_FUTURE"),
        (TODAY - timedelta(days=31), "PAGI", None, BusinessRule, "DATE_TOO_OLD"),
        (TODAY, "PAGI", "attended", BusinessRule, "SESSION_ALREADY_ATTENDED"),
        (TODAY, "PAGI", "filed", Conflict, "COMPLAINT_DUPLICATE"),
    ],
)
def test_refusals_store_nothing_and_take_no_number(place, day, session, prepare, error, code):
    dewi = place.world.person()
    if prepare == "attended":
        place.world.attendance.upsert_sync(dewi.nip, TODAY, at("2026-11-25 00:30").time(), None, (SKPD, "X"))
    if prepare == "filed":
        place.file(dewi)
    before = place.service.list_own(actor(dewi), payload("ComplaintQuery"))["items"]
    token = place.letter(dewi)
    with pytest.raises(error) as refused:
        place.file(dewi, day, session, token=token)
    assert refused.value.code == code
    assert place.service.list_own(actor(dewi), payload("ComplaintQuery"))["items"] == before
    assert place.sequences.current("complaint:2026") == len(before)
    assert len(place.bucket.objects) == len(before) + 1  # the slip still works for a corrected form


def test_the_window_and_today_are_the_employees_own_zone(place):
    place.world.clock.now = at("2026-11-25 16:30")  # 23:30 WIB, already 26 November 01:30 WIT
    papua = place.world.person(zone=TimeZone.WIT)
    assert place.file(papua, date(2026, 11, 26))["date"] == "2026-11-26"
    with pytest.raises(BusinessRule, match="akan datang"):
        place.file(place.world.person(zone=TimeZone.WIB), date(2026, 11, 26))


def test_a_letter_that_is_not_a_pdf_or_too_big_is_refused_and_deleted(place):
    dewi = place.world.person()
    for data, size, error, code in (
        (b"\x89PNG\r\n\x1a\n" + b"0" * 100, None, ValidationError, "FILE_CONTENT_MISMATCH"),
        (PDF + b"0" * (300 * 1024), 1000, PayloadTooLarge, "FILE_TOO_LARGE"),  # lied about its size
    ):
        token = place.letter(dewi, data, size)
        with pytest.raises(error) as refused:
            place.file(dewi, token=token)
        assert refused.value.code == code
        assert place.bucket.objects == {}  # the upload was deleted
    with pytest.raises(PayloadTooLarge):
        place.letter(dewi, PDF, 300 * 1024 + 1)
    with pytest.raises(ValidationError) as wrong_type:
        place.service.offer_letter(
            actor(dewi), payload("ComplaintLetterRequest", filename="a.png", content_type="image/png", size=10)
        )
    assert wrong_type.value.code == "UNSUPPORTED_FILE_TYPE"
    assert place.service.list_own(actor(dewi), payload("ComplaintQuery"))["items"] == []


def test_a_slip_works_only_for_its_uploader_and_once(place):
    dewi, agus = place.world.person(), place.world.person()
    token = place.letter(dewi)
    with pytest.raises(ValidationError) as foreign:
        place.file(agus, token=token)
    assert foreign.value.code == "INVALID_UPLOAD_TOKEN"
    place.file(dewi, token=token)
    with pytest.raises(Conflict) as reused:
        place.file(dewi, TODAY - timedelta(days=2), token=token)
    assert reused.value.code == "UPLOAD_ALREADY_USED"
    assert len(place.bucket.objects) == 1  # the first complaint's letter is kept


def test_a_complaint_that_loses_the_race_leaves_no_letter_behind(place):
    dewi = place.world.person()
    stale = place.store.claims
    place.store.claims = lambda nip, day: (None, {})  # read before the other complaint landed
    place.file(dewi)
    token = place.letter(dewi)
    with pytest.raises(Conflict) as lost:
        place.file(dewi, token=token)
    place.store.claims = stale
    assert lost.value.code == "COMPLAINT_DUPLICATE" and len(place.bucket.objects) == 1


def test_approval_makes_the_day_attended_so_the_report_can_be_filed(place):
    dewi, budi = place.world.person(), place.hr()
    with pytest.raises(BusinessRule, match="tercatat hadir"):
        place.world.reports.create(actor(dewi), payload("ReportInput", body(TODAY)))
    filed = place.file(dewi)
    decided = place.decide(actor(budi, Role.KEPEGAWAIAN), filed["complaint_id"], Verdict.APPROVE)
    assert (decided["kind"], decided["id"], decided["verdicts"]) == ("complaint", filed["complaint_id"], [])
    assert (decided["status"], decided["status_label"], decided["detail"]["decided_by"]) == (
        "APPROVED",
        "Disetujui",
        budi.nip,
    )
    day = place.world.attendance.get(dewi.nip, TODAY)
    assert day.attended and [s.value for s in day.sources] == ["PENGADUAN"]
    assert day.complaint_sessions == {Session.PAGI}
    assert place.world.attendance.units[(dewi.nip, TODAY)] == (SKPD, dewi.satker_id)  # in the satker recap
    assert place.world.reports.create(actor(dewi), payload("ReportInput", body(TODAY)))["status"] == "SUBMITTED"
    with pytest.raises(Conflict) as twice:
        place.decide(actor(budi, Role.KEPEGAWAIAN), filed["complaint_id"], Verdict.REJECT, "x")
    assert twice.value.code == "ALREADY_DECIDED"
    with pytest.raises(Conflict):
        place.file(dewi)  # approved: the session stays taken


def test_a_rejection_needs_a_note_and_frees_the_session(place):
    dewi, budi = place.world.person(), place.hr()
    filed = place.file(dewi)
    hr = actor(budi, Role.KEPEGAWAIAN)
    with pytest.raises(ValidationError) as no_note:
        place.decide(hr, filed["complaint_id"], Verdict.REJECT)
    assert (no_note.value.code, no_note.value.details) == ("NOTE_REQUIRED", {"field": "note"})
    with pytest.raises(Conflict) as stale:
        place.decide(hr, filed["complaint_id"], Verdict.APPROVE, version=7)
    assert stale.value.code == "CONFLICT"
    with pytest.raises(ValidationError) as rated:
        place.decide(hr, filed["complaint_id"], Verdict.APPROVE, rating=4)
    assert rated.value.code == "RATING_NOT_ALLOWED"
    with pytest.raises(ValidationError) as deferred:
        place.decide(hr, filed["complaint_id"], Verdict.DEFER, "Nanti")
    assert deferred.value.code == "INVALID_VERDICT"
    rejected = place.decide(hr, filed["complaint_id"], Verdict.REJECT, "Surat tugas tidak terbaca", version=1)
    assert rejected["detail"]["note"] == "Surat tugas tidak terbaca" and rejected["version"] == 2
    assert place.world.attendance.get(dewi.nip, TODAY).attended is False
    assert place.file(dewi)["reference"] == "ADU/2026/000002"


def test_hr_works_only_inside_their_skpd_and_bkd_everywhere(place):
    dewi, budi = place.world.person(), place.hr()
    outsider = place.hr(skpd="DISDIK")
    bkd = place.hr(skpd="BKPSDM", role=Role.BKD)
    colleague = place.world.person()
    filed = place.file(dewi)
    cid = filed["complaint_id"]
    for who in (actor(outsider, Role.KEPEGAWAIAN), actor(colleague)):
        with pytest.raises(Forbidden):
            place.service.get(who, cid)
        with pytest.raises(Forbidden):
            place.decide(who, cid, Verdict.APPROVE)
    with pytest.raises(Forbidden):
        place.queue(actor(colleague), {"limit": 20})
    with pytest.raises(Forbidden):
        place.queue(actor(outsider, Role.KEPEGAWAIAN), {"skpd_id": SKPD, "limit": 20})
    assert place.queue(actor(outsider, Role.KEPEGAWAIAN), {"limit": 20})["items"] == []
    own = place.queue(actor(budi, Role.KEPEGAWAIAN), {"limit": 20})
    assert (own["kind"], own["count"], own["items"][0]["employee"]["name"]) == ("complaint", 1, "Dewi")
    assert [c["detail"]["skpd_id"] for c in own["items"]] == [SKPD]
    everywhere = place.queue(actor(bkd, Role.BKD), {"limit": 20})
    assert everywhere["count"] == 1 and [c["id"] for c in everywhere["items"]] == [cid]
    assert place.queue(actor(bkd, Role.BKD), {"skpd_id": "DISDIK", "limit": 20})["items"] == []
    assert place.service.get(actor(bkd, Role.BKD), cid)["nip"] == dewi.nip
    with pytest.raises(Forbidden) as self_decision:
        place.decide(actor(dewi, Role.KEPEGAWAIAN), cid, Verdict.APPROVE)
    assert self_decision.value.code == "SELF_DECISION"
    assert place.decide(actor(bkd, Role.BKD), cid, Verdict.APPROVE)["status"] == "APPROVED"


def test_the_queue_filters_and_pages_oldest_date_first(place):
    budi = place.hr()
    hr = actor(budi, Role.KEPEGAWAIAN)
    people = [place.world.person(name=f"Staf {n}") for n in range(3)]
    other_satker = place.world.employees.save(Employee(**{**people[2].__dict__, "satker_id": "SEKRETARIAT"}))
    ids = [place.file(p, TODAY - timedelta(days=n))["complaint_id"] for n, p in enumerate(people[:2])]
    ids.append(place.file(other_satker, TODAY - timedelta(days=5))["complaint_id"])
    first = place.queue(hr, {"limit": 2})
    assert [c["id"] for c in first["items"]] == [ids[2], ids[1]] and first["next_cursor"]
    rest = place.queue(hr, {"cursor": first["next_cursor"], "limit": 2})
    assert [c["id"] for c in rest["items"]] == [ids[0]] and rest["next_cursor"] is None
    satker = place.queue(hr, {"satker_id": "SEKRETARIAT", "limit": 20})
    assert [c["id"] for c in satker["items"]] == [ids[2]]
    recent = place.queue(hr, {"from": (TODAY - timedelta(days=1)).isoformat(), "limit": 20})
    assert [c["id"] for c in recent["items"]] == [ids[1], ids[0]]
    place.decide(hr, ids[0], Verdict.APPROVE)
    assert [c["id"] for c in place.queue(hr, {"status": "APPROVED", "limit": 20})["items"]] == [ids[0]]
    assert place.queue(hr, {"limit": 20})["count"] == 2


def test_bulk_decisions_answer_each_complaint(place):
    budi = place.hr()
    hr = actor(budi, Role.KEPEGAWAIAN)
    staff = [place.world.person() for _ in range(3)]
    ids = [place.file(p)["complaint_id"] for p in staff]
    foreign = place.file(place.world.person(skpd="DISDIK"))["complaint_id"]
    own = place.file(budi)["complaint_id"]
    place.decide(hr, ids[2], Verdict.APPROVE)
    result = place.decide_many(hr, [ids[0], ids[1], ids[1], ids[2], foreign, own, "f" * 32, "x"], Verdict.APPROVE)
    assert len(result["results"]) == 7  # a repeated id counts once
    outcomes = {r["id"]: r.get("code") or r["status"] for r in result["results"]}
    assert outcomes == {
        ids[0]: "APPROVED",
        ids[1]: "APPROVED",
        ids[2]: "ALREADY_DECIDED",
        foreign: "FORBIDDEN",
        own: "SELF_DECISION",
        "f" * 32: "COMPLAINT_NOT_FOUND",
        "x": "COMPLAINT_NOT_FOUND",
    }
    assert (result["decided"], result["failed"]) == (2, 5)
    with pytest.raises(ValidationError) as no_note:
        place.decide_many(hr, [foreign], Verdict.REJECT)
    assert no_note.value.code == "NOTE_REQUIRED"
    rejected = place.decide_many(
        actor(place.hr(skpd="DISDIK"), Role.KEPEGAWAIAN), [foreign], Verdict.REJECT, "Tanggal tidak sesuai surat tugas"
    )
    assert rejected["results"][0]["status"] == "REJECTED"
    with pytest.raises(Forbidden):  # someone who decides no complaint at all is refused as a whole
        place.decide_many(actor(staff[0]), [own], Verdict.APPROVE)
    assert place.store.get(own).status.value == "SUBMITTED"
    with pytest.raises(NotFound):
        place.service.get(actor(staff[0]), "f" * 32)


def test_both_sides_are_notified_once(place):
    dewi, budi = place.world.person(name="Dewi Lestari"), place.hr()
    place.hr()  # a second HR officer of the SKPD
    place.hr(skpd="DISDIK")  # not this SKPD's
    store, sent = place.store, place.world.whatsapp.sent
    filed = store.get(place.file(dewi)["complaint_id"])
    also = store.get(place.file(place.world.person(name="Agus"), TODAY, "SORE")["complaint_id"])
    place.notifications.on_change(None, filed)
    place.notifications.on_change(None, also)
    assert place.digests.due(NOW) == []  # gathered for a while first
    place.world.clock.advance(minutes=6)
    due = place.digests.due(place.world.clock.now)
    assert [key for key, _, _ in due] == [f"COMPLAINTS#{SKPD}"]
    from chalicelib.services.notifications import digest_message

    message = digest_message(*due[0])
    assert message["kind"] == "complaints-digest"
    place.notifications.handle_digest(message)
    place.notifications.handle_digest(message)  # delivered twice by the queue
    assert len(sent) == 2 and all("ada 2 pengaduan presensi pegawai Dinas Kesehatan" in text for _, text in sent)
    assert "ADU/2026/000001 Dewi Lestari: Tugas luar, 25 November 2026 (pagi)" in sent[0][1]
    assert place.digests.due(place.world.clock.now + timedelta(days=1)) == []

    decided = place.decide(actor(budi, Role.KEPEGAWAIAN), filed.complaint_id, Verdict.REJECT, "Surat tidak terbaca")
    after = store.get(decided["id"])
    for _ in range(2):  # at-least-once delivery of the stream record
        place.notifications.on_change(filed, after)
    assert len(sent) == 3 and sent[2][0] == dewi.whatsapp
    assert "ADU/2026/000001" in sent[2][1] and "ditolak oleh Budi HR" in sent[2][1]
    assert "Catatan: Surat tidak terbaca" in sent[2][1]
    approved = place.decide(actor(budi, Role.KEPEGAWAIAN), also.complaint_id, Verdict.APPROVE)
    place.notifications.on_change(also, store.get(approved["id"]))
    assert "telah disetujui oleh Budi HR" in sent[3][1] and "tercatat hadir" in sent[3][1]
    assert "sesi sore (pulang)" in sent[3][1]


def test_a_complaint_stream_image_is_the_complaint(place):
    from chalicelib.store.complaints import to_item
    from chalicelib.store.streams import complaint_image, images

    filed = place.store.get(place.file(place.world.person())["complaint_id"])
    record = {"eventName": "INSERT", "dynamodb": {"Keys": {}, "NewImage": to_item(filed).serialize()}}
    assert images(record, complaint_image) == (None, filed)
