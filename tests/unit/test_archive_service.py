"""The archive's use cases as the root wires them over the twins, a fixed clock: no DynamoDB, no S3, no network.
HR verifies documents through the one decision mechanism (`DecisionService` with the `document` kind)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from chalicelib.domain.accounts import Role
from chalicelib.domain.archive import DEFAULT_CATEGORIES
from chalicelib.domain.decisions import Decision, Verdict
from chalicelib.domain.errors import Forbidden, NotFound
from chalicelib.domain.identity import TimeZone
from chalicelib.domain.organisation import Satker, Skpd
from tests.support import payload, verification_query
from tests.unit.world import SATKER, SKPD, Clock, World, actor

PDF = b"%PDF-1.7\n" + b"0" * 100


@pytest.fixture
def world():
    world = World(Clock(datetime(2026, 11, 25, 2, 0, tzinfo=UTC)))
    for skpd in (SKPD, "DISDIK", "BKPSDM"):
        world.org.save_skpd(Skpd(skpd, "Dinas Kesehatan", TimeZone.WIB))
        world.org.save_satker(Satker(skpd, SATKER, "Puskesmas Kota", TimeZone.WIB))
    return world


@pytest.fixture
def archive(world):
    return world.services.archive


def _store(world, owner, code, data=PDF):
    archive = world.services.archive
    request = payload("ArchiveUploadRequest", filename="dokumen.pdf", content_type="application/pdf", size=len(data))
    offer = archive.offer_upload(actor(owner), owner.nip, code, request)
    world.objects.put_bytes(offer["upload"]["fields"]["key"], data, "application/pdf")  # the client's upload
    confirm = payload("ArchiveConfirm", upload_token=offer["upload_token"])
    return archive.confirm_upload(actor(owner), owner.nip, code, confirm)


def test_the_defaults_come_with_the_first_use(world, archive):
    listed = archive.categories(actor(world.person()))["items"]
    assert [c["code"] for c in listed] == [c.code for c in DEFAULT_CATEGORIES]
    assert listed[0]["group_label"] == "Arsip utama" and listed[-1]["group_label"] == "Arsip kondisional"


def test_score_and_completeness_follow_verification(world, archive):
    dewi, agus = world.person(name="Dewi"), world.person(name="Agus")
    hr = world.person(name="Budi")
    officer = actor(hr, Role.KEPEGAWAIAN)
    view = _store(world, dewi, "KTP")
    _store(world, dewi, "NPWP")
    assert (view["score"], view["required"]) == (0, 9)
    bulk = [(f"{dewi.nip}.{c}", None) for c in ("KTP", "NPWP", "KTP")]
    result = world.decisions.decide_many(officer, "document", bulk, Decision(Verdict.APPROVE))
    assert (result["decided"], result["failed"]) == (2, 0)  # a repeated item counts once
    view = archive.archive(officer, dewi.nip)
    assert (view["score"], view["label"], view["verified"]) == (22, "Tidak lengkap", 2)
    page = archive.completeness(officer, payload("ArchiveCompletenessQuery", satker_id=SATKER))
    rows = {r["nip"]: r for r in page["items"]}
    assert rows[dewi.nip]["score"] == 22 and rows[agus.nip]["score"] == 0
    assert len(rows[agus.nip]["missing"]) == 9 and rows[agus.nip]["missing"][0]["status_label"] == "Belum diunggah"
    with pytest.raises(NotFound):
        archive.completeness(officer, payload("ArchiveCompletenessQuery", satker_id="LAIN"))


def test_hr_of_another_skpd_and_colleagues_are_refused(world, archive):
    dewi = world.person()
    _store(world, dewi, "KTP")
    foreign = actor(world.person(skpd="DISDIK"), Role.KEPEGAWAIAN)
    with pytest.raises(Forbidden):
        archive.archive(foreign, dewi.nip)
    ktp = f"{dewi.nip}.KTP"
    with pytest.raises(Forbidden):
        world.decisions.decide(foreign, "document", ktp, Decision(Verdict.APPROVE, version=1))
    with pytest.raises(Forbidden):
        world.decisions.queue(actor(world.person()), verification_query("document", {}))
    outcome = world.decisions.decide_many(foreign, "document", [(ktp, None)], Decision(Verdict.APPROVE))
    assert outcome["results"][0]["code"] == "FORBIDDEN"
    bkd = actor(world.person(skpd="BKPSDM"), Role.BKD)
    decided = world.decisions.decide(bkd, "document", ktp, Decision(Verdict.APPROVE, version=1))
    assert (decided["kind"], decided["id"], decided["status"]) == ("document", ktp, "APPROVED")
    assert archive.archive(bkd, dewi.nip)["verified"] == 1
    approved = world.decisions.queue(bkd, verification_query("document", {"status": "APPROVED", "skpd_id": SKPD}))[
        "items"
    ]
    assert (approved[0]["id"], approved[0]["employee"]["nip"]) == (ktp, dewi.nip)


def test_the_completeness_export_is_a_job_the_worker_builds(world, archive):
    from io import BytesIO

    from openpyxl import load_workbook

    dewi = world.person(name="Dewi")
    hr = actor(world.person(), Role.KEPEGAWAIAN)
    job = archive.request_export(hr, payload("ArchiveExportRequest", satker_id=SATKER))
    assert archive.run_export(job["job_id"]) == "done" and archive.run_export(job["job_id"]) == "skipped"
    book = load_workbook(BytesIO(world.objects.objects[f"exports/{job['job_id']}.xlsx"]))
    names = [row[2].value for row in book["Kelengkapan"].iter_rows(min_row=2) if row[1].value]
    assert "Dewi" in names and dewi.nip in [row[0].value for row in book["Rincian"].iter_rows(min_row=2)]


def test_the_admin_adds_and_changes_categories_and_the_employee_declares_conditions(world, archive):
    admin = actor(world.person(name="Admin"), Role.ADMIN)
    new = {"code": "sk-cuti", "name": " SK cuti besar ", "group": "kondisional", "applies_to": "PNS", "max_kb": 300}
    made = archive.create_category(admin, payload("ArchiveCategoryInput", new))
    assert (made["code"], made["name"], made["group"], made["applies_to"], made["max_kb"], made["files"]) == (
        "SK-CUTI",
        "SK cuti besar",
        "KONDISIONAL",
        "PNS",
        300,
        "PDF",  # not sent: the default
    )
    base = DEFAULT_CATEGORIES[0]
    version = next(c["version"] for c in archive.categories(admin)["items"] if c["code"] == base.code)
    change = payload("ArchiveCategoryPatch", {"name": "SK CPNS (80%)", "active": False, "version": version})
    changed = archive.update_category(admin, base.code, change)
    assert (changed["name"], changed["active"], changed["code"]) == ("SK CPNS (80%)", False, base.code)
    assert (changed["applies_to"], changed["max_kb"]) == (base.applies_to.value, base.max_kb)  # the rest kept
    dewi = world.person()
    declared = payload("ArchiveProfileInput", {"conditions": ["MENIKAH", "memiliki_anak"]})
    assert archive.set_profile(actor(dewi), dewi.nip, declared)["conditions"] == ["MEMILIKI_ANAK", "MENIKAH"]
    cleared = archive.set_profile(actor(dewi), dewi.nip, payload("ArchiveProfileInput", {"conditions": []}))
    assert cleared["conditions"] == []
