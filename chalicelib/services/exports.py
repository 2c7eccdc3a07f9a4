"""Print and export: a preview as JSON, and PDF/Excel files built by a queue worker into S3 `exports/`."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from datetime import date, datetime
from itertools import chain
from typing import TYPE_CHECKING, Any

from ..domain.accounts import Actor, Employee, require_hr
from ..domain.attendance import local_now
from ..domain.errors import Forbidden, NotFound, ValidationError, not_one_of
from ..domain.exports import (
    ExportFormat,
    ExportKind,
    Period,
    PeriodKind,
    RecapRow,
    RecapTally,
    ReportLine,
    ScopeKind,
    period_of,
    position_date,
    report_rows,
    totals,
    working_days,
)
from ..domain.identity import is_id
from ..domain.organisation import Satker, Skpd
from ..domain.reports import ReportStatus
from ..integrations.queue import NotificationQueue
from ..integrations.storage import ObjectStore
from ..integrations.upload_stream import MultipartUpload
from ..store.protocols import (
    EmployeeRepository,
    ExportJobs,
    ExportSource,
    HolidayOverrides,
    LeaveRepository,
    OrgRepository,
)

if TYPE_CHECKING:
    from ..schemas import ExportRequest, PreviewQuery, RecapScope
    from .discipline_recap import DisciplineRecap

FORMATS = {
    ExportFormat.PDF: "application/pdf",
    ExportFormat.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
#: content type by the file's extension: the formats asked for, and the archive a large PDF recap becomes
CONTENT_TYPES = {**{f.value: t for f, t in FORMATS.items()}, "zip": "application/zip"}


class ExportOutput:
    """The one file of a job, written into S3 as it is produced (`MultipartUpload`) under ``<prefix>.<ext>``.

    The builder opens it by the file's name once it knows it (a large PDF recap turns out to be an archive only
    while it is being written); the worker completes it, or aborts it when the build fails. A build that never
    opened it is a bug, not an empty file: `complete` then raises rather than let a job finish with no file.
    """

    def __init__(self, store: ObjectStore, prefix: str) -> None:
        self._store, self._prefix = store, prefix
        self._file: MultipartUpload | None = None

    def open(self, name: str) -> MultipartUpload:
        if self._file is not None:
            raise RuntimeError(f"{self._file.key} is already open")
        ext = name.rsplit(".", 1)[-1]
        self._file = MultipartUpload(self._store, f"{self._prefix}.{ext}", CONTENT_TYPES[ext])
        return self._file

    @property
    def key(self) -> str | None:
        return self._file.key if self._file else None

    @property
    def size(self) -> int:
        return self._file.size if self._file else 0

    def complete(self) -> str:
        """Finish the file; its key."""
        if self._file is None:
            raise RuntimeError(f"the job's file {self._prefix}.* was never opened by its builder")
        self._file.complete()
        return self._file.key

    def abort(self) -> None:
        """Drop what was sent, while the build's error is being raised (a failing abort is logged, not raised)."""
        if self._file is not None:
            self._file.abort_after_error()


