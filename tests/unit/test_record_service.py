"""The career-record use cases on the in-memory twins, with a fixed clock: no DynamoDB, no S3."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

import pytest

from chalicelib.domain.accounts import Role
from chalicelib.domain.errors import BusinessRule, Conflict, Forbidden, ValidationError
from chalicelib.services.records import RecordService
from chalicelib.services.uploads import StoredFile
from chalicelib.store.memory import InMemoryRecordRepository, InMemorySequences
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


class Uploads:
    """Slips handed out and files "uploaded" at once; what was discarded is kept."""

    def __init__(self) -> None:
        self.slips: dict[str, tuple[dict[str, str], StoredFile]] = {}
        self.discarded: list[str] = []

    def offer(self, rule, prefix, context, filename, content_type, size) -> dict[str, Any]:
        file_id = uuid.uuid4().hex
        stored = StoredFile(file_id, f"{prefix}/{file_id}.pdf", str(filename), str(content_type), int(size))
        token = uuid.uuid4().hex
        self.slips[token] = (dict(context), stored)
        return {"file_id": file_id, "upload_token": token, "upload": {"url": "", "fields": {}}, "expires_in": 900}

    def accept(self, rule, context: Mapping[str, str], token: object) -> StoredFile:
        slip = self.slips.get(str(token))
        if slip is None or slip[0] != dict(context):
            raise ValidationError("Tanda unggah tidak sah atau kedaluwarsa.", code="INVALID_UPLOAD_TOKEN")
        return slip[1]

    def link(self, key: str, filename: str, ttl_seconds: int) -> str:
        return f"https://files.test/{key}"

    def discard(self, key: str) -> None:
        self.discarded.append(key)


@pytest.fixture
def world():
    world = World(Clock(at("2026-05-04 02:00")))
    world.records = InMemoryRecordRepository()
    world.uploads = Uploads()
    world.service = RecordService(
        world.records, world.employees, InMemorySequences(), world.uploads, clock=world.clock, link_ttl=300
    )
    return world


def _pdf(world, who) -> str:
    offer = {"filename": "piagam.pdf", "content_type": "application/pdf", "size": 2000}
    return world.service.offer_upload(who, offer)["upload_token"]


def test_team_codes_are_numbered_per_year_and_kept_through_corrections(world):
    dewi = actor(world.person())
    first = world.service.create(dewi, {"kind": "TIM_KERJA", "team": TEAM, "declaration": True})
    second = world.service.create(dewi, {"kind": "TIM_KERJA", "team": TEAM, "declaration": True})
    assert [first["team"]["activity_code"], second["team"]["activity_code"]] == ["TK/2026/000001", "TK/2026/000002"]
    edited = world.service.update(
        dewi, first["record_id"], {"team": {"team_name": "Tim Baru"}, "declaration": True, "version": 1}
    )
    assert edited["team"]["activity_code"] == "TK/2026/000001" and edited["team"]["team_name"] == "Tim Baru"
    assert edited["history"][-1]["changes"] == {"team_name": ["Tim Pemeriksa", "Tim Baru"]}


def test_an_edit_needs_the_declaration_and_the_version_and_an_unchanged_one_writes_nothing(world):
    dewi = actor(world.person())
    record = world.service.create(dewi, {"kind": "TIM_KERJA", "team": TEAM, "declaration": True})
    rid = record["record_id"]
    with pytest.raises(BusinessRule) as caught:
        world.service.update(dewi, rid, {"team": {"team_name": "X"}, "version": 1})
    assert caught.value.code == "DECLARATION_REQUIRED"
    with pytest.raises(ValidationError) as caught:
        world.service.update(dewi, rid, {"declaration": True})
    assert caught.value.code == "VERSION_REQUIRED"
    with pytest.raises(Conflict) as caught:
        world.service.update(dewi, rid, {"declaration": True, "version": 5})
    assert caught.value.code == "CONFLICT"
    assert world.service.update(dewi, rid, {"declaration": True, "version": 1})["version"] == 1


def test_preview_stores_nothing_and_a_replaced_pdf_is_discarded(world):
    dewi = actor(world.person())
    slip = _pdf(world, dewi)
    preview = world.service.preview(dewi, {"kind": "PENGHARGAAN", "award": AWARD, "upload_token": slip})
    assert preview["document"]["filename"] == "piagam.pdf"
    assert {"label": "Skala Penghargaan", "value": "Provinsi"} in preview["summary"]
    assert world.service.list_own(dewi, {})["items"] == []
    record = world.service.create(
        dewi, {"kind": "PENGHARGAAN", "award": AWARD, "upload_token": slip, "declaration": True}
    )
    old_key = world.records.get(record["record_id"]).document.key
    again = world.service.update(
        dewi, record["record_id"], {"upload_token": _pdf(world, dewi), "declaration": True, "version": 1}
    )
    assert world.uploads.discarded == [old_key] and again["version"] == 2


def test_a_correction_moves_the_record_to_the_employees_current_satker(world):
    dewi_person = world.person()
    dewi = actor(dewi_person)
    record = world.service.create(dewi, {"kind": "TIM_KERJA", "team": TEAM, "declaration": True})
    moved = actor(world.employees.save(replace(dewi_person, satker_id="SEKRETARIAT")))
    edited = world.service.update(
        moved, record["record_id"], {"team": {"sk_valid": False}, "declaration": True, "version": 1}
    )
    assert (edited["satker_id"], edited["team"]["sk_valid"]) == ("SEKRETARIAT", False)


def test_hr_lists_stay_inside_their_scope(world):
    dewi = actor(world.person())
    other = actor(world.person(skpd="DISDIK"))
    hr = actor(world.person(name="Budi"), Role.KEPEGAWAIAN)
    bkd = actor(world.person(skpd="BKPSDM"), Role.BKD)
    mine = world.service.create(dewi, {"kind": "TIM_KERJA", "team": TEAM, "declaration": True})
    theirs = world.service.create(other, {"kind": "TIM_KERJA", "team": TEAM, "declaration": True})
    assert [r["record_id"] for r in world.service.queue(hr, {})["items"]] == [mine["record_id"]]
    with pytest.raises(Forbidden):
        world.service.queue(hr, {"skpd": "DISDIK"})
    with pytest.raises(Forbidden):
        world.service.queue(dewi, {})
    everywhere = world.service.queue(bkd, {})
    assert {r["record_id"] for r in everywhere["items"]} == {mine["record_id"], theirs["record_id"]}
    assert everywhere["waiting"] == {"SERTIFIKASI": 0, "PENGHARGAAN": 0, "TIM_KERJA": 2}
    assert [r["record_id"] for r in world.service.queue(bkd, {"skpd": "DISDIK"})["items"]] == [theirs["record_id"]]
    with pytest.raises(ValidationError) as caught:
        world.service.queue(bkd, {"satker": "PKM-KOTA"})
    assert caught.value.code == "SKPD_REQUIRED"
    with pytest.raises(Forbidden):
        world.service.get(hr, theirs["record_id"])
    assert world.service.get(bkd, theirs["record_id"])["record_id"] == theirs["record_id"]
