"""HR's part of leave (``KEPEGAWAIAN`` of the SKPD, ``BKD``, admin): an SKPD's leave as a list and as a
workbook, the SKPD's leave settings (the granting official, the number format), and what an employee's annual
leave rests on from before this system (opening balances) and cuti bersama worked by duty.

Apart because every use case here is HR's, scoped to the SKPDs they serve, and none is an employee's own."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING, Any

from ...domain.accounts import Actor, forbid_own_entitlement, hr_skpd_scope, require_hr, require_hr_over
from ...domain.attendance import local_now
from ...domain.audit import entitlement_events
from ...domain.errors import Conflict, Forbidden, NotFound, ValidationError
from ...domain.leave import LeaveRequest, LeaveSettings, cuti_bersama_days
from ...domain.messages import date_span
from ...domain.reports import check_date_range
from .shared import LeaveBase

if TYPE_CHECKING:
    from ...schemas import LeaveBersamaWorked, LeaveExportRequest, LeaveOpening, LeaveSettingsInput, LeaveSkpdQuery

MAX_PERIOD_DAYS = 366

EXPORT_LIMIT = 5000


class HrLeave(LeaveBase):
    """What HR does with an SKPD's leave and an employee's leave record."""

    def skpd_list(self, actor: Actor, params: LeaveSkpdQuery) -> dict[str, Any]:
        """An SKPD's leave touching a period, filtered by type, status and satker (HR of that SKPD, BKD, admin)."""
        skpd_id, first, last, filters = self._hr_filters(actor, params)
        items, cursor = self._leave.of_skpd(
            skpd_id, first, last, **filters, cursor=params.cursor, limit=params.limit or 50
        )
        return {
            "skpd_id": skpd_id,
            "from": first.isoformat(),
            "to": last.isoformat(),
            "items": self._with_people(items),
            "next_cursor": cursor,
        }

    def skpd_export(self, actor: Actor, params: LeaveExportRequest) -> dict[str, Any]:
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
        from ...documents.leave_letter import leave_workbook

        data = leave_workbook(rows, people, f"{skpd_id} {date_span(first, last)}")
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

    def update_settings(self, actor: Actor, skpd_id: str, body: LeaveSettingsInput) -> dict[str, Any]:
        """Who grants leave in the SKPD (``official_nip`` sent as null: each supervisor's supervisor) and the number
        format; what is not sent stays. ``version``: the one last read (0 before the first save)."""
        require_hr(actor, skpd_id)
        if self._org.get_skpd(skpd_id) is None:
            raise NotFound("SKPD tidak ditemukan.", code="SKPD_NOT_FOUND")
        current = self._settings.get(skpd_id)
        if body.version != current.version:
            raise Conflict("Pengaturan cuti telah diubah; muat ulang lalu coba lagi.", code="CONFLICT")
        official = body.official_nip if "official_nip" in body.model_fields_set else current.official_nip
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
        number_format = body.number_format if body.number_format is not None else current.number_format
        saved = self._settings.save(replace(current, official_nip=official, number_format=number_format))
        return _settings_view(saved)

    def set_opening(self, actor: Actor, nip: str, body: LeaveOpening) -> dict[str, Any]:
        """HR records what was left of a year's annual leave before leave was recorded here. Never on one's own
        record; an unknown NIP is refused like another SKPD's (`require_hr_over`)."""
        employee = require_hr_over(actor, self._employees.get(nip))
        forbid_own_entitlement(actor.nip, employee.nip, "saldo awal cuti")
        year, remaining = body.year, body.remaining
        if not 2000 <= year < self._records_since:
            raise ValidationError(
                f"Saldo awal hanya untuk tahun sebelum {self._records_since}.",
                code="INVALID_YEAR",
                details={"field": "year"},
            )
        if not 0 <= remaining <= 12:
            raise ValidationError(
                "Sisa cuti tahunan harus 0-12 hari kerja.", code="OUT_OF_RANGE", details={"field": "remaining"}
            )
        self._leave.set_opening(nip, year, remaining)
        changes = {"opening_balance": (None, {"year": year, "remaining": remaining})}
        self._employees.record_history(  # both people's history (issue 16 hole 2)
            entitlement_events(employee.nip, actor.nip, self._clock(), changes, ["saldo awal cuti"])
        )
        return self._balance(employee.nip, None)

    def set_bersama_worked(self, actor: Actor, nip: str, body: LeaveBersamaWorked) -> dict[str, Any]:
        """HR records the cuti bersama days of a year the employee worked by duty; they add to that year's annual
        leave (Keppres 2/2025 diktum ketiga, see `domain.leave.annual_entitlement`). Never on one's own record."""
        employee = require_hr_over(actor, self._employees.get(nip))
        forbid_own_entitlement(actor.nip, employee.nip, "cuti bersama yang tetap bertugas")
        today = local_now(self._clock(), employee.timezone.iana).date()
        year, days = body.year, body.days
        if not 2021 <= year <= today.year:
            raise ValidationError(f"Tahun harus 2021-{today.year}.", code="INVALID_YEAR", details={"field": "year"})
        most = cuti_bersama_days(year, self._overrides_for(range(year, year + 1)))
        if not 0 <= days <= most:
            raise ValidationError(
                f"Hari cuti bersama {year} yang tetap bertugas harus 0-{most} hari.",
                code="OUT_OF_RANGE",
                details={"field": "days", "max": most},
            )
        self._leave.set_bersama_worked(nip, year, days)
        changes = {"cuti_bersama_worked": (None, {"year": year, "days": days})}
        self._employees.record_history(  # both people's history (issue 16 hole 2)
            entitlement_events(employee.nip, actor.nip, self._clock(), changes, ["cuti bersama yang tetap bertugas"])
        )
        return self._balance(employee.nip, year)

    def _hr_filters(
        self, actor: Actor, params: LeaveSkpdQuery | LeaveExportRequest
    ) -> tuple[str, date, date, dict[str, Any]]:
        """The SKPD (the caller's own unless named), the period (at most a year: the one rule the model cannot
        check alone) and the filters, as the model checked them."""
        skpd_id = params.skpd_id or actor.skpd_id
        require_hr(actor, skpd_id)
        check_date_range(params.from_, params.to, MAX_PERIOD_DAYS)
        filters = {"satker_id": params.satker_id, "leave_type": params.type, "status": params.status}
        return skpd_id, params.from_, params.to, filters


def _settings_view(settings: LeaveSettings) -> dict[str, Any]:
    return {
        "skpd_id": settings.skpd_id,
        "official_nip": settings.official_nip,
        "number_format": settings.number_format,
        "version": settings.version,
    }
