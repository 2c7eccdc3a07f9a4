"""What a leave request is: the types with the form's labels, who may take which (PNS, CPNS, PPPK), each
type's limit, the statuses and verdicts with their labels, and the request, its steps and its attachment.

Apart because everything else (the rules, the store, the letter, the schemas' enums) reads these values, while
they change only when the regulation's list of types or the form changes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from ..accounts import EmploymentStatus
from ..reports import HistoryEntry
from .days import dates


class LeaveType(StrEnum):
    TAHUNAN = "TAHUNAN"
    BESAR = "BESAR"
    SAKIT = "SAKIT"
    MELAHIRKAN = "MELAHIRKAN"
    ALASAN_PENTING = "ALASAN_PENTING"
    CLTN = "CLTN"


#: the names on the official form (section II), in its order
TYPE_LABELS = {
    LeaveType.TAHUNAN: "Cuti Tahunan",
    LeaveType.BESAR: "Cuti Besar",
    LeaveType.SAKIT: "Cuti Sakit",
    LeaveType.MELAHIRKAN: "Cuti Melahirkan",
    LeaveType.ALASAN_PENTING: "Cuti Karena Alasan Penting",
    LeaveType.CLTN: "Cuti di Luar Tanggungan Negara",
}
ALLOWED_TYPES: dict[EmploymentStatus, frozenset[LeaveType]] = {
    EmploymentStatus.PNS: frozenset(LeaveType),
    EmploymentStatus.CPNS: frozenset(LeaveType) - {LeaveType.BESAR, LeaveType.CLTN},
    EmploymentStatus.PPPK: frozenset({LeaveType.TAHUNAN, LeaveType.SAKIT, LeaveType.MELAHIRKAN}),
}


@dataclass(frozen=True)
class Limit:
    """How long one request of a type may be (``months`` of the calendar) and the service it needs."""

    months: int
    service_years: int = 0
    label: str = ""


LIMITS = {
    LeaveType.BESAR: Limit(3, 5, "3 bulan"),
    LeaveType.SAKIT: Limit(12, 0, "1 tahun"),
    LeaveType.MELAHIRKAN: Limit(3, 0, "3 bulan"),
    LeaveType.ALASAN_PENTING: Limit(1, 0, "1 bulan"),
    LeaveType.CLTN: Limit(36, 5, "3 tahun"),
}
MAX_CHILD_ORDER = 3
BESAR_EVERY_YEARS = 5


class LeaveStatus(StrEnum):
    PENDING_CONSIDERATION = "PENDING_CONSIDERATION"
    PENDING_DECISION = "PENDING_DECISION"
    APPROVED = "APPROVED"
    REJECTED = "REJECTED"
    DEFERRED = "DEFERRED"
    CANCELLED = "CANCELLED"


STATUS_LABELS = {
    LeaveStatus.PENDING_CONSIDERATION: "Menunggu pertimbangan atasan",
    LeaveStatus.PENDING_DECISION: "Menunggu keputusan pejabat",
    LeaveStatus.APPROVED: "Disetujui",
    LeaveStatus.REJECTED: "Tidak disetujui",
    LeaveStatus.DEFERRED: "Ditangguhkan",
    LeaveStatus.CANCELLED: "Dibatalkan",
}
PENDING = (LeaveStatus.PENDING_CONSIDERATION, LeaveStatus.PENDING_DECISION)
#: statuses whose days are taken: no other leave, and no report, on them
HOLDS_DAYS = (*PENDING, LeaveStatus.APPROVED)


class Verdict(StrEnum):
    """What the supervisor considers and the official decides (the form's columns VII and VIII)."""

    APPROVED = "APPROVED"
    REJECTED = "REJECTED"
    DEFERRED = "DEFERRED"


VERDICT_LABELS = {Verdict.APPROVED: "Disetujui", Verdict.REJECTED: "Tidak disetujui", Verdict.DEFERRED: "Ditangguhkan"}


@dataclass(frozen=True)
class Step:
    """One decision on a request: by whom (and for whom, when a delegate acts), when, and the note."""

    verdict: Verdict
    by: str
    at: datetime
    note: str | None = None
    on_behalf_of: str | None = None


@dataclass(frozen=True)
class Attachment:
    """The doctor's certificate of a sick leave (a checked PDF in S3)."""

    file_id: str
    key: str
    filename: str
    size: int


@dataclass(frozen=True)
class LeaveRequest:
    leave_id: str
    nip: str
    skpd_id: str
    satker_id: str
    leave_type: LeaveType
    reason: str
    start: date
    end: date
    working_days: int
    address: str
    phone: str
    supervisor_nip: str
    official_nip: str
    status: LeaveStatus
    applied_at: datetime
    child_order: int | None = None
    attachment: Attachment | None = None
    consideration: Step | None = None
    decision: Step | None = None
    letter_number: str | None = None
    letter_seq: int | None = None
    numbered_at: datetime | None = None
    numbered_by: str | None = None
    cancelled_by: str | None = None
    cancel_reason: str | None = None
    #: the annual-leave balance when the request was made, as the form shows it: ((year, remaining), …) N-2..N
    balance: tuple[tuple[int, int], ...] = ()
    history: tuple[HistoryEntry, ...] = ()
    version: int = 0

    @property
    def calendar_days(self) -> int:
        return (self.end - self.start).days + 1

    def days(self) -> list[date]:
        return dates(self.start, self.end)

    @property
    def holds_days(self) -> bool:
        return self.status in HOLDS_DAYS


@dataclass(frozen=True)
class Application:
    """A request as the rules read it (`new_application`), before the rules that need the calendar and earlier
    leave."""

    leave_type: LeaveType
    reason: str
    start: date
    end: date
    address: str
    phone: str
    child_order: int | None = None
