"""One contract, two implementations: export jobs in memory and in DynamoDB Local."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest
from pynamodb.exceptions import PutError

from chalicelib.domain.errors import Conflict
from chalicelib.domain.exports import ExportJob
from tests.support import make_nip

NOW = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)
REQUEST = {"kind": "recap", "first": "2026-02-01", "last": "2026-02-28", "satker": ["A1", "B2"], "rows": 3}


@pytest.fixture(params=["memory", "dynamodb"])
def jobs(request):
    if request.param == "memory":
        from chalicelib.store.memory import InMemoryExportJobs

        return InMemoryExportJobs()
    request.getfixturevalue("stack")
    from chalicelib.store.exports import DynamoExportJobs

    return DynamoExportJobs()


class TestExportJobsContract:
    def test_a_job_is_pending_until_done(self, jobs):
        job_id, nip = uuid.uuid4().hex, make_nip()
        jobs.create(job_id, nip, REQUEST, NOW)
        assert jobs.get(job_id) == ExportJob(job_id, nip, "PENDING", REQUEST)
        jobs.get(job_id).request["kind"] = "changed"  # a copy comes back
        assert jobs.get(job_id).request == REQUEST
        jobs.finish(job_id, NOW + timedelta(minutes=1), key="exports/x.pdf", name="Rekap.pdf")
        assert jobs.get(job_id) == ExportJob(job_id, nip, "DONE", REQUEST, "exports/x.pdf", "Rekap.pdf")
        assert jobs.get(uuid.uuid4().hex) is None

    def test_a_failed_job_keeps_its_reason(self, jobs):
        job_id, nip = uuid.uuid4().hex, make_nip()
        jobs.create(job_id, nip, {}, NOW)
        jobs.finish(job_id, NOW, error="Terlalu banyak data.")
        assert jobs.get(job_id) == ExportJob(job_id, nip, "FAILED", {}, error="Terlalu banyak data.")

    def test_a_job_id_is_created_once(self, jobs):
        job_id, nip = uuid.uuid4().hex, make_nip()
        jobs.create(job_id, nip, REQUEST, NOW)
        with pytest.raises((Conflict, PutError)):
            jobs.create(job_id, make_nip(), {}, NOW)
        assert jobs.get(job_id) == ExportJob(job_id, nip, "PENDING", REQUEST)
