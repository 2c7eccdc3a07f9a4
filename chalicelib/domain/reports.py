"""Daily activity reports (laporan kegiatan harian): content rules, lifecycle and history."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from typing import Any

from .accounts import forbid_self_decision
from .attendance import AttendanceDay
from .errors import BusinessRule, Conflict, ValidationError
from .history import HistoryEntry
from .messages import time_span

DEFAULT_BACKDATE_DAYS = 7
MAX_TITLE, MAX_DESCRIPTION, MAX_OUTPUT = 200, 4000, 1000


class ReportStatus(StrEnum):
    SUBMITTED = "SUBMITTED"
    APPROVED = "APPROVED"
    REJECTED = "REJECTED"
    WITHDRAWN = "WITHDRAWN"


STATUS_LABELS = {
    ReportStatus.SUBMITTED: "Diajukan",
    ReportStatus.APPROVED: "Disetujui",
    ReportStatus.REJECTED: "Ditolak",
    ReportStatus.WITHDRAWN: "Ditarik",
}
#: statuses whose reports count on the calendar
COUNTED = (ReportStatus.SUBMITTED, ReportStatus.APPROVED, ReportStatus.REJECTED)


@dataclass(frozen=True)
class Evidence:
    evidence_id: str
    filename: str
    content_type: str
    size: int
    key: str


@dataclass(frozen=True)
class ReportContent:
    """What the employee writes; every field but ``template_id``/``rhk_id`` is required."""

    day: date
    start: time
    end: time
    title: str
    description: str
    output: str
    template_id: str | None = None
    rhk_id: str | None = None


EDITABLE_FIELDS = ("day", "start", "end", "title", "description", "output", "rhk_id")


@dataclass(frozen=True)
class Report:
    report_id: str
    nip: str
    skpd_id: str
    satker_id: str
    supervisor_nip: str | None
    content: ReportContent
    status: ReportStatus
    submitted_at: datetime
    evidence: tuple[Evidence, ...] = ()
    decided_by: str | None = None
    decided_for: str | None = None
    decided_at: datetime | None = None
    rating: int | None = None
    note: str | None = None
    copied_from: str | None = None
    history: tuple[HistoryEntry, ...] = ()
    version: int = 0
    #: the report coach's hint codes for its content when last written (`domain.coach`): advice, never a block
    hints: tuple[str, ...] = ()


# -- parsing -------------------------------------------------------------------------------------


#: The dates the service deals in (reports, delegations, recaps, holidays); anything else is a typo or an attack.
FIRST_DAY, LAST_DAY = date(2000, 1, 1), date(2100, 12, 31)


def parse_day(value: object, field_name: str = "date") -> date:
    """A ``YYYY-MM-DD`` date between 2000 and 2100."""
    try:
        day = date.fromisoformat(str(value)) if len(str(value)) == 10 else None
    except ValueError:
        day = None
    if day is None or not FIRST_DAY <= day <= LAST_DAY:
        raise ValidationError(
            f"Kolom '{field_name}' harus tanggal YYYY-MM-DD antara tahun {FIRST_DAY.year} dan {LAST_DAY.year}.",
            code="INVALID_DATE",
            details={"field": field_name},
        )
    return day


def check_date_range(first: date | None, last: date | None, max_days: int | None = None) -> None:
    """A from-to filter: ``to`` not before ``from`` and, with ``max_days``, at most that many days; else 400
    ``INVALID_DATE_RANGE`` (every list and export with from/to checks it here)."""
    if first is None or last is None:
        return
    if last < first or (max_days is not None and (last - first).days >= max_days):
        longest = f" dan paling panjang {max_days} hari" if max_days is not None else ""
        raise ValidationError(
            f"Rentang tanggal harus urut{longest}.", code="INVALID_DATE_RANGE", details={"field": "to"}
        )


def parse_range(query: Mapping[str, Any], max_days: int | None = None) -> tuple[date | None, date | None]:
    """The optional ``from``/``to`` of a list's query, each a date and in order (`check_date_range`)."""
    first = parse_day(query["from"], "from") if query.get("from") else None
    last = parse_day(query["to"], "to") if query.get("to") else None
    check_date_range(first, last, max_days)
    return first, last