class ExportService:
    def __init__(
        self,
        reads: ExportSource,
        employees: EmployeeRepository,
        org: OrgRepository,
        overrides: HolidayOverrides,
        jobs: ExportJobs,
        store: ObjectStore,
        queue: NotificationQueue,
        *,
        clock: Callable[[], datetime],
        url_ttl: int,
        leave: LeaveRepository,
        discipline: DisciplineRecap | None = None,
    ) -> None:
        self._reads, self._employees, self._org = reads, employees, org
        self._overrides, self._jobs, self._store, self._queue = overrides, jobs, store, queue
        self._clock, self._url_ttl = clock, url_ttl
        self._leave = leave  # approved leave days are counted apart in recaps
        self._discipline = discipline  # the monthly discipline recap (services/discipline_recap.py)

    # -- API side ----------------------------------------------------------------------------------

    def preview(self, actor: Actor, params: PreviewQuery) -> dict[str, Any]:
        """The caller's own report for a period, as rows and totals."""
        period = period_of(params.period, day=params.date, month=params.month, first=params.from_, last=params.to)
        status = _status(params.status)
        rows = report_rows(self._reads.report_lines_of([actor.nip], period.first, period.last), status)
        return {
            "period": {"first": period.first.isoformat(), "last": period.last.isoformat(), "label": period.label},
            "status": status.value if status else "ALL",
            "rows": [_row_json(n, r) for n, r in enumerate(rows, start=1)],
            "totals": totals(rows),
        }

    def request(self, actor: Actor, body: ExportRequest) -> dict[str, Any]:
        """Check the request and its scope, record a job, queue it; the client polls `GET /exports/{id}`.

        The job keeps the request as text (the worker builds the period again from it, `_stored_period`)."""
        period_of(body.period, day=body.date, month=body.month, first=body.from_, last=body.to)
        status = _status(body.status)
        request = {"kind": body.kind.value, "format": body.format.value, "status": status.value if status else "ALL"}
        sent = {"period": body.period.value, "date": body.date, "month": body.month, "from": body.from_, "to": body.to}
        request.update({k: _stored(k, v) for k, v in sent.items() if v is not None})
        if body.kind is ExportKind.RECAP:
            request.update(self._recap_scope(actor, body.scope))
        elif body.kind is ExportKind.DISCIPLINE:
            request.update(self._discipline_recap().scope(actor, body))
        job_id = uuid.uuid4().hex
        self._jobs.create(job_id, actor.nip, request, self._clock())
        self._queue.send_all([{"kind": "export", "job_id": job_id}])
        return {"job_id": job_id, "status": "PENDING"}

    def job(self, actor: Actor, job_id: str) -> dict[str, Any]:
        item = self._jobs.get(job_id) if is_id(job_id) else None
        if item is None or item.owner_nip != actor.nip:
            raise NotFound("Ekspor tidak ditemukan.", code="EXPORT_NOT_FOUND")
        view: dict[str, Any] = {"job_id": job_id, "status": item.status, "request": item.request, "error": item.error}
        if item.status == "DONE" and item.file_key:
            view["url"] = self._store.presigned_get(item.file_key, self._url_ttl, item.file_name)
            view["expires_in"] = self._url_ttl
            # what the browser saves it as: a large PDF recap is a ZIP of PDF parts, and the screen says so
            view["file_name"] = item.file_name
        return view

    def _recap_scope(self, actor: Actor, scope: RecapScope | None) -> dict[str, str]:
        """Subordinates (any supervisor), a satker or the whole SKPD (HR of that SKPD); a recap needs one."""
        if scope is None or scope.type is ScopeKind.ALL:  # every SKPD: the discipline recap only
            allowed = [s.value for s in ScopeKind if s is not ScopeKind.ALL]
            raise not_one_of("scope", allowed, "Cakupan rekap", "INVALID_SCOPE")
        if scope.type is ScopeKind.SUBORDINATES:
            return {"scope": "subordinates", "supervisor_nip": actor.nip}
        skpd_id = scope.skpd_id or actor.skpd_id
        require_hr(actor, skpd_id)
        if scope.type is ScopeKind.SKPD:
            return {"scope": "skpd", "skpd_id": skpd_id}
        satker_id = scope.satker_id
        if not satker_id:
            raise ValidationError(
                "Kode harus 2-32 karakter huruf besar, angka, atau tanda '-'.",
                code="INVALID_CODE",
                details={"field": "satker_id"},
            )
        if self._org.get_satker(skpd_id, satker_id) is None:
            raise NotFound("Satker tidak ditemukan.", code="SATKER_NOT_FOUND")
        return {"scope": "satker", "skpd_id": skpd_id, "satker_id": satker_id}

    # -- worker side -------------------------------------------------------------------------------

    def run(self, job_id: str) -> str:
        """Build one job's file (again, if a message comes twice: the result is the same file)."""
        item = self._jobs.get(job_id)
        if item is None or item.status in ("DONE", "FAILED"):
            return "skipped"
        request = dict(item.request)
        output = ExportOutput(self._store, f"exports/{job_id}")
        try:
            name = self._build(item.owner_nip, request, output)
            key = output.complete()
        except (ValidationError, NotFound, Forbidden) as exc:
            output.abort()
            self._jobs.finish(job_id, self._clock(), error=exc.message)
            return "failed"
        except BaseException:
            output.abort()  # S3 keeps no parts of a file never finished; the message comes back
            raise
        self._jobs.finish(job_id, self._clock(), key=key, name=name)
        return "done"

    def _build(self, owner_nip: str, request: dict[str, str], output: ExportOutput) -> str:
        """Write the job's file into ``output``; return the name it is downloaded under."""
        period, status = _stored_period(request), _status(request.get("status"))
        owner = self._employee(owner_nip)
        today = local_now(self._clock(), owner.timezone.iana).date()
        if request["kind"] == "reports":
            data, name = self._employee_file(owner, period, status, request["format"], today)
        elif request["kind"] == ExportKind.DISCIPLINE.value:
            data, name = self._discipline_recap().build(owner, request, today)
        else:
            return self._recap_file(owner, request, period, status, today, output)
        output.open(name).write(data)
        return name

    def _employee_file(
        self, employee: Employee, period: Period, status: ReportStatus | None, fmt: str, today: date
    ) -> tuple[bytes, str]:
        from ..documents import render

        rows = report_rows(self._reads.report_lines_of([employee.nip], period.first, period.last), status)
        name = f"laporan-{employee.nip}-{period.first:%Y%m%d}-{period.last:%Y%m%d}.{fmt}"
        if fmt == "xlsx":
            return render.employee_workbook(rows, employee.timezone.value), name
        instansi, place = self._letterhead(employee.skpd_id)
        satker = self._org.get_satker(employee.skpd_id, employee.satker_id)
        supervisor = self._employees.get(employee.supervisor_nip) if employee.supervisor_nip else None
        document = render.employee_document(
            instansi=instansi,
            satker=satker.name if satker else employee.satker_id,
            period=period,
            employee=employee,
            rows=rows,
            summary=totals(rows),
            supervisor=supervisor,
            place=place,
            today=today,
        )
        return render.pdf_bytes(document), name

    def _recap_file(
        self,
        owner: Employee,
        request: dict[str, str],
        period: Period,
        status: ReportStatus | None,
        today: date,
        output: ExportOutput,
    ) -> str:
        """Reports stream from DynamoDB into the detail table (written, or laid out for the PDF, while later
        days are still being read) and attendance is read alongside; the summary is made last.

        The file goes into ``output`` as it is written, and only per-employee counts are kept, so memory stays
        flat whatever the recap's size: the workbook is streamed row by row, and a PDF recap too large to
        hold becomes an archive of PDF parts (`documents/recap_pdf.py` says why)."""
        first, last = period.first, period.last
        with ThreadPoolExecutor(max_workers=1) as alongside:
            if request["scope"] == "subordinates":
                staff = self._reads.subordinates(owner.nip)
                nips = [e.nip for e in staff]
                attended = alongside.submit(self._reads.attended_of, nips, first, last)
                chunks: Iterable[list[ReportLine]] = [self._reads.report_lines_of(nips, first, last)]
                skpd_id, title = owner.skpd_id, f"Bawahan {owner.name}"
                counted_to = today  # in the supervisor's zone
            else:
                skpd_id = request["skpd_id"]
                satker_ids = (
                    [request["satker_id"]]
                    if request["scope"] == "satker"
                    else [s.satker_id for s in self._org.list_satker(skpd_id)]
                )
                attended = alongside.submit(self._attended_in, skpd_id, satker_ids, first, last)
                staff = [e for satker_id in satker_ids for e in self._reads.staff(skpd_id, satker_id)]
                chunks = chain.from_iterable(
                    self._reads.report_days_of_satker(skpd_id, s, first, last) for s in satker_ids
                )
                satker = self._org.get_satker(skpd_id, satker_ids[0]) if request["scope"] == "satker" else None
                title = satker.name if satker else "Seluruh satker"
                counted_to = self._today_in(satker or self._org.get_skpd(skpd_id), today)
            as_of = position_date(period, counted_to)  # a period not ended: working days up to today only
            tally = RecapTally(working_days(period, self._overrides_between(first, last), until=counted_to), status)
            staff.sort(key=lambda e: e.name.lower())
            names = {e.nip: e.name for e in staff}
            zones = {e.nip: e.timezone.value for e in staff}  # each one's times are in their own zone
            on_leave = alongside.submit(self._on_leave, [e.nip for e in staff], first, last)

            def summary() -> list[RecapRow]:
                return tally.rows(((e.nip, e.name, e.jabatan) for e in staff), attended.result(), on_leave.result())

            from ..documents import recap_pdf, render

            name = f"rekap-{request['scope']}-{first:%Y%m%d}-{last:%Y%m%d}.{request['format']}"
            if request["format"] == "xlsx":
                render.write_recap_workbook(output.open(name), tally.take(chunks), summary, names, as_of, zones)
                return name
            instansi, place = self._letterhead(skpd_id)
            return recap_pdf.write_recap_pdf(
                output.open,
                name,
                instansi=instansi,
                unit=title,
                period=period,
                reports=tally.take(chunks),
                summary=summary,
                names=names,
                signer=owner,
                place=place,
                today=today,
                as_of=as_of,
                zones=zones,
            )

    def _discipline_recap(self) -> DisciplineRecap:
        if self._discipline is None:
            raise NotFound("Rekap disiplin tidak tersedia.", code="EXPORT_NOT_AVAILABLE")
        return self._discipline

    def _today_in(self, unit: Satker | Skpd | None, fallback: date) -> date:
        """Today in the zone of the satker (or SKPD) a recap counts; ``fallback`` when it is unknown."""
        return local_now(self._clock(), unit.timezone.iana).date() if unit else fallback

    def _letterhead(self, skpd_id: str) -> tuple[str, str]:
        """The instansi's name and the city a document is signed in."""
        skpd = self._org.get_skpd(skpd_id)
        return (skpd.name, skpd.city) if skpd else (skpd_id, "")

    def _attended_in(self, skpd_id: str, satker_ids: list[str], first: date, last: date) -> dict[str, set[date]]:
        attended: dict[str, set[date]] = {}
        for satker_id in satker_ids:
            for nip, days in self._reads.attended_in_satker(skpd_id, satker_id, first, last).items():
                attended.setdefault(nip, set()).update(days)
        return attended

    def _on_leave(self, nips: list[str], first: date, last: date) -> dict[str, set[date]]:
        """Each employee's days of approved leave in the period (their held days, 100 employees per read)."""
        if not nips:
            return {}
        calendars = self._leave.calendars(set(nips))
        return {nip: calendar.approved_days(first, last) for nip, calendar in calendars.items()}

    def _overrides_between(self, first: date, last: date) -> dict[date, str | None]:
        return {d: n for year in range(first.year, last.year + 1) for d, n in self._overrides.for_year(year).items()}

    def _employee(self, nip: str) -> Employee:
        employee = self._employees.get(nip)
        if employee is None:
            raise NotFound("Pegawai tidak ditemukan.", code="EMPLOYEE_NOT_FOUND")
        return employee


