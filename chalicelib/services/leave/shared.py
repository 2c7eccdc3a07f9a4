"""What every part of the leave service stands on: its parts (repositories, uploads, object store, clock and
settings), reading a request and who may read it, the one write path of a status change, the views, and the
annual-leave balance.

Apart because the employee's, the approvers' and HR's parts (`employee`, `approvals`, `hr`) all need these and
none of them owns them."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from ...domain.accounts import Actor, Employee, Role, require_hr
from ...domain.attendance import local_now
from ...domain.errors import Conflict, Forbidden, NotFound, ValidationError
from ...domain.history import history_view
from ...domain.identity import is_id
from ...domain.leave import (
    STATUS_LABELS,
    TYPE_LABELS,
    VERDICT_LABELS,
    Attachment,
    LeaveCalendar,
    LeaveRequest,
    LeaveStatus,
    LeaveType,
    Step,
    annual_balance,
    approvers,
    history_of,
)
from ...integrations.storage import ObjectStore
from ...store.protocols import (
    AttendanceRepository,
    DayChanged,
    DelegationRepository,
    EmployeeRepository,
    HolidayOverrides,
    LeaveRepository,
    LeaveSettingsRepository,
    OrgRepository,
)
from ..uploads import UploadService

RACES = 5


class LeaveBase:
    """The parts every use case of leave needs; `LeaveService` (the package's) puts the use cases on top."""

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

    # -- reading -----------------------------------------------------------------------------------------

    def get(self, actor: Actor, leave_id: str) -> dict[str, Any]:
        """The request with its history; a numbering officer reads who, which leave and when — not the reason nor
        the doctor's certificate (issue 16, hole 7)."""
        leave, everything = self._read(actor, leave_id)
        view = self._with_people([leave], with_history=True)[0]
        return view if everything else {**view, "reason": None, "attachment": None}

    def calendar_of(self, nip: str) -> LeaveCalendar:
        return self._leave.calendar(nip)

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
            "status_label": status_label(leave),
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
            body["history"] = history_view(leave.history)
        return body

    def _balance(self, nip: str, year: object) -> dict[str, Any]:
        """The annual-leave balance of ``nip`` as the form shows it (N-2, N-1, N), and the other types taken in
        the year: the employee's own screen, and HR's answer after changing what it rests on."""
        employee = self._employee(nip)
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
            bersama_worked=calendar.bersama_worked,
        )
        taken = taken_in(requests, n)
        return {
            "year": n,
            "employment_status": employee.employment.value,
            "tmt": employee.service_start.isoformat(),
            "annual": {
                "entitlement": result.entitlement,
                "cuti_bersama": result.cuti_bersama,
                "bersama_worked": result.bersama_worked,
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

    # -- the one write path of a status change -------------------------------------------------------------

    def transition(self, leave: LeaveRequest, change: Callable[[LeaveRequest], LeaveRequest]) -> LeaveRequest:
        """Apply ``change`` and store it with the held days (read again when another leave write landed)."""
        for _ in range(RACES):
            calendar = self._leave.calendar(leave.nip)
            try:
                return self._leave.change(leave, change(leave), calendar)
            except DayChanged:
                continue
        raise Conflict("Data cuti sedang diubah bersamaan; coba lagi.", code="CONFLICT")

    # -- helpers -------------------------------------------------------------------------------------------

    def _approvers(self, employee: Employee) -> tuple[str, str]:
        supervisor = self._employees.get(employee.supervisor_nip) if employee.supervisor_nip else None
        configured = self._settings.get(employee.skpd_id).official_nip
        return approvers(
            employee.nip, employee.supervisor_nip, supervisor.supervisor_nip if supervisor else None, configured
        )

    def _holds(self, actor: Actor, delegator_nip: str) -> bool:
        today = local_now(self._clock(), actor.timezone.iana).date()
        return any(
            d.delegator_nip == delegator_nip and d.active_on(today) for d in self._delegations.held_by(actor.nip, today)
        )

    def _readable(self, actor: Actor, leave_id: str) -> LeaveRequest:
        return self._read(actor, leave_id)[0]

    def _read(self, actor: Actor, leave_id: str) -> tuple[LeaveRequest, bool]:
        """The request, and whether the caller reads all of it (``False``: a numbering officer of the SKPD)."""
        leave = self._get(leave_id)
        if self._sees_all(actor, leave):
            return leave, True
        if actor.has(Role.PENOMORAN) and actor.skpd_id == leave.skpd_id:
            return leave, False
        raise Forbidden("Anda tidak berhak melihat permohonan cuti ini.")

    def _sees_all(self, actor: Actor, leave: LeaveRequest) -> bool:
        """The employee, the supervisor, the official (or their delegates), HR of the SKPD, BKD and the admin."""
        if actor.nip in (leave.nip, leave.supervisor_nip, leave.official_nip) or actor.is_admin:
            return True
        try:
            require_hr(actor, leave.skpd_id)  # no read: the roles are in the token
        except Forbidden:
            return self._holds(actor, leave.supervisor_nip) or self._holds(actor, leave.official_nip)
        return True

    def _get(self, leave_id: str) -> LeaveRequest:
        leave = self._leave.get(leave_id) if is_id(leave_id) else None
        if leave is None:
            raise NotFound("Permohonan cuti tidak ditemukan.", code="LEAVE_NOT_FOUND")
        return leave

    def _check_version(self, leave: LeaveRequest, version: int) -> None:
        """``version``: the one the client last read (the request model requires it)."""
        if version != leave.version:
            raise Conflict(
                "Permohonan cuti telah diubah oleh pengguna lain; muat ulang lalu coba lagi.", code="CONFLICT"
            )

    def _employee(self, nip: str) -> Employee:
        employee = self._employees.get(nip)
        if employee is None:
            raise NotFound("Pegawai tidak ditemukan.", code="EMPLOYEE_NOT_FOUND")
        return employee

    def _overrides_for(self, years: range) -> dict[date, str | None]:
        return {d: n for y in years for d, n in self._overrides.for_year(y).items()}

    def _people(self, nips: set[str]) -> dict[str, Employee]:
        ordered, found = sorted(nips), {}
        for start in range(0, len(ordered), 100):
            found.update(self._employees.many(set(ordered[start : start + 100])))
        return found

    def _with_people(
        self, items: list[LeaveRequest], *, with_history: bool = False, with_employee: bool = True
    ) -> list[dict[str, Any]]:
        """The views with the people they name (employee, supervisor, official, who took each step and for whom) as
        name and jabatan, read in one batch for the whole page; ``with_employee=False``: the employee's own requests
        (they know who they are)."""
        steps = [s for i in items for s in (i.consideration, i.decision) if s is not None]
        nips = {n for i in items for n in (i.supervisor_nip, i.official_nip)}
        nips |= {n for s in steps for n in (s.by, s.on_behalf_of) if n}
        people = self._people(nips | {i.nip for i in items} if with_employee else nips)

        def named(nip: str) -> dict[str, Any]:
            person = people.get(nip)
            return {"nip": nip, "name": person.name if person else None, "jabatan": person.jabatan if person else None}

        out = []
        for leave in items:
            view = {
                **self.view(leave, with_history=with_history),
                "supervisor": named(leave.supervisor_nip),
                "official": named(leave.official_nip),
            }
            if with_employee:
                view["employee"] = named(leave.nip)
            for name, step in (("consideration", leave.consideration), ("decision", leave.decision)):
                if step is not None:
                    view[name] = {
                        **view[name],
                        "by_person": named(step.by),
                        "on_behalf_of_person": named(step.on_behalf_of) if step.on_behalf_of else None,
                    }
            out.append(view)
        return out

    def _attachment_view(self, attachment: Attachment | None) -> dict[str, Any] | None:
        if attachment is None:
            return None
        return {
            "filename": attachment.filename,
            "size": attachment.size,
            "url": self._uploads.link(attachment.key, attachment.filename, self._url_ttl),
        }


def status_label(leave: LeaveRequest) -> str:
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


def taken_in(requests: list[LeaveRequest], year: int) -> dict[LeaveType, int]:
    """Working days of approved leave of each type that started in ``year``."""
    taken: dict[LeaveType, int] = {}
    for leave in requests:
        if leave.status is LeaveStatus.APPROVED and leave.start.year == year:
            taken[leave.leave_type] = taken.get(leave.leave_type, 0) + leave.working_days
    return taken
