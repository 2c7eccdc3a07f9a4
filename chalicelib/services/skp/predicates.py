"""A quarter's predicates in bulk (issue 19): the distribution of predicates per satker for HR of an SKPD, BKD and
the admin, and the predicates Excel of a supervisor's staff or of an SKPD, built by the exports worker.

Every read is keyed: an SKPD's quarter is one paged Query of `skp.by_skpd_predicate` (the counts need nothing
else), a supervisor's staff are their ``employees.by_supervisor`` pages and a BatchGetItem of their quarter's
items; the Excel then looks up names 100 NIPs at a time and the satker names in one Query per SKPD.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from ...domain.accounts import Actor, Employee, hr_skpd_scope, require_hr
from ...domain.assessment import PREDICATE_LABELS, Predicate, quarter_label
from ...domain.attendance import local_now
from ...domain.errors import Forbidden, NotFound, ValidationError
from ...domain.identity import TimeZone
from ...domain.predicates import PredicateLine, SatkerCounts, distribution, line_of
from ...domain.skp import skp_id_of
from ...integrations.queue import NotificationQueue
from ...integrations.storage import ObjectStore
from ...store.protocols import AssessmentRepository, EmployeeRepository, ExportJobs, OrgRepository

if TYPE_CHECKING:
    from ...documents.predicates import PredicateRow
    from ...schemas import PredicateExportRequest, PredicateQuery

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_BATCH = 100  # NIPs per BatchGetItem
_PAGE = 100


class PredicateService:
    def __init__(
        self,
        assessments: AssessmentRepository,
        employees: EmployeeRepository,
        org: OrgRepository,
        jobs: ExportJobs,
        store: ObjectStore,
        queue: NotificationQueue,
        *,
        clock: Callable[[], datetime],
    ) -> None:
        self._assessments, self._employees, self._org = assessments, employees, org
        self._jobs, self._store, self._queue, self._clock = jobs, store, queue, clock

    # -- HR's and BKD's distribution --------------------------------------------------------------------

    def distribution(self, actor: Actor, params: PredicateQuery) -> dict[str, Any]:
        """Each satker's count of each predicate in the quarter, and the SKPD's totals."""
        skpd_id = self._hr_skpd(actor, params.skpd_id)
        skpd = self._org.get_skpd(skpd_id)
        if skpd is None:
            raise NotFound("SKPD tidak ditemukan.", code="SKPD_NOT_FOUND")
        satker = self._org.list_satker(skpd_id)
        names = {s.satker_id: s.name for s in satker}
        rows, totals = distribution(
            self._assessments.predicates_in_skpd(skpd_id, params.year, params.quarter), [s.satker_id for s in satker]
        )
        return {
            "year": params.year,
            "quarter": params.quarter,
            "label": quarter_label(params.year, params.quarter),
            "skpd": {"skpd_id": skpd.skpd_id, "name": skpd.name},
            "predicates": [{"predicate": p.value, "label": PREDICATE_LABELS[p]} for p in Predicate],
            "satker": [_counts_view(r, names.get(r.satker_id, r.satker_id)) for r in rows],
            "totals": _counts_view(totals, "Jumlah"),
        }

    # -- the Excel (a job of the exports worker) ----------------------------------------------------------

    def request_export(self, actor: Actor, body: PredicateExportRequest) -> dict[str, Any]:
        """Check the scope, record a job and queue it; the client polls `GET /exports/{id}` as for any export.
        ``penilai``: the caller's own direct staff (any supervisor); ``skpd``: an SKPD, or one satker of it (HR of
        that SKPD, BKD, the admin)."""
        request: dict[str, Any] = {"kind": "predicates", "format": "xlsx", "year": body.year, "quarter": body.quarter}
        if body.scope == "penilai":
            if not self._employees.has_subordinates(actor.nip):
                raise Forbidden("Anda tidak memiliki staf langsung.", code="NO_STAFF")
            request.update(scope="penilai", penilai_nip=actor.nip)
        else:
            skpd_id = self._hr_skpd(actor, body.skpd_id)
            if self._org.get_skpd(skpd_id) is None:
                raise NotFound("SKPD tidak ditemukan.", code="SKPD_NOT_FOUND")
            if body.satker_id and self._org.get_satker(skpd_id, body.satker_id) is None:
                raise NotFound("Satker tidak ditemukan.", code="SATKER_NOT_FOUND")
            request.update(scope="skpd", skpd_id=skpd_id)
            if body.satker_id:
                request["satker_id"] = body.satker_id
        job_id = uuid.uuid4().hex
        self._jobs.create(job_id, actor.nip, request, self._clock())
        self._queue.send_all([{"kind": "predicates", "job_id": job_id}])
        return {"job_id": job_id, "status": "PENDING"}

    def run_export(self, job_id: str) -> str:
        """Build one predicates workbook into S3 `exports/` (again, if the message comes twice)."""
        job = self._jobs.get(job_id)
        if job is None or job.status in ("DONE", "FAILED"):
            return "skipped"
        request = job.request
        year, quarter = int(request["year"]), int(request["quarter"])
        if request["scope"] == "penilai":
            owner = self._employees.get(request["penilai_nip"])
            staff = self._staff_of(request["penilai_nip"])
            found = self._assessments.of_quarter([skp_id_of(e.nip, year) for e in staff], quarter)
            lines = [line_of(a) for a in found]
            unit = f"Staf langsung {owner.name if owner else request['penilai_nip']}"
            file_unit, zone = request["penilai_nip"], (owner.timezone if owner else TimeZone.WIB).iana
        else:
            skpd_id = request["skpd_id"]
            lines = list(self._assessments.predicates_in_skpd(skpd_id, year, quarter, request.get("satker_id")))
            skpd = self._org.get_skpd(skpd_id)
            unit = skpd.name if skpd else skpd_id
            zone = (skpd.timezone if skpd else TimeZone.WIB).iana
            file_unit = f"{skpd_id}-{request['satker_id']}" if request.get("satker_id") else skpd_id
        people = self._people({n for line in lines for n in (line.nip, line.penilai_nip) if n})
        satker_names = self._satker_names({p.skpd_id for p in people.values()} | {request.get("skpd_id") or ""})
        rows = sorted(
            (self._row(line, people, satker_names) for line in lines),
            key=lambda r: (r.satker.lower(), r.name.lower(), r.line.nip),
        )
        ordered = sorted({line.satker_id for line in lines}, key=lambda s: satker_names.get(s, s).lower())
        counts, totals = distribution(lines, ordered)
        from ...documents.predicates import predicates_workbook

        data = predicates_workbook(
            unit=unit,
            period=quarter_label(year, quarter),
            as_of=local_now(self._clock(), zone).date(),
            rows=rows,
            counts=[*counts, totals],
            satker_names=satker_names,
        )
        key = f"exports/{job_id}.xlsx"
        self._store.put_bytes(key, data, XLSX)
        self._jobs.finish(job_id, self._clock(), key=key, name=f"predikat-{file_unit}-{year}-triwulan-{quarter}.xlsx")
        return "done"

    # -- helpers ------------------------------------------------------------------------------------------

    def _hr_skpd(self, actor: Actor, skpd_id: str | None) -> str:
        """The SKPD an HR read is about: HR's own (another is refused), any for BKD and the admin, who name it."""
        own = hr_skpd_scope(actor)  # refuses whoever is none of them
        if own is None and not skpd_id:
            raise ValidationError("Pilih SKPD.", code="SKPD_REQUIRED", details={"field": "skpd_id"})
        chosen = skpd_id or own or ""
        require_hr(actor, chosen)
        return chosen

    def _staff_of(self, nip: str) -> list[Employee]:
        staff: list[Employee] = []
        cursor: str | None = None
        while True:
            page, cursor = self._employees.subordinates(nip, cursor, _PAGE)
            staff += page
            if not cursor:
                return staff

    def _people(self, nips: Iterable[str]) -> dict[str, Employee]:
        ordered, found = sorted(nips), {}
        for start in range(0, len(ordered), _BATCH):
            found.update(self._employees.many(set(ordered[start : start + _BATCH])))
        return found

    def _satker_names(self, skpd_ids: Iterable[str]) -> dict[str, str]:
        return {s.satker_id: s.name for skpd_id in skpd_ids if skpd_id for s in self._org.list_satker(skpd_id)}

    def _row(self, line: PredicateLine, people: dict[str, Employee], satker_names: dict[str, str]) -> PredicateRow:
        from ...documents.predicates import PredicateRow

        employee, penilai = people.get(line.nip), people.get(line.penilai_nip)
        zone = (employee.timezone if employee else TimeZone.WIB).iana
        return PredicateRow(
            line=line,
            name=employee.name if employee else line.nip,
            jabatan=employee.jabatan if employee else "",
            satker=satker_names.get(line.satker_id, line.satker_id),
            penilai=penilai.name if penilai else line.penilai_nip,
            acknowledged_on=local_now(line.acknowledged_at, zone).date() if line.acknowledged_at else None,
        )


def _counts_view(row: SatkerCounts, name: str) -> dict[str, Any]:
    return {
        "satker_id": row.satker_id or None,
        "name": name,
        "counts": {p.value: n for p, n in row.counts.items()},
        "assessed": row.assessed,
    }