def parse_month(value: object, field_name: str = "month") -> date:
    """The first day of a ``YYYY-MM`` month between 2000 and 2100."""
    try:
        return parse_day(f"{value}-01", field_name)
    except ValidationError:
        raise ValidationError(
            f"Kolom '{field_name}' harus bulan YYYY-MM antara tahun {FIRST_DAY.year} dan {LAST_DAY.year}.",
            code="INVALID_MONTH",
            details={"field": field_name},
        ) from None


def parse_time(value: object, field_name: str) -> time:
    text = str(value or "")
    try:
        parsed = time.fromisoformat(text)
    except ValueError:
        parsed = None
    if parsed is None or len(text) != 5 or parsed.second:
        raise ValidationError(
            f"Kolom '{field_name}' harus jam HH:MM.", code="INVALID_TIME", details={"field": field_name}
        )
    return parsed


#: the content fields an employee writes, as `ReportContent` names them; all but ``rhk_id`` must be given
WRITTEN_FIELDS = ("day", "start", "end", "title", "description", "output")
#: how a request names each content field
SENT_NAMES = {"day": "date", "start": "start_time", "end": "end_time"}


def compose_content(sent: Mapping[str, Any], base: ReportContent | None = None) -> ReportContent:
    """The content from the fields a request sent (already checked, as dates, times and trimmed texts): with
    ``base`` (an edit, a copy) absent fields keep their value; a written field sent empty or absent with nothing
    to keep is ``REQUIRED`` — whether it must be sent depends on a template or an earlier version, not on its
    own value."""

    def pick(name: str) -> Any:
        value = sent[name] if name in sent else getattr(base, name, None)
        if value is None:
            key = SENT_NAMES.get(name, name)
            raise ValidationError(f"Kolom '{key}' wajib diisi.", code="REQUIRED", details={"field": key})
        return value

    values = {name: pick(name) for name in WRITTEN_FIELDS}
    template_id = sent["template_id"] if "template_id" in sent else getattr(base, "template_id", None)
    rhk_id = sent["rhk_id"] if "rhk_id" in sent else getattr(base, "rhk_id", None)
    return ReportContent(**values, template_id=template_id or None, rhk_id=rhk_id or None)


# -- rules ---------------------------------------------------------------------------------------


def check_content(content: ReportContent, *, today: date, backdate_days: int) -> None:
    """Time range and the date window (today is in the employee's own zone)."""
    if content.end <= content.start:
        raise ValidationError(
            "Jam selesai harus setelah jam mulai.", code="INVALID_TIME_RANGE", details={"field": "end_time"}
        )
    if content.day > today:
        raise BusinessRule("Laporan tidak dapat dibuat untuk tanggal yang akan datang.", code="DATE_IN_FUTURE")
    if content.day < today - timedelta(days=backdate_days):
        raise BusinessRule(
            f"Laporan hanya dapat dibuat paling lama {backdate_days} hari ke belakang.",
            code="DATE_TOO_OLD",
            details={"backdate_days": backdate_days},
        )


def check_attendance(day: AttendanceDay | None) -> AttendanceDay:
    if day is None or not day.attended:
        raise BusinessRule("Laporan hanya dapat dibuat pada tanggal Anda tercatat hadir.", code="ATTENDANCE_REQUIRED")
    return day


def check_overlap(
    content: ReportContent, day: AttendanceDay, report_id: str | None = None, zone: str | None = None
) -> None:
    """Activities of one day may not overlap (touching end and start is fine). ``zone`` (``WIB``) names the
    employee's zone in the refusal, as the screens write a time."""
    for other_id, (start, end) in sorted(day.report_slots.items()):
        if other_id != report_id and content.start < end and start < content.end:
            raise BusinessRule(
                f"Waktu kegiatan bertabrakan dengan laporan lain pada {time_span(start, end, zone)}.",
                code="REPORT_OVERLAP",
                details={"report_id": other_id, "start_time": f"{start:%H:%M}", "end_time": f"{end:%H:%M}"},
            )


