"""The career-record use cases as the composition root wires them over the in-memory twins, with a fixed clock:
no DynamoDB, no S3. HR lists and decides through the one decision mechanism (the `record` kind)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from chalicelib.domain.accounts import Role
from chalicelib.domain.decisions import Decision, Verdict
from chalicelib.domain.errors import BusinessRule, Conflict, Forbidden, ValidationError
from tests.support import payload, verification_query
from tests.unit.world import Clock, World, actor, at

TEAM = {
    "sk_date": "2025-01-21",
    "sk_valid": True,
    "team_name": "Tim Pemeriksa",
    "scope": "INTERNAL_INSTANSI",
    "position": "KETUA",
    "evidence_url": "https://drive.google.com/file/d/abc",
}
AWARD = {
    "scale": "PROVINSI",
    "group": "PENGHARGAAN_LAINNYA",
    "type": "ASN_INOVATIF",
    "year": 2025,
    "sk_number": "1/2025",
    "sk_date": "2025-08-01",
}


PDF = b"%PDF-1.7\n" + b"0" * 1991


@pytest.fixture
def world():
    world = World(Clock(at("2026-05-04 02:00")))
    world.records, world.service = world.repositories.records, world.services.records
    return world


def _pdf(world, who) -> str:
    offer = {"filename": "piagam.pdf", "content_type": "application/pdf", "size": len(PDF)}
    slip = world.service.offer_upload(who, payload("RecordUploadRequest", offer))
    world.objects.put_bytes(slip["upload"]["fields"]["key"], PDF, "application/pdf")  # the client's upload
    return slip["upload_token"]


def test_team_codes_are_numbered_per_year_and_kept_through_corrections(world):
    dewi = actor(world.person())
    first = world.service.create(dewi, payload("RecordInput", {"kind": "TIM_KERJA", "team": TEAM, "declaration": True}))
    second = world.service.create(
        dewi, payload("RecordInput", {"kind": "TIM_KERJA", "team": TEAM, "declaration": True})
    )
    assert [first["team"]["activity_code"], second["team"]["activity_code"]] == ["TK/2026/000001", "TK/2026/000002"]
    edited = world.service.update(
        dewi,
        first["record_id"],
        payload("RecordPatch", {"team": {"team_name": "Tim Baru"}, "declaration": True, "version": 1}),
    )
    assert edited["team"]["activity_code"] == "TK/2026/000001" and edited["team"]["team_name"] == "Tim Baru"
    assert edited["history"][-1]["changes"] == {"team_name": ["Tim Pemeriksa", "Tim Baru"]}


def test_an_edit_needs_the_declaration_and_the_version_and_an_unchanged_one_writes_nothing(world):
    dewi = actor(world.person())
    record = world.service.create(
        dewi, payload("RecordInput", {"kind": "TIM_KERJA", "team": TEAM, "declaration": True})
    )
    rid = record["record_id"]
    update = lambda body: world.service.update(dewi, rid, payload("RecordPatch", body))  # noqa: E731
    with pytest.raises(BusinessRule) as caught:
        update({"team": {"team_name": "X"}, "version": 1})
    assert caught.value.code == "DECLARATION_REQUIRED"
    with pytest.raises(ValidationError) as caught:
        update({"declaration": True})
    assert caught.value.code == "VERSION_REQUIRED"
    with pytest.raises(Conflict) as caught:
        update({"declaration": True, "version": 5})
    assert caught.value.code == "CONFLICT"
    assert update({"declaration": True, "version": 1})["version"] == 1


def test_preview_stores_nothing_and_a_replaced_pdf_is_discarded(world):
    dewi = actor(world.person())
    slip = _pdf(world, dewi)
    preview = world.service.preview(
        dewi, payload("RecordDraft", {"kind": "PENGHARGAAN", "award": AWARD, "upload_token": slip})
    )
    assert preview["document"]["filename"] == "piagam.pdf"
    assert {"label": "Skala penghargaan", "value": "Provinsi"} in preview["summary"]
    assert world.service.list_own(dewi, payload("RecordListQuery"))["items"] == []
    record = world.service.create(
        dewi, payload("RecordInput", {"kind": "PENGHARGAAN", "award": AWARD, "upload_token": slip, "declaration": True})
    )
    old_key = world.records.get(record["record_id"]).document.key
    again = world.service.update(
        dewi,
        record["record_id"],
        payload("RecordPatch", {"upload_token": _pdf(world, dewi), "declaration": True, "version": 1}),
    )
    assert old_key not in world.objects.objects and again["version"] == 2  # the replaced PDF is deleted


def test_a_correction_moves_the_record_to_the_employees_current_satker(world):
    dewi_person = world.person()
    dewi = actor(dewi_person)
    record = world.service.create(
        dewi, payload("RecordInput", {"kind": "TIM_KERJA", "team": TEAM, "declaration": True})
    )
    moved = actor(world.employees.save(replace(dewi_person, satker_id="SEKRETARIAT")))
    edited = world.service.update(
        moved,
        record["record_id"],
        payload("RecordPatch", {"team": {"sk_valid": False}, "declaration": True, "version": 1}),
    )
    assert (edited["satker_id"], edited["team"]["sk_valid"]) == ("SEKRETARIAT", False)


def test_hr_lists_stay_inside_their_scope(world):
    dewi = actor(world.person())
    other = actor(world.person(skpd="DISDIK"))
    hr = actor(world.person(name="Budi"), Role.KEPEGAWAIAN)
    bkd = actor(world.person(skpd="BKPSDM"), Role.BKD)
    mine = world.service.create(dewi, payload("RecordInput", {"kind": "TIM_KERJA", "team": TEAM, "declaration": True}))
    theirs = world.service.create(
        other, payload("RecordInput", {"kind": "TIM_KERJA", "team": TEAM, "declaration": True})
    )
    queue = lambda who, query: world.decisions.queue(who, verification_query("record", query))  # noqa: E731
    assert [r["id"] for r in queue(hr, {})["items"]] == [mine["record_id"]]
    with pytest.raises(Forbidden):
        queue(hr, {"skpd_id": "DISDIK"})
    with pytest.raises(Forbidden):
        queue(dewi, {})
    everywhere = queue(bkd, {})
    assert {r["id"] for r in everywhere["items"]} == {mine["record_id"], theirs["record_id"]}
    assert everywhere["count"] == 2
    waiting = world.records.waiting(None, None)  # what the count adds up, per kind
    assert {k.value: n for k, n in waiting.items()} == {"SERTIFIKASI": 0, "PENGHARGAAN": 0, "TIM_KERJA": 2}
    assert {r["id"] for r in queue(bkd, {"category": "TIM_KERJA"})["items"]} == {mine["record_id"], theirs["record_id"]}
    assert queue(bkd, {"category": "SERTIFIKASI"})["items"] == []
    assert [r["id"] for r in queue(bkd, {"skpd_id": "DISDIK"})["items"]] == [theirs["record_id"]]
    with pytest.raises(ValidationError) as caught:
        queue(bkd, {"satker_id": "PKM-KOTA"})
    assert caught.value.code == "SKPD_REQUIRED"
    with pytest.raises(Forbidden):
        world.service.get(hr, theirs["record_id"])
    assert world.service.get(bkd, theirs["record_id"])["record_id"] == theirs["record_id"]


def test_hr_approves_and_takes_an_approval_back_with_a_reason(world):
    dewi = actor(world.person())
    hr = actor(world.person(name="Budi"), Role.KEPEGAWAIAN)
    rid = world.service.create(dewi, payload("RecordInput", {"kind": "TIM_KERJA", "team": TEAM, "declaration": True}))[
        "record_id"
    ]
    decide = lambda decision: world.decisions.decide(hr, "record", rid, decision)  # noqa: E731
    with pytest.raises(Conflict) as early:
        decide(Decision(Verdict.REVOKE, "Belum disetujui"))
    assert early.value.code == "ALREADY_DECIDED"  # only an approved record can be taken back
    approved = decide(Decision(Verdict.APPROVE, version=1))
    assert (approved["status"], approved["version"], approved["verdicts"]) == ("APPROVED", 2, ["REVOKE"])
    with pytest.raises(ValidationError) as no_reason:
        decide(Decision(Verdict.REVOKE))
    assert no_reason.value.code == "NOTE_REQUIRED"
    revoked = decide(Decision(Verdict.REVOKE, "SK tidak sah", version=2))
    assert (revoked["status"], revoked["detail"]["note"], revoked["verdicts"]) == ("REVOKED", "SK tidak sah", [])
    assert world.service.get(dewi, rid)["history"][-1]["action"] == "REVOKED"
