"""Use cases of daily activity reports: create, edit, withdraw, copy, read, list, decide."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping
from dataclasses import asdict, replace
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from ..domain.accounts import Actor, Role
from ..domain.attendance import AttendanceDay, local_now
from ..domain.errors import Conflict, Forbidden, NotFound
from ..domain.history import history_view
from ..domain.identity import is_id
from ..domain.reports import (
    STATUS_LABELS,
    SYSTEM,
    Evidence,
    HistoryEntry,
    Report,
    ReportContent,
    ReportStatus,
    changes,
    check_attendance,
    check_content,
    check_overlap,
    compose_content,
    content_dict,
    fill_from_template,
    require_copyable,
    require_editable,
    with_history,
)
from ..store.protocols import (
    AttendanceRepository,
    DayChanged,
    EmployeeRepository,
    ReportRepository,
    TemplateRepository,
)
from .coaching import content_hints

if TYPE_CHECKING:
    from ..schemas import ReportCopy, ReportInput, ReportPatch, ReportQuery, VersionQuery
    from .skp import RhkLinks

DAY_RETRIES = 3


class ReportService:
    def __init__(
        self,
        reports: ReportRepository,
        attendance: AttendanceRepository,
        templates: TemplateRepository,
        employees: EmployeeRepository,
        *,
        clock: Callable[[], datetime],
        backdate_days: int,
        evidence_url: Callable[[str, str], str],
        rhk: RhkLinks | None = None,
        ekinerja: Callable[[Report], dict[str, Any] | None] | None = None,
    ) -> None:
        self._reports, self._attendance, self._templates = reports, attendance, templates
        self._employees = employees
        self._clock, self._backdate_days, self._evidence_url = clock, backdate_days, evidence_url
        self._rhk = rhk  # the link to the employee's approved SKP (issue 19); None: not checked
        self._ekinerja = ekinerja  # an approved report's handoff to e-Kinerja (issue 19), shown in `get`

    # -- writes by the employee ---------------------------------------------------------------

    def create(self, actor: Actor, body: ReportInput) -> dict[str, Any]:
        """File a report (status SUBMITTED) for a day the employee attended; a template gives what was not sent."""
        sent = body.sent()
        if body.template_id:
            template = self._templates.get(actor.nip, body.template_id)
            if template is None:
                raise NotFound("Templat tidak ditemukan.", code="TEMPLATE_NOT_FOUND")
            sent = fill_from_template(template, sent)
        return self._file(actor, compose_content(sent))

    def _file(self, actor: Actor, content: ReportContent, copied_from: str | None = None) -> dict[str, Any]:
        self._check_dates(actor, content)
        self._check_rhk(actor, content)
        now = self._clock()
        action = "COPIED" if copied_from else "CREATED"
        report = Report(
            report_id=uuid.uuid4().hex,
            nip=actor.nip,
            skpd_id=actor.skpd_id,
            satker_id=actor.satker_id,
            supervisor_nip=actor.supervisor_nip,
            content=content,
            status=ReportStatus.SUBMITTED,
            submitted_at=now,
            copied_from=copied_from,
            hints=content_hints(self._reports, actor.nip, content),
            history=(
                HistoryEntry(now, actor.nip, action, {"copied_from": [None, copied_from]} if copied_from else {}),
            ),
        )
        for _ in range(DAY_RETRIES):
            day = check_attendance(self._attendance.get(actor.nip, content.day))
            check_overlap(content, day, zone=actor.timezone.value)
            try:
                return self.view(self._reports.create(report, day))
            except DayChanged:
                continue
        raise _busy()

    def update(self, actor: Actor, report_id: str, body: ReportPatch) -> dict[str, Any]:
        """Edit a SUBMITTED report; ``version`` must be the one the client read."""
        report = self._own(actor, report_id, body.version)
        content = compose_content(body.sent(), base=report.content)
        diff = changes(report.content, content)
        if not diff:
            return self.view(report)
        self._check_dates(actor, content)
        if "rhk_id" in diff or content.day.year != report.content.day.year:
            self._check_rhk(actor, content)
        hints = content_hints(self._reports, actor.nip, content)  # the coach's advice on the new text
        for _ in range(DAY_RETRIES):
            old_day = self._day(actor.nip, report.content.day)
            new_day = old_day if content.day == report.content.day else self._day(actor.nip, content.day)
            check_overlap(content, check_attendance(new_day), report.report_id, actor.timezone.value)
            entry = HistoryEntry(self._clock(), actor.nip, "EDITED", diff)
            updated = with_history(report, entry, content=content, hints=hints)
            try:
                return self.view(self._reports.update(report, updated, old_day, new_day))
            except DayChanged:
                continue
        raise _busy()

    def withdraw(self, actor: Actor, report_id: str, params: VersionQuery) -> dict[str, Any]:
        report = self._own(actor, report_id, params.version)
        entry = HistoryEntry(self._clock(), actor.nip, "WITHDRAWN", {"status": [report.status.value, "WITHDRAWN"]})
        return self.view(
            self._reports.change_status(report, with_history(report, entry, status=ReportStatus.WITHDRAWN))
        )

    def copy(self, actor: Actor, report_id: str, body: ReportCopy) -> dict[str, Any]:
        """Start a new submission from a rejected report; the body may change any field (not its template)."""
        original = self._readable(actor, report_id)
        if original.nip != actor.nip:
            raise Forbidden("Anda hanya dapat menyalin laporan Anda sendiri.")
        require_copyable(original)
        content = compose_content(body.sent(), base=replace(original.content, template_id=None))
        return self._file(actor, content, copied_from=original.report_id)

    # -- reads --------------------------------------------------------------------------------------

    def get(self, actor: Actor, report_id: str) -> dict[str, Any]:
        """One report; once approved, with where its handoff to e-Kinerja stands ("Sudah dikirim ke e-Kinerja")."""
        report = self._readable(actor, report_id)
        body = self.view(report)
        if self._ekinerja is not None and report.status is ReportStatus.APPROVED:
            body["ekinerja"] = self._ekinerja(report)
        return body

    def list_own(self, actor: Actor, params: ReportQuery) -> dict[str, Any]:
        """Own reports newest first; ``q`` searches title and description."""
        items, cursor = self._reports.list_own(
            actor.nip,
            first=params.from_,
            last=params.to,
            status=params.status,
            text=(params.q or "").strip() or None,
            cursor=params.cursor,
            limit=params.limit or 20,
            rhk_id=params.rhk_id,
        )
        texts = self._rhk_texts(actor.nip, {r.content.day.year for r in items if r.content.rhk_id})
        return {"items": [self.view(r, with_history=False, rhk_texts=texts) for r in items], "next_cursor": cursor}

    def _evidence_view(self, evidence: Evidence) -> dict[str, Any]:
        """An evidence file with a short-lived link, always a download (an attachment under its checked name): the
        web client shows a photo through an <img>, which ignores that header."""
        url = self._evidence_url(evidence.key, evidence.filename)
        return {**{k: v for k, v in asdict(evidence).items() if k != "key"}, "url": url}

    def view(
        self, report: Report, *, with_history: bool = True, rhk_texts: Mapping[str, str] | None = None
    ) -> dict[str, Any]:
        """The report as clients see it; evidence comes with short-lived download links. A single report (with its
        history) also names the people it mentions (`_people`)."""
        body: dict[str, Any] = {
            "report_id": report.report_id,
            "nip": report.nip,
            **content_dict(report.content),
            "status": report.status.value,
            "status_label": STATUS_LABELS[report.status],
            "submitted_at": report.submitted_at.isoformat(),
            "supervisor_nip": report.supervisor_nip,
            "decided_by": report.decided_by,
            "decided_for": report.decided_for,
            "decided_at": report.decided_at.isoformat() if report.decided_at else None,
            "rating": report.rating,
            "note": report.note,
            "copied_from": report.copied_from,
            "hints": list(report.hints),
            "evidence": [self._evidence_view(e) for e in report.evidence],
            "version": report.version,
        }
        if report.content.rhk_id:
            texts = self._rhk_texts(report.nip, {report.content.day.year}) if rhk_texts is None else rhk_texts
            body["rhk_text"] = texts.get(report.content.rhk_id)
        if with_history:
            body["history"] = history_view(report.history)
            body["people"] = self._people(report)
        return body

    def _people(self, report: Report) -> dict[str, dict[str, str]]:
        """Name and jabatan of whoever decided the report, for whom, and acted in its history — a delegate the
        employee does not know by NIP (issue 18). One batch read; none while only the employee acted (a report
        nobody decided yet), so reading an undecided report costs what it did."""
        named = {report.decided_by, report.decided_for}
        for entry in report.history:
            named |= {entry.by, entry.changes.get("on_behalf_of", [None, None])[-1]}
        nips = {n for n in named if isinstance(n, str) and n and n not in (report.nip, SYSTEM)}
        if not nips:
            return {}
        found = self._employees.many(nips)
        return {nip: {"name": p.name, "jabatan": p.jabatan} for nip, p in found.items()}

    # -- helpers ------------------------------------------------------------------------------------

    def own_editable(self, actor: Actor, report_id: str) -> Report:
        """The caller's own report, still SUBMITTED."""
        report = self._owned(actor, report_id)
        require_editable(report)
        return report

    def _own(self, actor: Actor, report_id: str, version: int) -> Report:
        """Own, not changed since ``version`` (else CONFLICT), and still SUBMITTED (else REPORT_LOCKED)."""
        report = self._owned(actor, report_id)
        if version != report.version:
            raise _stale_version()
        require_editable(report)
        return report

    def _owned(self, actor: Actor, report_id: str) -> Report:
        report = self.report(report_id)
        if report.nip != actor.nip:
            raise Forbidden("Anda hanya dapat mengubah laporan Anda sendiri.")
        return report

    def _readable(self, actor: Actor, report_id: str) -> Report:
        report = self.report(report_id)
        if actor.nip not in (report.nip, report.supervisor_nip) and not actor.has(Role.ADMIN):
            raise Forbidden("Anda tidak berhak melihat laporan ini.")
        return report

    def report(self, report_id: str) -> Report:
        """A report by id (404 when absent)."""
        report = self._reports.get(report_id) if is_id(report_id) else None
        if report is None:
            raise NotFound("Laporan tidak ditemukan.", code="REPORT_NOT_FOUND")
        return report

    def _day(self, nip: str, day: date) -> AttendanceDay:
        return check_attendance(self._attendance.get(nip, day))

    def _check_rhk(self, actor: Actor, content: ReportContent) -> None:
        if self._rhk is not None:
            self._rhk.check(actor.nip, actor.skpd_id, content.rhk_id, content.day)

    def _rhk_texts(self, nip: str, years: set[int]) -> Mapping[str, str]:
        """RHK id → text for the reports shown (one read per year, only when one names an RHK)."""
        return self._rhk.texts(nip, years) if self._rhk is not None and years else {}

    def _check_dates(self, actor: Actor, content: ReportContent) -> None:
        today = local_now(self._clock(), actor.timezone.iana).date()
        check_content(content, today=today, backdate_days=self._backdate_days)


def _stale_version() -> Conflict:
    return Conflict("Laporan telah diubah oleh pengguna lain; muat ulang lalu coba lagi.", code="CONFLICT")


def _busy() -> Conflict:
    return Conflict("Laporan pada tanggal ini sedang diubah bersamaan; coba lagi.", code="CONFLICT")
