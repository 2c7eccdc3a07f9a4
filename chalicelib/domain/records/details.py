"""A kind's fields made into its record data, with the rules that cross fields or need today's date: which dates
a course or a certificate needs (by its type), dates in order and not in the future, the JP rule, an award's
year up to this year, its name for LAINNYA and its group; every refusal names the field as ``<kind field>.<name>``.

The request model has already checked each field on its own (present where every record of the kind needs it,
of its type, in range, enums as their members, dates as `date`); what is left here depends on other fields or
on the day. Also the queue's filters (kind, status), which reach the one decision mechanism as text."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from ..errors import BusinessRule, ValidationError, not_one_of
from .kinds import (
    DETAIL_FIELD,
    LISTED,
    Award,
    AwardType,
    Certification,
    CertificationType,
    Details,
    RecordKind,
    RecordStatus,
    Team,
)
from .rules import check_award_group, check_lesson_hours

MAX_HOURS = 2000
FIRST_AWARD_YEAR = 1945
#: the fields every certification has, whatever its type
_CERTIFICATION = ("type", "classification", "name", "number", "institution")


def build_details(kind: RecordKind, values: Mapping[str, Any], *, today: date) -> Details:
    """The data of a record of ``kind`` from its checked fields (absent ones are None), against the kind's rules."""
    fields = _Fields(DETAIL_FIELD[kind], values)
    if kind is RecordKind.SERTIFIKASI:
        return _certification(fields, today)
    if kind is RecordKind.PENGHARGAAN:
        return _award(fields, today)
    return _team(fields, today)


def _certification(f: _Fields, today: date) -> Certification:
    common = {name: f.get(name) for name in _CERTIFICATION}
    if common["type"] is CertificationType.KURSUS:
        details = Certification(
            **common,
            start_date=f.need("start_date"),
            end_date=f.need("end_date"),
            hours=f.need("hours"),
            course_type=f.get("course_type"),
        )
    else:
        valid_from, valid_until = f.need("valid_from"), f.need("valid_until")
        _check_order(valid_from, valid_until, f.path("valid_until"), "Masa berlaku selesai")
        hours = f.get("hours")
        start = f.need("start_date") if hours is not None or f.get("end_date") is not None else f.get("start_date")
        end = f.need("end_date") if hours is not None or start is not None else f.get("end_date")
        details = Certification(
            **common,
            start_date=start,
            end_date=end,
            hours=hours,
            certificate_date=_not_future(f.need("certificate_date"), today, f.path("certificate_date")),
            valid_from=valid_from,
            valid_until=valid_until,
            title_front=f.get("title_front"),
            title_back=f.get("title_back"),
        )
    if details.start_date is not None and details.end_date is not None:
        _check_order(details.start_date, details.end_date, f.path("end_date"), "Tanggal berakhir")
        _not_future(details.end_date, today, f.path("end_date"))
        if details.hours is not None:
            check_lesson_hours(details.hours, details.start_date, details.end_date, field=f.path("hours"))
    return details


def _award(f: _Fields, today: date) -> Award:
    year = f.get("year")
    if not FIRST_AWARD_YEAR <= year <= today.year:
        raise ValidationError(
            f"Tahun perolehan harus {FIRST_AWARD_YEAR}-{today.year}.",
            code="INVALID_YEAR",
            details={"field": f.path("year")},
        )
    award = Award(
        scale=f.get("scale"),
        group=f.get("group"),
        type=f.get("type"),
        year=year,
        sk_number=f.get("sk_number"),
        sk_date=_not_future(f.get("sk_date"), today, f.path("sk_date")),
        name=f.need("name") if f.get("type") is AwardType.LAINNYA else f.get("name"),
    )
    check_award_group(award, field=f.path("group"))
    return award


def _team(f: _Fields, today: date) -> Team:
    return Team(
        sk_date=_not_future(f.get("sk_date"), today, f.path("sk_date")),
        sk_valid=f.get("sk_valid"),
        team_name=f.get("team_name"),
        scope=f.get("scope"),
        position=f.get("position"),
        evidence_url=f.get("evidence_url"),
    )


class _Fields:
    """One kind's checked fields; a field another one makes necessary is refused as ``<kind field>.<name>``."""

    def __init__(self, prefix: str, values: Mapping[str, Any]) -> None:
        self._prefix, self._values = prefix, values

    def path(self, name: str) -> str:
        return f"{self._prefix}.{name}"

    def get(self, name: str) -> Any:
        return self._values.get(name)

    def need(self, name: str) -> Any:
        value = self._values.get(name)
        if value is None:
            raise ValidationError(
                f"Kolom '{self.path(name)}' wajib diisi.", code="REQUIRED", details={"field": self.path(name)}
            )
        return value


def _check_order(first: date, last: date, field_name: str, what: str) -> None:
    if last < first:
        raise ValidationError(
            f"{what} tidak boleh sebelum tanggal mulainya.", code="INVALID_DATE_RANGE", details={"field": field_name}
        )


def _not_future(day: date, today: date, field_name: str) -> date:
    if day > today:
        raise BusinessRule(
            "Tanggal riwayat tidak boleh melewati hari ini.", code="DATE_IN_FUTURE", details={"field": field_name}
        )
    return day


# -- the queue's filters (the one decision mechanism reads them as text) --------------------------------------


def parse_kind(value: object) -> RecordKind:
    try:
        return RecordKind(str(value).upper())
    except ValueError:
        raise not_one_of("kind", list(RecordKind), "Jenis riwayat", "INVALID_RECORD_KIND") from None


def parse_status(value: object) -> RecordStatus:
    try:
        status = RecordStatus(str(value).upper())
    except ValueError:
        status = None
    if status not in LISTED:
        raise not_one_of("status", list(LISTED), "Status riwayat", "INVALID_STATUS")
    return status
