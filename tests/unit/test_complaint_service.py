"""The complaint use cases on the in-memory twins, the real upload service over a fake bucket, a fixed clock."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from chalicelib.domain.accounts import Employee, Role
from chalicelib.domain.attendance import Session
from chalicelib.domain.errors import BusinessRule, Conflict, Forbidden, NotFound, PayloadTooLarge, ValidationError
from chalicelib.domain.identity import TimeZone
from chalicelib.services.complaints import ComplaintNotifications, ComplaintService
from chalicelib.services.uploads import UploadService
from chalicelib.store.memory import InMemoryComplaintRepository, InMemoryDigests, InMemorySequences
from tests.unit.world import SKPD, Clock, World, actor, at, body

SECRET = "unit-secret-0123456789-abcdefghijklmnopqrstuvwxyz"
PDF = b"%PDF-1.7\n" + b"0" * 500
NOW = at("2026-11-25 03:00")  # 10:00 WIB
TODAY = date(2026, 11, 25)


class Bucket:
    """An `ObjectStore` in memory: what the client "uploaded" under each key."""

    def __init__(self) -> None:
        self.objects: dict[str, bytes] = {}
        self.deleted: list[str] = []

    def presigned_post(self, key: str, content_type: str, max_bytes: int, expires: int) -> dict[str, Any]:
        return {"url": "https://bucket.test/", "fields": {"key": key, "Content-Type": content_type}}

    def head(self, key: str, length: int) -> tuple[int, bytes] | None:
        data = self.objects.get(key)
        return None if data is None else (len(data), data[:length])

    def delete(self, key: str) -> None:
        self.objects.pop(key, None)
        self.deleted.append(key)

    def presigned_get(self, key: str, expires: int, filename: str | None = None) -> str:
        return f"https://bucket.test/{key}?ttl={expires}"


class Org:
    def get_skpd(self, skpd_id: str) -> Any:
        return type("Skpd", (), {"name": "Dinas Kesehatan"})() if skpd_id == SKPD else None


class Place:
    def __init__(self, clock: Clock) -> None:
        self.world = World(clock)
        self.bucket = Bucket()
        self.sequences = InMemorySequences()
        self.store = InMemoryComplaintRepository(self.world.attendance)
        self.digests = InMemoryDigests()
        self.uploads = UploadService(self.bucket, keys=SECRET, clock=clock)  # type: ignore[arg-type]
        self.service = ComplaintService(
            self.store,
            self.sequences,
            self.world.employees,
            self.uploads,
            clock=clock,
            window_days=30,
            link_ttl=300,
        )
        self.notifications = ComplaintNotifications(
            self.world.employees,
            self.store,
            Org(),  # type: ignore[arg-type]
            self.digests,
            self.world.whatsapp,
            clock=clock,
            digest_delay=timedelta(minutes=5),
            digest_interval=timedelta(hours=1),
            app_url="https://kinerja.test",
            once=self.world.idempotency.once,
        )

    def hr(self, skpd: str = SKPD, role: Role = Role.KEPEGAWAIAN) -> Employee:
        person = self.world.person(skpd=skpd, name="Budi HR")
        return self.world.employees.save(
            Employee(**{**person.__dict__, "granted_roles": frozenset({role})})  # type: ignore[arg-type]
        )

    def letter(self, employee: Employee, data: bytes = PDF, size: int | None = None) -> str:
        offer = self.service.offer_letter(
            actor(employee),
            {"filename": "surat tugas.pdf", "content_type": "application/pdf", "size": size or len(data)},
        )
        key = offer["upload"]["fields"]["key"]
        self.bucket.objects[key] = data
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
        return self.service.submit(actor(employee), form)


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
    assert first["letter"]["filename"] == "surat tugas.pdf" and first["letter"]["url"].endswith("ttl=300")
    page = place.service.list_own(actor(dewi), {}, 20)
    assert [c["reference"] for c in page["items"]] == ["ADU/2026/000001", "ADU/2026/000002"]  # newest date first
    assert place.service.list_own(actor(dewi), {"status": "APPROVED"}, 20)["items"] == []
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
    before = place.service.list_own(actor(dewi), {}, 20)["items"]
    token = place.letter(dewi)
    with pytest.raises(error) as refused:
        place.file(dewi, day, session, token=token)
    assert refused.value.code == code
    assert place.service.list_own(actor(dewi), {}, 20)["items"] == before
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
        assert place.bucket.objects == {} and len(place.bucket.deleted) >= 1
    with pytest.raises(PayloadTooLarge):
        place.letter(dewi, PDF, 300 * 1024 + 1)
    with pytest.raises(ValidationError) as wrong_type:
        place.service.offer_letter(actor(dewi), {"filename": "a.png", "content_type": "image/png", "size": 10})
    assert wrong_type.value.code == "UNSUPPORTED_FILE_TYPE"
    assert place.service.list_own(actor(dewi), {}, 20)["items"] == []


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
        place.world.reports.create(actor(dewi), body(TODAY))
    filed = place.file(dewi)
    decided = place.service.decide(actor(budi, Role.KEPEGAWAIAN), filed["complaint_id"], {"decision": "APPROVED"})
    assert (decided["status"], decided["status_label"], decided["decided_by"]) == ("APPROVED", "Disetujui", budi.nip)
    day = place.world.attendance.get(dewi.nip, TODAY)
    assert day.attended and [s.value for s in day.sources] == ["PENGADUAN"]
    assert day.complaint_sessions == {Session.PAGI}
    assert place.world.attendance.units[(dewi.nip, TODAY)] == (SKPD, dewi.satker_id)  # in the satker recap
    assert place.world.reports.create(actor(dewi), body(TODAY))["status"] == "SUBMITTED"
    with pytest.raises(Conflict) as twice:
        place.service.decide(
            actor(budi, Role.KEPEGAWAIAN), filed["complaint_id"], {"decision": "REJECTED", "note": "x"}
        )
    assert twice.value.code == "COMPLAINT_DECIDED"
    with pytest.raises(Conflict):
        place.file(dewi)  # approved: the session stays taken


def test_a_rejection_needs_a_note_and_frees_the_session(place):
    dewi, budi = place.world.person(), place.hr()
    filed = place.file(dewi)
    hr = actor(budi, Role.KEPEGAWAIAN)
    with pytest.raises(ValidationError) as no_note:
        place.service.decide(hr, filed["complaint_id"], {"decision": "REJECTED"})
    assert no_note.value.code == "NOTE_REQUIRED"
    with pytest.raises(Conflict) as stale:
        place.service.decide(hr, filed["complaint_id"], {"decision": "APPROVED", "version": 7})
    assert stale.value.code == "CONFLICT"
    rejected = place.service.decide(
        hr, filed["complaint_id"], {"decision": "REJECTED", "note": "Surat tugas tidak terbaca", "version": 1}
    )
    assert rejected["note"] == "Surat tugas tidak terbaca" and rejected["version"] == 2
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
            place.service.decide(who, cid, {"decision": "APPROVED"})
    with pytest.raises(Forbidden):
        place.service.queue(actor(colleague), {}, 20)
    with pytest.raises(Forbidden):
        place.service.queue(actor(outsider, Role.KEPEGAWAIAN), {"skpd_id": SKPD}, 20)
    assert place.service.queue(actor(outsider, Role.KEPEGAWAIAN), {}, 20)["items"] == []
    own = place.service.queue(actor(budi, Role.KEPEGAWAIAN), {}, 20)
    assert (own["skpd_id"], own["waiting"], own["items"][0]["employee"]["name"]) == (SKPD, 1, "Dewi")
    everywhere = place.service.queue(actor(bkd, Role.BKD), {}, 20)
    assert everywhere["skpd_id"] is None and [c["complaint_id"] for c in everywhere["items"]] == [cid]
    assert place.service.queue(actor(bkd, Role.BKD), {"skpd_id": "DISDIK"}, 20)["items"] == []
    assert place.service.get(actor(bkd, Role.BKD), cid)["nip"] == dewi.nip
    with pytest.raises(Forbidden) as self_decision:
        place.service.decide(actor(dewi, Role.KEPEGAWAIAN), cid, {"decision": "APPROVED"})
    assert self_decision.value.code == "SELF_DECISION"
    assert place.service.decide(actor(bkd, Role.BKD), cid, {"decision": "APPROVED"})["status"] == "APPROVED"


def test_the_queue_filters_and_pages_oldest_date_first(place):
    budi = place.hr()
    hr = actor(budi, Role.KEPEGAWAIAN)
    people = [place.world.person(name=f"Staf {n}") for n in range(3)]
    other_satker = place.world.employees.save(Employee(**{**people[2].__dict__, "satker_id": "SEKRETARIAT"}))
    ids = [place.file(p, TODAY - timedelta(days=n))["complaint_id"] for n, p in enumerate(people[:2])]
    ids.append(place.file(other_satker, TODAY - timedelta(days=5))["complaint_id"])
    first = place.service.queue(hr, {"limit": 2}, 2)
    assert [c["complaint_id"] for c in first["items"]] == [ids[2], ids[1]] and first["next_cursor"]
    rest = place.service.queue(hr, {"cursor": first["next_cursor"]}, 2)
    assert [c["complaint_id"] for c in rest["items"]] == [ids[0]] and rest["next_cursor"] is None
    satker = place.service.queue(hr, {"satker_id": "SEKRETARIAT"}, 20)
    assert [c["complaint_id"] for c in satker["items"]] == [ids[2]]
    recent = place.service.queue(hr, {"from": (TODAY - timedelta(days=1)).isoformat()}, 20)
    assert [c["complaint_id"] for c in recent["items"]] == [ids[1], ids[0]]
    place.service.decide(hr, ids[0], {"decision": "APPROVED"})
    assert [c["complaint_id"] for c in place.service.queue(hr, {"status": "APPROVED"}, 20)["items"]] == [ids[0]]
    assert place.service.queue(hr, {}, 20)["waiting"] == 2


def test_bulk_decisions_answer_each_complaint(place):
    budi = place.hr()
    hr = actor(budi, Role.KEPEGAWAIAN)
    staff = [place.world.person() for _ in range(3)]
    ids = [place.file(p)["complaint_id"] for p in staff]
    foreign = place.file(place.world.person(skpd="DISDIK"))["complaint_id"]
    own = place.file(budi)["complaint_id"]
    place.service.decide(hr, ids[2], {"decision": "APPROVED"})
    result = place.service.bulk_decide(
        hr, {"complaint_ids": [ids[0], ids[1], ids[1], ids[2], foreign, own, "f" * 32, "x"], "decision": "APPROVED"}
    )
    outcomes = {r["complaint_id"]: r.get("code") or r["status"] for r in result["results"]}
    assert outcomes == {
        ids[0]: "APPROVED",
        ids[1]: "APPROVED",
        ids[2]: "COMPLAINT_DECIDED",
        foreign: "FORBIDDEN",
        own: "SELF_DECISION",
        "f" * 32: "COMPLAINT_NOT_FOUND",
        "x": "COMPLAINT_NOT_FOUND",
    }
    assert (result["decided"], result["failed"]) == (2, 5)
    with pytest.raises(ValidationError) as no_note:
        place.service.bulk_decide(hr, {"complaint_ids": [foreign], "decision": "REJECTED"})
    assert no_note.value.code == "NOTE_REQUIRED"
    rejected = place.service.bulk_decide(
        actor(place.hr(skpd="DISDIK"), Role.KEPEGAWAIAN),
        {"complaint_ids": [foreign], "decision": "REJECTED", "note": "Tanggal tidak sesuai surat tugas"},
    )
    assert rejected["results"][0]["status"] == "REJECTED"
    with pytest.raises(Forbidden):
        place.service.bulk_decide(actor(staff[0]), {"complaint_ids": [ids[0]], "decision": "APPROVED"})
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

    decided = place.service.decide(
        actor(budi, Role.KEPEGAWAIAN), filed.complaint_id, {"decision": "REJECTED", "note": "Surat tidak terbaca"}
    )
    after = store.get(decided["complaint_id"])
    for _ in range(2):  # at-least-once delivery of the stream record
        place.notifications.on_change(filed, after)
    assert len(sent) == 3 and sent[2][0] == dewi.whatsapp
    assert "ADU/2026/000001" in sent[2][1] and "ditolak oleh Budi HR" in sent[2][1]
    assert "Catatan: Surat tidak terbaca" in sent[2][1]
    approved = place.service.decide(actor(budi, Role.KEPEGAWAIAN), also.complaint_id, {"decision": "APPROVED"})
    place.notifications.on_change(also, store.get(approved["complaint_id"]))
    assert "telah disetujui oleh Budi HR" in sent[3][1] and "tercatat hadir" in sent[3][1]
    assert "sesi sore (pulang)" in sent[3][1]


def test_a_complaint_stream_image_is_the_complaint(place):
    from chalicelib.store.complaints import to_item
    from chalicelib.store.streams import complaint_image, images

    filed = place.store.get(place.file(place.world.person())["complaint_id"])
    record = {"eventName": "INSERT", "dynamodb": {"Keys": {}, "NewImage": to_item(filed).serialize()}}
    assert images(record, complaint_image) == (None, filed)
