"""Use cases of leave (cuti): apply, consider, decide, number, cancel; queues, lists, balance, the letter.

Who may do what:
- the employee applies for themselves, reads their own requests and balance, cancels while pending;
- the direct supervisor (or whoever holds their delegation) gives consideration;
- the official who grants leave (the SKPD's configured one, else the supervisor's supervisor; or their delegate)
  decides; when the supervisor is that official, their one decision covers both steps;
- ``PENOMORAN`` of the request's SKPD gives the letter its number;
- HR (``KEPEGAWAIAN`` of the SKPD, ``BKD``, admin) lists and exports an SKPD's leave, sets the SKPD's leave
  settings and employees' opening balances, and cancels approved leave (so does the official).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Any

from ..domain.accounts import Actor, Employee, Role, hr_skpd_scope, require_hr, require_skpd_staff
from ..domain.attendance import local_now
from ..domain.errors import BusinessRule, Conflict, Forbidden, NotFound, ValidationError, not_one_of
from ..domain.identity import is_id, validate_code, validate_nip, validate_text, validate_version
from ..domain.leave import (
    STATUS_LABELS,
    TYPE_LABELS,
    VERDICT_LABELS,
    Attachment,
    LeaveCalendar,
    LeaveRequest,
    LeaveSettings,
    LeaveStatus,
    LeaveType,
    Step,
    Verdict,
    annual_balance,
    approvers,
    cancel,
    check_application,
    check_number_format,
    check_overlap,
    check_report_days,
    check_window,
    consider,
    decide,
    give_number,
    history_of,
    letter_number,
    move_to_supervisor,
    parse_application,
    parse_type,
    parse_verdict,
    series_name,
    service_length,
)
from ..domain.reports import HistoryEntry, parse_day
from ..domain.uploads import PDF, FileRule
from ..integrations.storage import ObjectStore
from ..store.protocols import (
    AttendanceRepository,
    DayChanged,
    DelegationRepository,
    EmployeeRepository,
    HolidayOverrides,
    LeaveRepository,
    LeaveSettingsRepository,
    OrgRepository,
)
from .uploads import UploadService

#: the doctor's certificate of a sick leave: a PDF of at most 1 MB, checked by its content
CERTIFICATE = FileRule(1024 * 1024, PDF, "surat-keterangan-dokter")
CONSIDERATION, DECISION = "CONSIDERATION", "DECISION"
RACES = 5
MAX_PERIOD_DAYS = 366
EXPORT_LIMIT = 5000


@dataclass(frozen=True)
class Letter:
    """What the leave letter shows besides the request: the people, the SKPD, the balances of the form."""

    leave: LeaveRequest
    employee: Employee
    supervisor: Employee | None
    official: Employee | None
    skpd_name: str
    satker_name: str
    city: str
    service: tuple[int, int]  # masa kerja: years, months
    other_taken: dict[LeaveType, int]  # working days of each other type approved in the year


class LeaveService:
    def __init__(
        self,
        leave: LeaveRepository,
        settings: LeaveSettingsRepository,
        employees: EmployeeRepository,
        attendance: AttendanceRepository,
        delegations: DelegationRepository,
        overrides: HolidayOverrides,
        org: OrgRepository,
        uploads: UploadService,
        store: ObjectStore | None,
        *,
        clock: Callable[[], datetime],
        records_since: int,
        report_backdate_days: int,
        url_ttl: int = 300,
    ) -> None:
        self._leave, self._settings, self._employees = leave, settings, employees
        self._attendance, self._delegations, self._overrides, self._org = attendance, delegations, overrides, org
        self._uploads, self._store = uploads, store
        self._clock, self._records_since = clock, records_since
        self._backdate, self._url_ttl = report_backdate_days, url_ttl

    # -- the employee ------------------------------------------------------------------------------

    def offer_certificate(self, actor: Actor, body: Mapping[str, object]) -> dict[str, Any]:
        """A presigned upload of the doctor's certificate (PDF, at most 1 MB) and the slip to apply with."""
        return self._uploads.offer(
            CERTIFICATE,
            f"leave-certificates/{actor.nip}",
            _certificate_context(actor.nip),
            body.get("filename"),
            body.get("content_type"),
            body.get("size"),
        )

    def apply(self, actor: Actor, body: Mapping[str, object]) -> dict[str, Any]:
        """File a request; refused with its own code, storing nothing, when a rule does not allow it."""
        application = parse_application(body)
        employee = self._employee(actor.nip)
        today = local_now(self._clock(), employee.timezone.iana).date()
        check_window(application.start, today)  # before any read a far-off date would multiply
        attachment = None
        if body.get("attachment_token"):
            stored = self._uploads.accept(CERTIFICATE, _certificate_context(actor.nip), body.get("attachment_token"))
            attachment = Attachment(stored.file_id, stored.key, stored.filename, stored.size)
        supervisor_nip, official_nip = self._approvers(employee)
        years = range(min(self._records_since, application.start.year) - 2, application.end.year + 1)
        overrides = self._overrides_for(years)
        for _ in range(RACES):
            calendar = self._leave.calendar(employee.nip)
            history = history_of(self._leave.of_employee(employee.nip))
            check_overlap(calendar.days, application.start, application.end)
            working = check_application(
                application,
                nip=employee.nip,
                employment=employee.employment,
                tmt=employee.service_start,
                today=today,
                overrides=overrides,
                history=history,
                records_since=self._records_since,
                opening=calendar.opening,
                has_certificate=attachment is not None,
            )
            days = self._attendance.between(employee.nip, application.start, application.end)
            check_report_days(d.day for d in days if d.report_slots)
            balance = annual_balance(
                application.start.year,
                tmt=employee.service_start,
                history=history,
                overrides=overrides,
                records_since=self._records_since,
                opening=calendar.opening,
            )
            now = self._clock()
            leave = LeaveRequest(
                leave_id=uuid.uuid4().hex,
                nip=employee.nip,
                skpd_id=employee.skpd_id,
                satker_id=employee.satker_id,
                leave_type=application.leave_type,
                reason=application.reason,
                start=application.start,
                end=application.end,
                working_days=working,
                address=application.address,
                phone=application.phone,
                supervisor_nip=supervisor_nip,
                official_nip=official_nip,
                status=LeaveStatus.PENDING_CONSIDERATION,
                applied_at=now,
                child_order=application.child_order,
                attachment=attachment,
                balance=balance.remaining,
                history=(
                    HistoryEntry(now, employee.nip, "APPLIED", {"status": [None, LeaveStatus.PENDING_CONSIDERATION]}),
                ),
            )
            try:
                created = self._leave.create(leave, calendar, self._report_revisions(days, leave, today))
            except DayChanged:
                continue  # another leave or a report of these days landed meanwhile: check again
            return self.view(created, with_history=True)
        raise Conflict("Data cuti Anda sedang diubah bersamaan; coba lagi.", code="CONFLICT")

    def list_own(self, actor: Actor, params: Mapping[str, Any]) -> dict[str, Any]:
        status = _status(params.get("status"))
        year = int(params["year"]) if params.get("year") else None
        items, cursor = self._leave.list_own(
            actor.nip, status=status, year=year, cursor=params.get("cursor"), limit=int(params.get("limit") or 20)
        )
        return {"items": [self.view(i) for i in items], "next_cursor": cursor}

    def balance(self, actor: Actor, year: object) -> dict[str, Any]:
        """The annual-leave balance as the form shows it (N-2, N-1, N), and the other types taken in the year."""
        employee = self._employee(actor.nip)
        today = local_now(self._clock(), employee.timezone.iana).date()
        n = int(str(year)) if year else today.year
        if not 2000 <= n <= today.year + 1:
            raise ValidationError(f"Tahun harus 2000-{today.year + 1}.", code="INVALID_YEAR", details={"field": "year"})
        calendar = self._leave.calendar(employee.nip)
        requests = self._leave.of_employee(employee.nip)
        result = annual_balance(
            n,
            tmt=employee.service_start,
            history=history_of(requests),
            overrides=self._overrides_for(range(min(self._records_since, n) - 2, n + 1)),
            records_since=self._records_since,
            opening=calendar.opening,
        )
        taken = _taken_in(requests, n)
        return {
            "year": n,
            "employment_status": employee.employment.value,
            "tmt": employee.service_start.isoformat(),
            "annual": {
                "entitlement": result.entitlement,
                "cuti_bersama": result.cuti_bersama,
                "carried": result.carried,
                "used": result.used,
                "available": result.available,
                "years": [{"year": y, "remaining": left} for y, left in result.remaining],
            },
            "taken": [
                {"type": kind.value, "type_label": TYPE_LABELS[kind], "working_days": taken.get(kind, 0)}
                for kind in LeaveType
            ],
        }

    def cancel(self, actor: Actor, leave_id: str, body: Mapping[str, object]) -> dict[str, Any]:
        """The employee withdraws a pending request; HR or the official cancels an approved one (reason needed)."""
        leave = self._get(leave_id)
        by_owner = leave.nip == actor.nip
        if not by_owner and actor.nip != leave.official_nip:
            require_hr(actor, leave.skpd_id)
        reason = validate_text(body.get("reason"), "reason", max_len=500, required=False) or None
        self._check_version(leave, body.get("version"))
        return self._transition(
            leave, lambda current: cancel(current, by=actor.nip, at=self._clock(), reason=reason, by_owner=by_owner)
        )

    # -- the supervisor and the official -------------------------------------------------------------------

    def consider(self, actor: Actor, leave_id: str, body: Mapping[str, object]) -> dict[str, Any]:
        verdict, note = parse_verdict(body.get("decision"), body.get("note"))
        leave = self._get(leave_id)
        on_behalf = self._authority(actor, leave.supervisor_nip, "atasan langsung")
        self._check_version(leave, body.get("version"))
        return self._transition(
            leave,
            lambda current: consider(
                current, verdict, by=actor.nip, at=self._clock(), note=note, on_behalf_of=on_behalf
            ),
        )

    def decide(self, actor: Actor, leave_id: str, body: Mapping[str, object]) -> dict[str, Any]:
        verdict, note = parse_verdict(body.get("decision"), body.get("note"))
        leave = self._get(leave_id)
        on_behalf = self._authority(actor, leave.official_nip, "pejabat yang berwenang memberikan cuti")
        self._check_version(leave, body.get("version"))
        return self._transition(
            leave,
            lambda current: decide(current, verdict, by=actor.nip, at=self._clock(), note=note, on_behalf_of=on_behalf),
        )

    def act_as(self, nip: str, leave_id: str, stage: str, verdict: Verdict, note: str | None) -> LeaveRequest:
        """A step taken through an e-mailed link by ``nip`` (who must still be the one the step waits for)."""
        employee = self._employees.get(nip)
        if employee is None:
            raise Forbidden("Akun tidak ditemukan.")
        actor = Actor(nip=nip, skpd_id=employee.skpd_id, roles=frozenset(), timezone=employee.timezone)
        body = {"decision": verdict.value, "note": note}
        leave = self._get(leave_id)
        body["version"] = leave.version  # type: ignore[assignment]
        view = self.consider(actor, leave_id, body) if stage == CONSIDERATION else self.decide(actor, leave_id, body)
        return self._get(str(view["leave_id"]))

    def queue(self, actor: Actor, params: Mapping[str, Any]) -> dict[str, Any]:
        """What waits for the caller's consideration or decision (``for``: of someone who delegated to them)."""
        stage = str(params.get("stage") or "consideration").upper()
        if stage not in (CONSIDERATION, DECISION):
            raise not_one_of("stage", ["consideration", "decision"], "Tahap", "INVALID_STAGE")
        owner = actor.nip
        if params.get("for") and params["for"] != actor.nip:
            owner = validate_nip(str(params["for"]), "for")
            if not self._holds(actor, owner):
                raise Forbidden("Anda tidak memegang delegasi verifikasi dari pegawai ini.")
        limit = int(params.get("limit") or 20)
        items, cursor = self._leave.waiting(owner, stage, params.get("cursor"), limit)
        return {
            "stage": stage.lower(),
            "for_nip": owner,
            "count": self._leave.count_waiting(owner, stage),
            "items": self._with_people(items),
            "next_cursor": cursor,
        }

    # -- numbering -------------------------------------------------------------------------------------

    def numbering_queue(self, actor: Actor, params: Mapping[str, Any]) -> dict[str, Any]:
        skpd_id = validate_code(str(params.get("skpd_id") or actor.skpd_id), "skpd_id")
        require_skpd_staff(actor, skpd_id, Role.PENOMORAN)
        items, cursor = self._leave.numbering_queue(skpd_id, params.get("cursor"), int(params.get("limit") or 20))
        return {
            "skpd_id": skpd_id,
            "count": self._leave.count_numbering(skpd_id),
            "items": self._with_people(items),
            "next_cursor": cursor,
        }

    def number(self, actor: Actor, leave_id: str, version: object = None) -> dict[str, Any]:
        """The next number of the SKPD's series of this year, written onto the request in one transaction."""
        leave = self._get(leave_id)
        require_skpd_staff(actor, leave.skpd_id, Role.PENOMORAN)
        if version is not None:
            self._check_version(leave, version)
        settings = self._settings.get(leave.skpd_id)
        today = local_now(self._clock(), actor.timezone.iana).date()

        def make(current: LeaveRequest, seq: int) -> LeaveRequest:
            number = letter_number(settings.number_format, seq, current.skpd_id, today)
            return give_number(current, number, seq, by=actor.nip, at=self._clock())

        numbered = self._leave.number(leave.leave_id, series_name(leave.skpd_id, today.year), make)
        return self.view(numbered, with_history=True)

    # -- reading ---------------------------------------------------------------------------------------

    def get(self, actor: Actor, leave_id: str) -> dict[str, Any]:
        leave = self._readable(actor, leave_id)
        return self._with_people([leave], with_history=True)[0]

    def letter(self, actor: Actor, leave_id: str) -> dict[str, Any]:
        """The leave letter (the official form, filled in) as a short-lived download link."""
        leave = self._readable(actor, leave_id)
        if not leave.letter_number:
            raise BusinessRule(
                "Surat cuti dapat diunduh setelah permohonan disetujui dan diberi nomor.", code="LETTER_NOT_READY"
            )
        from ..documents.leave_letter import letter_pdf

        data = letter_pdf(self.letter_data(leave))
        key = f"exports/leave-letters/{leave.leave_id}/{leave.version}.pdf"  # expires with the exports
        name = f"surat-cuti-{leave.nip}-{leave.start:%Y%m%d}.pdf"
        assert self._store is not None
        self._store.put_bytes(key, data, "application/pdf")
        return {
            "url": self._store.presigned_get(key, self._url_ttl, name),
            "filename": name,
            "expires_in": self._url_ttl,
        }

    def letter_data(self, leave: LeaveRequest) -> Letter:
        employee = self._employee(leave.nip)
        people = self._employees.many({leave.supervisor_nip, leave.official_nip})
        skpd = self._org.get_skpd(leave.skpd_id)
        satker = self._org.get_satker(leave.skpd_id, leave.satker_id)
        return Letter(
            leave=leave,
            employee=employee,
            supervisor=people.get(leave.supervisor_nip),
            official=people.get(leave.official_nip),
            skpd_name=skpd.name if skpd else leave.skpd_id,
            satker_name=satker.name if satker else leave.satker_id,
            city=skpd.city if skpd and skpd.city else "",
            service=service_length(employee.service_start, leave.applied_at.date()),
            other_taken=_taken_in(
                [i for i in self._leave.of_employee(leave.nip) if i.status is LeaveStatus.APPROVED], leave.start.year
            ),
        )

    def view(self, leave: LeaveRequest, *, with_history: bool = False) -> dict[str, Any]:
        body: dict[str, Any] = {
            "leave_id": leave.leave_id,
            "nip": leave.nip,
            "skpd_id": leave.skpd_id,
            "satker_id": leave.satker_id,
            "type": leave.leave_type.value,
            "type_label": TYPE_LABELS[leave.leave_type],
            "reason": leave.reason,
            "start_date": leave.start.isoformat(),
            "end_date": leave.end.isoformat(),
            "working_days": leave.working_days,
            "calendar_days": leave.calendar_days,
            "address": leave.address,
            "phone": leave.phone,
            "child_order": leave.child_order,
            "attachment": self._attachment_view(leave.attachment),
            "status": leave.status.value,
            "status_label": _status_label(leave),
            "supervisor_nip": leave.supervisor_nip,
            "official_nip": leave.official_nip,
            "applied_at": leave.applied_at.isoformat(),
            "consideration": _step_view(leave.consideration),
            "decision": _step_view(leave.decision),
            "letter_number": leave.letter_number,
            "numbered_at": leave.numbered_at.isoformat() if leave.numbered_at else None,
            "numbered_by": leave.numbered_by,
            "cancelled_by": leave.cancelled_by,
            "cancel_reason": leave.cancel_reason,
            "balance": [{"year": y, "remaining": left} for y, left in leave.balance],
            "letter_available": bool(leave.letter_number),
            "version": leave.version,
        }
        if with_history:
            body["history"] = [
                {"at": h.at.isoformat(), "by": h.by, "action": h.action, "changes": h.changes} for h in leave.history
            ]
        return body

    # -- HR ----------------------------------------------------------------------------------------------

    def skpd_list(self, actor: Actor, params: Mapping[str, Any]) -> dict[str, Any]:
        """An SKPD's leave touching a period, filtered by type, status and satker (HR of that SKPD, BKD, admin)."""
        skpd_id, first, last, filters = self._hr_filters(actor, params)
        items, cursor = self._leave.of_skpd(
            skpd_id, first, last, **filters, cursor=params.get("cursor"), limit=int(params.get("limit") or 50)
        )
        return {
            "skpd_id": skpd_id,
            "from": first.isoformat(),
            "to": last.isoformat(),
            "items": self._with_people(items),
            "next_cursor": cursor,
        }

    def skpd_export(self, actor: Actor, params: Mapping[str, Any]) -> dict[str, Any]:
        """The same list as an Excel workbook in S3, handed out as a short-lived link."""
        skpd_id, first, last, filters = self._hr_filters(actor, params)
        rows: list[LeaveRequest] = []
        cursor = None
        while len(rows) < EXPORT_LIMIT:
            items, cursor = self._leave.of_skpd(skpd_id, first, last, **filters, cursor=cursor, limit=100)
            rows += items
            if not cursor:
                break
        rows.sort(key=lambda i: (i.start, i.nip))
        people = self._people({i.nip for i in rows})
        from ..documents.leave_letter import leave_workbook

        data = leave_workbook(rows, people, f"{skpd_id} {first.isoformat()} s.d. {last.isoformat()}")
        key = f"exports/cuti-{skpd_id}-{uuid.uuid4().hex}.xlsx"
        name = f"cuti-{skpd_id}-{first:%Y%m%d}-{last:%Y%m%d}.xlsx"
        assert self._store is not None
        self._store.put_bytes(key, data, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        return {
            "url": self._store.presigned_get(key, self._url_ttl, name),
            "filename": name,
            "expires_in": self._url_ttl,
            "rows": len(rows),
        }

    def settings(self, actor: Actor, skpd_id: str) -> dict[str, Any]:
        require_hr(actor, skpd_id)
        return _settings_view(self._settings.get(skpd_id))

    def update_settings(self, actor: Actor, skpd_id: str, body: Mapping[str, object]) -> dict[str, Any]:
        require_hr(actor, skpd_id)
        if self._org.get_skpd(skpd_id) is None:
            raise NotFound("SKPD tidak ditemukan.", code="SKPD_NOT_FOUND")
        current = self._settings.get(skpd_id)
        if "version" in body and body["version"] is not None and validate_version(body["version"]) != current.version:
            raise Conflict("Pengaturan cuti telah diubah; muat ulang lalu coba lagi.", code="CONFLICT")
        official = current.official_nip
        if "official_nip" in body:
            official = validate_nip(str(body["official_nip"]), "official_nip") if body["official_nip"] else None
        if official:
            person = self._employees.get(official)
            if person is None:
                raise ValidationError(
                    "NIP pejabat tidak terdaftar.", code="OFFICIAL_NOT_FOUND", details={"field": "official_nip"}
                )
            if person.skpd_id != skpd_id and hr_skpd_scope(actor) is not None:
                raise Forbidden(
                    "Pejabat dari SKPD lain hanya dapat ditetapkan oleh BKD atau admin.",
                    code="CROSS_SKPD_OFFICIAL",
                    details={"field": "official_nip"},
                )
        number_format = current.number_format
        if body.get("number_format") is not None:
            number_format = check_number_format(body["number_format"])
        saved = self._settings.save(replace(current, official_nip=official, number_format=number_format))
        return _settings_view(saved)

    def set_opening(self, actor: Actor, nip: str, body: Mapping[str, object]) -> dict[str, Any]:
        """HR records what was left of a year's annual leave before leave was recorded here."""
        employee = self._employee(nip)
        require_hr(actor, employee.skpd_id)
        year, remaining = body.get("year"), body.get("remaining")
        if not isinstance(year, int) or isinstance(year, bool) or not 2000 <= year < self._records_since:
            raise ValidationError(
                f"Saldo awal hanya untuk tahun sebelum {self._records_since}.",
                code="INVALID_YEAR",
                details={"field": "year"},
            )
        if not isinstance(remaining, int) or isinstance(remaining, bool) or not 0 <= remaining <= 12:
            raise ValidationError(
                "Sisa cuti tahunan harus 0-12 hari kerja.", code="OUT_OF_RANGE", details={"field": "remaining"}
            )
        self._leave.set_opening(nip, year, remaining)
        return self.balance(self._actor_for(employee), None)

    # -- for the calendar, reminders, recaps and a supervisor change --------------------------------------

    def calendar_of(self, nip: str) -> LeaveCalendar:
        return self._leave.calendar(nip)

    def move_pending(self, nip: str, supervisor_nip: str | None, *, by: str) -> int:
        """The employee's requests waiting for consideration follow them to their new supervisor."""
        if not supervisor_nip:
            return 0
        employee = self._employees.get(nip)
        if employee is None:
            return 0
        moved = 0
        for leave in self._leave.of_employee(nip):
            if leave.status is not LeaveStatus.PENDING_CONSIDERATION or leave.supervisor_nip == supervisor_nip:
                continue
            new_supervisor, official = self._approvers(replace(employee, supervisor_nip=supervisor_nip))
            try:
                self._leave.save(move_to_supervisor(leave, new_supervisor, official, by=by, at=self._clock()))
                moved += 1
            except Conflict:
                continue  # decided or changed meanwhile: that change wins
        return moved

    # -- helpers ---------------------------------------------------------------------------------------

    def _transition(self, leave: LeaveRequest, change: Callable[[LeaveRequest], LeaveRequest]) -> dict[str, Any]:
        """Apply ``change`` and store it with the held days (read again when another leave write landed)."""
        for _ in range(RACES):
            calendar = self._leave.calendar(leave.nip)
            try:
                saved = self._leave.change(leave, change(leave), calendar)
            except DayChanged:
                continue
            return self.view(saved, with_history=True)
        raise Conflict("Data cuti sedang diubah bersamaan; coba lagi.", code="CONFLICT")

    def _approvers(self, employee: Employee) -> tuple[str, str]:
        supervisor = self._employees.get(employee.supervisor_nip) if employee.supervisor_nip else None
        configured = self._settings.get(employee.skpd_id).official_nip
        return approvers(
            employee.nip, employee.supervisor_nip, supervisor.supervisor_nip if supervisor else None, configured
        )

    def _report_revisions(self, days: list[Any], leave: LeaveRequest, today: date) -> dict[date, int]:
        """The report revision of each day of the leave a report could still be filed for (today, the back-date
        window, a day of margin for the zones): the transaction checks none changed."""
        first = max(leave.start, today - timedelta(days=self._backdate + 1))
        last = min(leave.end, today + timedelta(days=1))
        known = {d.day: d.report_rev for d in days}
        if first > last:
            return {}
        return {
            first + timedelta(days=n): known.get(first + timedelta(days=n), 0) for n in range((last - first).days + 1)
        }

    def _authority(self, actor: Actor, owner: str, role: str) -> str | None:
        """None when the caller is ``owner``; ``owner`` when they act as the holder of ``owner``'s delegation."""
        if actor.nip == owner:
            return None
        if self._holds(actor, owner):
            return owner
        raise Forbidden(f"Hanya {role} (atau penerima delegasinya) yang dapat memutuskan tahap ini.")

    def _holds(self, actor: Actor, delegator_nip: str) -> bool:
        today = local_now(self._clock(), actor.timezone.iana).date()
        return any(
            d.delegator_nip == delegator_nip and d.active_on(today) for d in self._delegations.held_by(actor.nip, today)
        )

    def _readable(self, actor: Actor, leave_id: str) -> LeaveRequest:
        leave = self._get(leave_id)
        if actor.nip in (leave.nip, leave.supervisor_nip, leave.official_nip) or actor.is_admin:
            return leave
        if actor.has(Role.PENOMORAN) and actor.skpd_id == leave.skpd_id:
            return leave
        if self._holds(actor, leave.supervisor_nip) or self._holds(actor, leave.official_nip):
            return leave
        try:
            require_hr(actor, leave.skpd_id)
        except Forbidden:
            raise Forbidden("Anda tidak berhak melihat permohonan cuti ini.") from None
        return leave

    def _get(self, leave_id: str) -> LeaveRequest:
        leave = self._leave.get(leave_id) if is_id(leave_id) else None
        if leave is None:
            raise NotFound("Permohonan cuti tidak ditemukan.", code="LEAVE_NOT_FOUND")
        return leave

    def _check_version(self, leave: LeaveRequest, version: object) -> None:
        if validate_version(version) != leave.version:
            raise Conflict(
                "Permohonan cuti telah diubah oleh pengguna lain; muat ulang lalu coba lagi.", code="CONFLICT"
            )

    def _employee(self, nip: str) -> Employee:
        employee = self._employees.get(nip)
        if employee is None:
            raise NotFound("Pegawai tidak ditemukan.", code="EMPLOYEE_NOT_FOUND")
        return employee

    def _actor_for(self, employee: Employee) -> Actor:
        return Actor(nip=employee.nip, skpd_id=employee.skpd_id, roles=frozenset(), timezone=employee.timezone)

    def _overrides_for(self, years: range) -> dict[date, str | None]:
        return {d: n for y in years for d, n in self._overrides.for_year(y).items()}

    def _people(self, nips: set[str]) -> dict[str, Employee]:
        ordered, found = sorted(nips), {}
        for start in range(0, len(ordered), 100):
            found.update(self._employees.many(set(ordered[start : start + 100])))
        return found

    def _with_people(self, items: list[LeaveRequest], *, with_history: bool = False) -> list[dict[str, Any]]:
        people = self._people({i.nip for i in items})
        out = []
        for leave in items:
            person = people.get(leave.nip)
            employee = {
                "nip": leave.nip,
                "name": person.name if person else None,
                "jabatan": person.jabatan if person else None,
            }
            out.append({**self.view(leave, with_history=with_history), "employee": employee})
        return out

    def _attachment_view(self, attachment: Attachment | None) -> dict[str, Any] | None:
        if attachment is None:
            return None
        return {
            "filename": attachment.filename,
            "size": attachment.size,
            "url": self._uploads.link(attachment.key, attachment.filename, self._url_ttl),
        }

    def _hr_filters(self, actor: Actor, params: Mapping[str, Any]) -> tuple[str, date, date, dict[str, Any]]:
        skpd_id = validate_code(str(params.get("skpd_id") or actor.skpd_id), "skpd_id")
        require_hr(actor, skpd_id)
        first, last = parse_day(params.get("from"), "from"), parse_day(params.get("to"), "to")
        if last < first or (last - first).days >= MAX_PERIOD_DAYS:
            raise ValidationError(
                f"Rentang tanggal harus urut dan paling panjang {MAX_PERIOD_DAYS} hari.", code="INVALID_DATE_RANGE"
            )
        filters = {
            "satker_id": validate_code(str(params["satker_id"]), "satker_id") if params.get("satker_id") else None,
            "leave_type": parse_type(params["type"]) if params.get("type") else None,
            "status": _status(params.get("status")),
        }
        return skpd_id, first, last, filters


def _certificate_context(nip: str) -> dict[str, str]:
    return {"kind": "leave-certificate", "nip": nip}


def _status(value: object) -> LeaveStatus | None:
    if not value:
        return None
    try:
        return LeaveStatus(str(value).upper())
    except ValueError:
        raise not_one_of("status", [s.value for s in LeaveStatus], "Status cuti", "INVALID_STATUS") from None


def _status_label(leave: LeaveRequest) -> str:
    if leave.status is LeaveStatus.APPROVED and not leave.letter_number:
        return "Disetujui, menunggu nomor surat"
    return STATUS_LABELS[leave.status]


def _step_view(step: Step | None) -> dict[str, Any] | None:
    if step is None:
        return None
    return {
        "decision": step.verdict.value,
        "decision_label": VERDICT_LABELS[step.verdict],
        "by": step.by,
        "on_behalf_of": step.on_behalf_of,
        "at": step.at.isoformat(),
        "note": step.note,
    }


def _settings_view(settings: LeaveSettings) -> dict[str, Any]:
    return {
        "skpd_id": settings.skpd_id,
        "official_nip": settings.official_nip,
        "number_format": settings.number_format,
        "version": settings.version,
    }


def _taken_in(requests: list[LeaveRequest], year: int) -> dict[LeaveType, int]:
    """Working days of approved leave of each type that started in ``year``."""
    taken: dict[LeaveType, int] = {}
    for leave in requests:
        if leave.status is LeaveStatus.APPROVED and leave.start.year == year:
            taken[leave.leave_type] = taken.get(leave.leave_type, 0) + leave.working_days
    return taken