def require_editable(report: Report) -> None:
    if report.status is not ReportStatus.SUBMITTED:
        raise Conflict(
            f"Laporan berstatus {STATUS_LABELS[report.status]} dan tidak dapat diubah.",
            code="REPORT_LOCKED",
            details={"status": report.status.value},
        )


def require_copyable(report: Report) -> None:
    if report.status is not ReportStatus.REJECTED:
        raise BusinessRule("Hanya laporan yang ditolak yang dapat disalin.", code="REPORT_NOT_REJECTED")


SYSTEM = "SYSTEM"
AUTO_APPROVE_AFTER = timedelta(days=7)


def decide(
    report: Report,
    status: ReportStatus,
    *,
    by: str,
    at: datetime,
    rating: int | None = None,
    note: str | None = None,
    on_behalf_of: str | None = None,
) -> Report:
    """The report after a decision (by a supervisor, a delegate on their behalf, or SYSTEM); never by its owner."""
    forbid_self_decision(by, report.nip)
    require_editable(report)
    changes_made: dict[str, list[Any]] = {"status": [report.status.value, status.value]}
    if on_behalf_of:
        changes_made["on_behalf_of"] = [None, on_behalf_of]
    entry = HistoryEntry(at, by, "AUTO_APPROVED" if by == SYSTEM else status.value, changes_made)
    return with_history(
        report, entry, status=status, decided_by=by, decided_for=on_behalf_of, decided_at=at, rating=rating, note=note
    )


def overdue(report: Report, now: datetime) -> bool:
    """Still SUBMITTED 7 days after submission: the system approves it."""
    return report.status is ReportStatus.SUBMITTED and now >= report.submitted_at + AUTO_APPROVE_AFTER


def changes(old: ReportContent, new: ReportContent) -> dict[str, list[Any]]:
    """Fields that differ, as ``{field: [old, new]}`` in JSON-friendly form."""
    return {
        f: [_plain(getattr(old, f)), _plain(getattr(new, f))]
        for f in EDITABLE_FIELDS
        if getattr(old, f) != getattr(new, f)
    }


def with_history(report: Report, entry: HistoryEntry, **updates: Any) -> Report:
    return replace(report, history=(*report.history, entry), **updates)


#: the content's fields as clients name them (`content_dict` runs for every report of every list)
_CONTENT_NAMES = tuple(
    (f.name, {"day": "date", "start": "start_time", "end": "end_time"}.get(f.name, f.name))
    for f in fields(ReportContent)
)


def content_dict(content: ReportContent) -> dict[str, Any]:
    return {shown: _plain(getattr(content, name)) for name, shown in _CONTENT_NAMES}


def _plain(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return value.strftime("%H:%M")
    return value


# -- templates -----------------------------------------------------------------------------------

#: how many templates one employee may keep
MAX_TEMPLATES = 100


@dataclass(frozen=True)
class Template:
    template_id: str
    nip: str
    name: str
    title: str
    description: str
    output: str
    duration_minutes: int
    version: int = 0
    #: the RHK a report filed from it names (checked when the report is filed: issue 19)
    rhk_id: str | None = None


def fill_from_template(template: Template, sent: Mapping[str, Any]) -> dict[str, Any]:
    """The fields of a report from a template: its texts, and end = start + duration; what the request sent (not
    empty) overrides any of them."""
    filled: dict[str, Any] = {
        "title": template.title,
        "description": template.description,
        "output": template.output,
        "template_id": template.template_id,
    }
    if template.rhk_id:
        filled["rhk_id"] = template.rhk_id
    filled.update({k: v for k, v in sent.items() if v is not None})
    start = sent.get("start")
    if "end" not in sent and start is not None:
        end = datetime.combine(date.min, start) + timedelta(minutes=template.duration_minutes)
        if end.date() != date.min:
            raise BusinessRule("Jam selesai dari templat melewati tengah malam.", code="INVALID_TIME_RANGE")
        filled["end"] = end.time()
    return filled
