"""The employee's part of leave: the doctor's certificate upload, applying (every rule checked, nothing stored
when one refuses), their own list and balance, withdrawing a pending request, and the leave letter once numbered.

Apart because it is the one part an employee calls for themselves, and the one that checks a new request
against the calendar, earlier leave and reports."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from ...domain.accounts import Actor, require_hr
from ...domain.attendance import local_now
from ...domain.errors import BusinessRule, Conflict, DomainError
from ...domain.leave import (
    CERTIFICATE,
    Application,
    Attachment,
    LeaveRequest,
    LeaveStatus,
    annual_balance,
    cancel,
    check_application,
    check_overlap,
    check_report_days,
    check_window,
    history_of,
    new_application,
    service_length,
)
from ...domain.leave_letter import Letter
from ...domain.reports import HistoryEntry
from ...store.protocols import DayChanged
from ..uploads import StoredFile
from .shared import RACES, LeaveBase, taken_in

if TYPE_CHECKING:
    from ...schemas import CertificateRequest, LeaveCancel, LeaveInput, LeaveListQuery

#: the doctor's certificate of a sick leave: a PDF of at most 1 MB, checked by its content


class EmployeeLeave(LeaveBase):
    """What an employee does with their own leave (HR and the official also cancel an approved one here)."""

    def offer_certificate(self, actor: Actor, body: CertificateRequest) -> dict[str, Any]:
        """A presigned upload of the doctor's certificate (PDF, at most 1 MB) and the slip to apply with."""
        prefix = f"leave-certificates/{actor.nip}"
        return self._uploads.offer(CERTIFICATE, prefix, _certificate_context(actor.nip), body)

    def apply(self, actor: Actor, body: LeaveInput) -> dict[str, Any]:
        """File a request; refused with its own code, storing nothing, when a rule does not allow it.

        The doctor's certificate is only looked at (`UploadService.check`) while the rules run, and accepted —
        copied to its final key, which no lifecycle rule expires — only once every rule has passed, just before
        the request is written: a refused request leaves the upload where the bucket expires it and its slip
        usable for the corrected request (issue 16). When a rule refuses on a retry after the certificate was
        accepted (another leave or a report of these days landed meanwhile), the accepted copy is deleted; a failure
        whose outcome is unknown (the write may have landed) keeps it, as a request may point to it."""
        application = _application(body)
        employee = self._employee(actor.nip)
        today = local_now(self._clock(), employee.timezone.iana).date()
        check_window(application.start, today)  # before any read a far-off date would multiply
        token = body.attachment_token or None
        if token:
            self._uploads.check(CERTIFICATE, _certificate_context(actor.nip), token)  # a bad slip or file: 4xx now
        supervisor_nip, official_nip = self._approvers(employee)
        years = range(min(self._records_since, application.start.year) - 2, application.end.year + 1)
        overrides = self._overrides_for(years)
        accepted: StoredFile | None = None
        try:
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
                    bersama_worked=calendar.bersama_worked,
                    has_certificate=token is not None,
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
                    bersama_worked=calendar.bersama_worked,
                )
                if token and accepted is None:  # every rule passed: now the certificate is taken
                    accepted = self._uploads.accept(CERTIFICATE, _certificate_context(actor.nip), token)
                attachment = (
                    Attachment(accepted.file_id, accepted.key, accepted.filename, accepted.size) if accepted else None
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
                        HistoryEntry(
                            now, employee.nip, "APPLIED", {"status": [None, LeaveStatus.PENDING_CONSIDERATION]}
                        ),
                    ),
                )
                try:
                    created = self._leave.create(leave, calendar, self._report_revisions(days, leave, today))
                except DayChanged:
                    continue  # another leave or a report of these days landed meanwhile: check again
                return self._with_people([created], with_history=True, with_employee=False)[0]
            raise Conflict("Data cuti Anda sedang diubah bersamaan; coba lagi.", code="CONFLICT")
        except DomainError:
            if accepted is not None:  # refused after the certificate was taken: nothing points to it
                self._uploads.discard(accepted.key)
            raise

    def list_own(self, actor: Actor, params: LeaveListQuery) -> dict[str, Any]:
        year = int(params.year) if params.year else None
        items, cursor = self._leave.list_own(
            actor.nip, status=params.status, year=year, cursor=params.cursor, limit=params.limit or 20
        )
        return {"items": self._with_people(items, with_employee=False), "next_cursor": cursor}

    def balance(self, actor: Actor, year: object) -> dict[str, Any]:
        """The annual-leave balance as the form shows it (N-2, N-1, N), and the other types taken in the year."""
        return self._balance(actor.nip, year)

    def cancel(self, actor: Actor, leave_id: str, body: LeaveCancel) -> dict[str, Any]:
        """The employee withdraws a pending request; HR or the official cancels an approved one (reason needed)."""
        leave = self._get(leave_id)
        by_owner = leave.nip == actor.nip
        if not by_owner and actor.nip != leave.official_nip:
            require_hr(actor, leave.skpd_id)
        self._check_version(leave, body.version)
        cancelled = self.transition(
            leave,
            lambda current: cancel(current, by=actor.nip, at=self._clock(), reason=body.reason, by_owner=by_owner),
        )
        return self._with_people([cancelled], with_history=True)[0]

    def letter(self, actor: Actor, leave_id: str) -> dict[str, Any]:
        """The leave letter (the official form, filled in) as a short-lived download link."""
        leave = self._readable(actor, leave_id)
        if not leave.letter_number:
            raise BusinessRule(
                "Surat cuti dapat diunduh setelah permohonan disetujui dan diberi nomor.", code="LETTER_NOT_READY"
            )
        from ...documents.leave_letter import letter_pdf

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
            other_taken=taken_in(
                [i for i in self._leave.of_employee(leave.nip) if i.status is LeaveStatus.APPROVED], leave.start.year
            ),
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


def _application(body: LeaveInput) -> Application:
    """The request the rules read, from the checked model (the two rules across its fields are the domain's)."""
    return new_application(
        body.type, body.reason, body.start_date, body.end_date, body.address, body.phone, body.child_order
    )


def _certificate_context(nip: str) -> dict[str, str]:
    return {"kind": "leave-certificate", "nip": nip}