def _row_json(number: int, row: ReportLine) -> dict[str, Any]:
    return {
        "no": number,
        "date": row.day.isoformat(),
        "start_time": f"{row.start:%H:%M}",
        "end_time": f"{row.end:%H:%M}",
        "title": row.title,
        "description": row.description,
        "output": row.output,
        "status": row.status.value,
        "status_label": row.status_label,
        "rating": row.rating,
        "minutes": row.minutes,
    }


def _status(value: ReportStatus | str | None) -> ReportStatus | None:
    """The status filter: a `ReportStatus` (the model gives the member; a stored job its value), or ALL (None)."""
    if value is None or str(value).upper() == "ALL":
        return None
    return ReportStatus(value)


def _stored(name: str, value: Any) -> str:
    """A period field as the job keeps it: ``YYYY-MM`` for the month, ``YYYY-MM-DD`` for a date."""
    if name == "month":
        return f"{value:%Y-%m}"
    return value if isinstance(value, str) else value.isoformat()


def _stored_period(request: Mapping[str, str]) -> Period:
    """The period of a stored job (its fields were checked when it was requested)."""

    def day(name: str) -> date | None:
        text = request.get(name)
        return date.fromisoformat(text) if text else None

    month = request.get("month")
    return period_of(
        PeriodKind(request["period"]),
        day=day("date"),
        month=date.fromisoformat(f"{month}-01") if month else None,
        first=day("from"),
        last=day("to"),
    )
