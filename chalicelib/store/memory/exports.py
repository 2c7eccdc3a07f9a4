"""In-memory twin of `DynamoExportJobs`: export jobs, ``PENDING`` until finished."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import datetime
from typing import Any

from ...domain.errors import Conflict
from ...domain.exports import ExportJob


class InMemoryExportJobs:
    """Behaves like `DynamoExportJobs`: a job id is created once; ``finish`` makes it DONE (with its file) or FAILED.

    The request is kept as JSON, as DynamoDB's ``JSONAttribute`` keeps it (a copy comes back). ``finish`` of an
    unknown id does nothing here (DynamoDB would write a partial item; the worker only finishes jobs it read).
    """

    def __init__(self) -> None:
        self._jobs: dict[str, ExportJob] = {}

    def create(self, job_id: str, owner_nip: str, request: dict[str, Any], now: datetime) -> None:
        if job_id in self._jobs:  # DynamoDB: the put's condition fails (PutError)
            raise Conflict("Ekspor ini sudah ada.", code="ALREADY_EXISTS")
        self._jobs[job_id] = ExportJob(job_id, owner_nip, "PENDING", json.loads(json.dumps(request)))

    def get(self, job_id: str) -> ExportJob | None:
        job = self._jobs.get(job_id)
        return None if job is None else replace(job, request=json.loads(json.dumps(job.request)))

    def finish(
        self, job_id: str, now: datetime, *, key: str | None = None, name: str | None = None, error: str | None = None
    ) -> None:
        job = self._jobs.get(job_id)
        if job is None:
            return
        job = replace(job, status="FAILED" if error else "DONE")
        if key:
            job = replace(job, file_key=key, file_name=name)
        if error:
            job = replace(job, error=error)
        self._jobs[job_id] = job
