"""Reading a record's kind, a status filter and a kind's fields from a request, each field checked and every
refusal naming it as ``<kind field>.<name>``.

Apart from the rules because this is the field-by-field reading (present, of its type, in range) that the
rules then build on; a new field of a kind is added here and in `kinds`."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from enum import StrEnum
from typing import Any

from ..errors import BusinessRule, ValidationError, not_one_of
from ..identity import validate_text
from ..reports import parse_day
from .kinds import (
    DETAIL_FIELD,
    LISTED,
    Award,
    AwardGroup,
    AwardScale,
    AwardType,
    Certification,
    CertificationType,
    Details,
    RecordKind,
    RecordStatus,
    Team,
    TeamPosition,
    TeamScope,
)
from .rules import check_award_group, check_lesson_hours, validate_url

MAX_HOURS = 2000
FIRST_AWARD_YEAR = 1945


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


def parse_details(kind: RecordKind, data: Mapping[str, object], *, today: date) -> Details:
    """The data of a record of ``kind`` (the fields of its manual), checked against its rules."""
    reader = _Reader(DETAIL_FIELD[kind], data)
    if kind is RecordKind.SERTIFIKASI:
        return _certification(reader, today)
    if kind is RecordKind.PENGHARGAAN:
        return _award(reader, today)
    return _team(reader, today)


def _certification(r: _Reader, today: date) -> Certification:
    kind = r.enum("type", CertificationType, "INVALID_CERTIFICATION_TYPE", "Jenis sertifikasi")
    common = {
        "type": kind,
        "classification": r.text("classification", 200),
        "name": r.text("name", 300),
        "number": r.text("number", 100),
        "institution": r.text("institution", 300),
    }
    if kind is CertificationType.KURSUS:
        start, end = r.day("start_date"), r.day("end_date")
        hours = r.whole("hours", 1, MAX_HOURS)
        details = Certification(
            **common,
            start_date=start,
            end_date=end,
            hours=hours,
            course_type=r.text("course_type", 100, required=False),
        )
    else:
        valid_from, valid_until = r.day("valid_from"), r.day("valid_until")
        _check_order(valid_from, valid_until, r.path("valid_until"), "Masa berlaku selesai")
        hours = r.whole("hours", 1, MAX_HOURS, required=False)
        needs_days = hours is not None
        start = r.day("start_date", required=needs_days or r.get("end_date") is not None)
        end = r.day("end_date", required=needs_days or start is not None)
        details = Certification(
            **common,
            start_date=start,
            end_date=end,
            hours=hours,
            certificate_date=_not_future(r.day("certificate_date"), today, r.path("certificate_date")),
            valid_from=valid_from,
            valid_until=valid_until,
            title_front=r.text("title_front", 50, required=False),
            title_back=r.text("title_back", 50, required=False),
        )
    if details.start_date is not None and details.end_date is not None:
        _check_order(details.start_date, details.end_date, r.path("end_date"), "Tanggal berakhir")
        _not_future(details.end_date, today, r.path("end_date"))
        if details.hours is not None:
            check_lesson_hours(details.hours, details.start_date, details.end_date, field=r.path("hours"))
    return details


def _award(r: _Reader, today: date) -> Award:
    award = Award(
        scale=r.enum("scale", AwardScale, "INVALID_AWARD_SCALE", "Skala penghargaan"),
        group=r.enum("group", AwardGroup, "INVALID_AWARD_GROUP", "Kelompok penghargaan"),
        type=r.enum("type", AwardType, "INVALID_AWARD_TYPE", "Jenis penghargaan"),
        year=r.whole("year", FIRST_AWARD_YEAR, today.year, code="INVALID_YEAR", what="Tahun perolehan"),
        sk_number=r.text("sk_number", 100),
        sk_date=_not_future(r.day("sk_date"), today, r.path("sk_date")),
        name=r.text("name", 300, required=str(r.get("type")).upper() == AwardType.LAINNYA.value),
    )
    check_award_group(award, field=r.path("group"))
    return award


def _team(r: _Reader, today: date) -> Team:
    sk_valid = r.get("sk_valid")
    if not isinstance(sk_valid, bool):
        raise r.missing("sk_valid") if sk_valid is None else r.wrong_type("sk_valid", "boolean")
    return Team(
        sk_date=_not_future(r.day("sk_date"), today, r.path("sk_date")),
        sk_valid=sk_valid,
        team_name=r.text("team_name", 300),
        scope=r.enum("scope", TeamScope, "INVALID_TEAM_SCOPE", "Ruang lingkup"),
        position=r.enum("position", TeamPosition, "INVALID_TEAM_POSITION", "Kedudukan"),
        evidence_url=validate_url(r.get("evidence_url"), r.path("evidence_url")),
    )


class _Reader:
    """Reads one kind's fields; every refusal names the field as ``<kind field>.<name>``."""

    def __init__(self, prefix: str, data: Mapping[str, object]) -> None:
        self._prefix, self._data = prefix, data

    def path(self, name: str) -> str:
        return f"{self._prefix}.{name}"

    def get(self, name: str) -> object:
        value = self._data.get(name)
        return None if value == "" else value

    def missing(self, name: str) -> ValidationError:
        return ValidationError(
            f"Kolom '{self.path(name)}' wajib diisi.", code="REQUIRED", details={"field": self.path(name)}
        )

    def wrong_type(self, name: str, what: str) -> ValidationError:
        return ValidationError(
            f"Kolom '{self.path(name)}' harus berupa {what}.", code="INVALID_TYPE", details={"field": self.path(name)}
        )

    def text(self, name: str, max_len: int, *, required: bool = True) -> Any:
        value = validate_text(self.get(name), self.path(name), max_len=max_len, required=required)
        return value or None

    def day(self, name: str, *, required: bool = True) -> Any:
        value = self.get(name)
        if value is None:
            if required:
                raise self.missing(name)
            return None
        return value if isinstance(value, date) else parse_day(value, self.path(name))

    def whole(
        self, name: str, low: int, high: int, *, required: bool = True, code: str = "INVALID_HOURS", what: str = ""
    ) -> Any:
        value = self.get(name)
        if value is None:
            if required:
                raise self.missing(name)
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.wrong_type(name, "bilangan bulat")
        if not low <= value <= high:
            label = what or "Jumlah jam pelajaran"
            raise ValidationError(f"{label} harus {low}-{high}.", code=code, details={"field": self.path(name)})
        return value

    def enum(self, name: str, kind: type[StrEnum], code: str, what: str) -> Any:
        value = self.get(name)
        if value is None:
            raise self.missing(name)
        try:
            return kind(str(value).upper())
        except ValueError:
            raise not_one_of(self.path(name), list(kind), what, code) from None


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
