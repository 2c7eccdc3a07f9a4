"""Attendance complaints (pengaduan presensi): an employee who could not record a session of a day — on official
duty outside the office (`TUGAS_LUAR`) or because the attendance device failed (`MESIN_ERROR`) — files a
complaint with a surat tugas PDF; HR of their SKPD (or BKD) approves or rejects it. An approved complaint makes
that session of that day count as attended (calendar source ``PENGADUAN``).

Rules (each refusal has its own code, and nothing is stored):
- the date is not in the future and not older than the window (``COMPLAINT_WINDOW_DAYS``, default 30), both in
  the employee's own zone (today counts);
- one live complaint per date and session: a second one is ``COMPLAINT_DUPLICATE`` while the first is
  submitted or approved (a rejected complaint frees its session, so a corrected one can be filed);
- a session already attended (sync, native check-in/out, or an approved complaint) is ``SESSION_ALREADY_ATTENDED``;
- the letter is a PDF of at most 300 KB, checked by its bytes after the upload.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from enum import StrEnum

from .accounts import forbid_self_decision
from .attendance import AttendanceDay, Session
from .errors import BusinessRule, Conflict, not_one_of
from .history import HistoryEntry, decision_entry
from .messages import indonesian_date
from .uploads import PDF, FileRule

DEFAULT_WINDOW_DAYS = 30
MAX_REASON = 1000
#: the surat tugas: a PDF of at most 300 KB (seed 002)
LETTER_RULE = FileRule(300 * 1024, PDF, fallback_name="surat-tugas")
REFERENCE_PREFIX = "ADU"


class ComplaintType(StrEnum):
    TUGAS_LUAR = "TUGAS_LUAR"  # official duty outside the office
    MESIN_ERROR = "MESIN_ERROR"  # the attendance device failed


class ComplaintStatus(StrEnum):
    SUBMITTED = "SUBMITTED"
    APPROVED = "APPROVED"
    REJECTED = "REJECTED"


TYPE_LABELS = {ComplaintType.TUGAS_LUAR: "Tugas luar", ComplaintType.MESIN_ERROR: "Mesin error"}
STATUS_LABELS = {
    ComplaintStatus.SUBMITTED: "Diajukan",
    ComplaintStatus.APPROVED: "Disetujui",
    ComplaintStatus.REJECTED: "Ditolak",
}
SESSION_LABELS = {Session.PAGI: "pagi (masuk)", Session.SORE: "sore (pulang)"}


@dataclass(frozen=True)
class Letter:
    """The surat tugas as stored (``key`` in the bucket; ``filename`` ends with the checked type's extension)."""

    file_id: str
    key: str
    filename: str
    content_type: str
    size: int


@dataclass(frozen=True)
class Complaint:
    complaint_id: str
    reference: str
    nip: str
    skpd_id: str
    satker_id: str
    kind: ComplaintType
    day: date
    session: Session
    reason: str
    letter: Letter
    status: ComplaintStatus
    submitted_at: datetime
    decided_by: str | None = None
    decided_at: datetime | None = None
    note: str | None = None
    history: tuple[HistoryEntry, ...] = ()
    version: int = 0


# -- the rules of a complaint beyond its fields (the request model checks type, session, date and reason) ------


def parse_status(value: object) -> ComplaintStatus:
    """A status filter of HR's queue (the one decision mechanism's filters arrive as text)."""
    try:
        return ComplaintStatus(str(value).upper())
    except ValueError:
        raise not_one_of("status", list(ComplaintStatus), "Status pengaduan", "INVALID_STATUS") from None


def check_window(day: date, *, today: date, window_days: int) -> None:
    """Not in the future; not more than ``window_days`` before ``today`` (both in the employee's zone)."""
    if day > today:
        raise BusinessRule("Pengaduan tidak dapat diajukan untuk tanggal yang akan datang.", code="DATE_IN_FUTURE")
    if day < today - timedelta(days=window_days):
        raise BusinessRule(
            f"Pengaduan hanya dapat diajukan paling lama {window_days} hari ke belakang "
            f"(paling awal {indonesian_date(today - timedelta(days=window_days))}).",
            code="DATE_TOO_OLD",
            details={"window_days": window_days},
        )


def session_attended(record: AttendanceDay | None, session: Session) -> bool:
    """Whether ``session`` of the day is already recorded: by the sync, by check-in/out, or by a complaint."""
    if record is None:
        return False
    if session is Session.PAGI:
        recorded = record.sync_in is not None or record.native_in is not None
    else:
        recorded = record.sync_out is not None or record.native_out is not None
    return recorded or session in record.complaint_sessions


def check_not_attended(record: AttendanceDay | None, session: Session) -> None:
    if session_attended(record, session):
        raise already_attended(session)


def already_attended(session: Session) -> BusinessRule:
    return BusinessRule(
        f"Presensi sesi {SESSION_LABELS[session]} pada tanggal ini sudah tercatat; pengaduan tidak diperlukan.",
        code="SESSION_ALREADY_ATTENDED",
        details={"field": "session"},
    )


def duplicate(day: date, session: Session) -> Conflict:
    return Conflict(
        f"Sudah ada pengaduan untuk tanggal {indonesian_date(day)} sesi {SESSION_LABELS[session]}.",
        code="COMPLAINT_DUPLICATE",
        details={"date": day.isoformat(), "session": session.value},
    )


def reference(year: int, number: int) -> str:
    """The number the employee quotes: ``ADU/2026/000123`` (a series per year; never reused)."""
    return f"{REFERENCE_PREFIX}/{year}/{number:06d}"


def reference_series(year: int) -> str:
    """The numbered series (`store/sequences.py`) the references of ``year`` come from."""
    return f"complaint:{year}"


# -- verification by HR ------------------------------------------------------------------------------------


def require_submitted(complaint: Complaint) -> None:
    if complaint.status is not ComplaintStatus.SUBMITTED:
        raise Conflict(
            f"Pengaduan {complaint.reference} sudah {STATUS_LABELS[complaint.status].lower()}.",
            code="COMPLAINT_DECIDED",
            details={"status": complaint.status.value},
        )


def decide(complaint: Complaint, status: ComplaintStatus, *, by: str, at: datetime, note: str | None) -> Complaint:
    """The complaint after HR's decision; never by the employee who filed it, and only once."""
    forbid_self_decision(by, complaint.nip)
    require_submitted(complaint)
    entry = decision_entry(at, by, complaint.status.value, status.value, note=note)
    return replace(
        complaint, status=status, decided_by=by, decided_at=at, note=note, history=(*complaint.history, entry)
    )
