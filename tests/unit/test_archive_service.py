"""The archive's use cases on the in-memory twins with a fixed clock: no DynamoDB, no S3, no network."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from chalicelib.domain.accounts import Role
from chalicelib.domain.archive import DEFAULT_CATEGORIES
from chalicelib.domain.errors import Forbidden, NotFound
from chalicelib.domain.identity import TimeZone
from chalicelib.domain.organisation import Satker, Skpd
from chalicelib.services.archive import ArchiveService
from chalicelib.services.uploads import UploadService
from chalicelib.store.memory import InMemoryArchiveCatalog, InMemoryArchiveRepository
from tests.unit.world import SATKER, SKPD, Clock, Queue, World, actor

PDF = b"%PDF-1.7\n" + b"0" * 100


class Bucket:
    """The few `ObjectStore` calls the archive makes, in a dict."""

    def __init__(self) -> None:
        self.objects: dict[str, bytes] = {}

    def presigned_post(self, key: str, content_type: str, max_bytes: int, expires: int) -> dict[str, Any]:
        return {"url": "https://s3.test/bucket", "fields": {"key": key, "Content-Type": content_type}}

    def head(self, key: str, length: int) -> tuple[int, bytes] | None:
        data = self.objects.get(key)
        return None if data is None else (len(data), data[:length])

    def delete(self, key: str) -> None:
        self.objects.pop(key, None)

    def presigned_get(self, key: str, expires: int, filename: str | None = None) -> str:
        return f"https://s3.test/{key}?ttl={expires}"

    def put_bytes(self, key: str, data: bytes, content_type: str) -> None:
        self.objects[key] = data


class Org:
    def get_satker(self, skpd_id: str, satker_id: str) -> Satker | None:
        return Satker(skpd_id, satker_id, "Puskesmas Kota", TimeZone.WIB) if satker_id == SATKER else None

    def get_skpd(self, skpd_id: str) -> Skpd | None:
        return Skpd(skpd_id, "Dinas Kesehatan", TimeZone.WIB)


class Jobs:
    def __init__(self) -> None:
        self.jobs: dict[str, dict[str, Any]] = {}

    def create(self, job_id: str, owner_nip: str, request: dict[str, object], now: datetime) -> None:
        self.jobs[job_id] = {"owner": owner_nip, "request": request, "status": "PENDING"}

    def get(self, job_id: str) -> Any:
        from chalicelib.domain.exports import ExportJob

        job = self.jobs.get(job_id)
        return job and ExportJob(job_id, job["owner"], job["status"], job["request"], job.get("key"), None, None)

    def finish(self, job_id: str, now: datetime, *, key=None, name=None, error=None) -> None:
        self.jobs[job_id].update(status="FAILED" if error else "DONE", key=key, error=error)


@pytest.fixture
def world():
    return World(Clock(datetime(2026, 11, 25, 2, 0, tzinfo=UTC)))


@pytest.fixture
def archive(world):
    bucket = Bucket()
    service = ArchiveService(
        InMemoryArchiveCatalog(),
        InMemoryArchiveRepository(),
        world.employees,
        Org(),
        UploadService(bucket, keys="unit-test-secret-0123456789-abcdefghijkl", clock=world.clock),
        Jobs(),
        Queue(),
        bucket,
        clock=world.clock,
        url_ttl=300,
    )
    service.bucket = bucket  # type: ignore[attr-defined]
    return service


def _store(archive, owner, code, data=PDF):
    offer = archive.offer_upload(actor(owner), owner.nip, code, "dokumen.pdf", "application/pdf", len(data))
    archive.bucket.objects[offer["upload"]["fields"]["key"]] = data
    return archive.confirm_upload(actor(owner), owner.nip, code, offer["upload_token"])


def test_the_defaults_come_with_the_first_use(world, archive):
    listed = archive.categories(actor(world.person()))["items"]
    assert [c["code"] for c in listed] == [c.code for c in DEFAULT_CATEGORIES]
    assert listed[0]["group_label"] == "Arsip utama" and listed[-1]["group_label"] == "Arsip kondisional"


def test_score_and_completeness_follow_verification(world, archive):
    dewi, agus = world.person(name="Dewi"), world.person(name="Agus")
    hr = world.person(name="Budi")
    officer = actor(hr, Role.KEPEGAWAIAN)
    view = _store(archive, dewi, "KTP")
    _store(archive, dewi, "NPWP")
    assert (view["score"], view["required"]) == (0, 9)
    bulk = {"decision": "APPROVED", "items": [{"nip": dewi.nip, "category": c} for c in ("KTP", "NPWP", "KTP")]}
    result = archive.decide_many(officer, bulk)
    assert (result["decided"], result["failed"]) == (2, 0)  # a repeated item counts once
    view = archive.archive(officer, dewi.nip)
    assert (view["score"], view["label"], view["verified"]) == (22, "Tidak lengkap", 2)
    page = archive.completeness(officer, {"satker_id": SATKER})
    rows = {r["nip"]: r for r in page["items"]}
    assert rows[dewi.nip]["score"] == 22 and rows[agus.nip]["score"] == 0
    assert len(rows[agus.nip]["missing"]) == 9 and rows[agus.nip]["missing"][0]["status_label"] == "Belum diunggah"
    with pytest.raises(NotFound):
        archive.completeness(officer, {"satker_id": "LAIN"})


def test_hr_of_another_skpd_and_colleagues_are_refused(world, archive):
    dewi = world.person()
    _store(archive, dewi, "KTP")
    foreign = actor(world.person(skpd="DISDIK"), Role.KEPEGAWAIAN)
    with pytest.raises(Forbidden):
        archive.archive(foreign, dewi.nip)
    with pytest.raises(Forbidden):
        archive.decide(foreign, dewi.nip, "KTP", {"decision": "APPROVED", "version": 1})
    with pytest.raises(Forbidden):
        archive.queue(actor(world.person()), {})
    outcome = archive.decide_many(foreign, {"decision": "APPROVED", "items": [{"nip": dewi.nip, "category": "KTP"}]})
    assert outcome["results"][0]["code"] == "FORBIDDEN"
    bkd = actor(world.person(skpd="BKPSDM"), Role.BKD)
    assert archive.decide(bkd, dewi.nip, "KTP", {"decision": "APPROVED", "version": 1})["verified"] == 1
    assert archive.queue(bkd, {"status": "APPROVED", "skpd_id": SKPD})["items"][0]["nip"] == dewi.nip


def test_the_completeness_export_is_a_job_the_worker_builds(world, archive):
    from io import BytesIO

    from openpyxl import load_workbook

    dewi = world.person(name="Dewi")
    hr = actor(world.person(), Role.KEPEGAWAIAN)
    job = archive.request_export(hr, {"satker_id": SATKER})
    assert archive.run_export(job["job_id"]) == "done" and archive.run_export(job["job_id"]) == "skipped"
    book = load_workbook(BytesIO(archive.bucket.objects[f"exports/{job['job_id']}.xlsx"]))
    names = [row[2].value for row in book["Kelengkapan"].iter_rows(min_row=2) if row[1].value]
    assert "Dewi" in names and dewi.nip in [row[0].value for row in book["Rincian"].iter_rows(min_row=2)]
