"""Handing daily reports on to BKN's e-Kinerja ("isi sekali", issue 19): the "Progres Harian" fields, the export
files' shapes and the states of a report's handoff.

Peraturan BKN 2/2026 makes e-Kinerja mandatory for PNS and PPPK, and seed 004 lists what its "Progres Harian"
asks for per day: the date, the RHK the work serves, the activity (what was done), its output and a link to the
evidence. Kinerja holds all of it with each report, so the employee types it once. There is no public BKN API
contract: `DailyProgress` is the one shape every client (the recording default, an office's real one) receives.

Pure: no I/O; the CSV is written with the standard library.
"""

from __future__ import annotations

import csv
import io
from dataclasses import asdict, dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from .reports import Report, ReportStatus

#: the statuses a month's export carries: approved work, and work the supervisor has not decided yet (rejected and
#: withdrawn reports are not progress). A report is handed on only once APPROVED.
EXPORTED_STATUSES = (ReportStatus.APPROVED, ReportStatus.SUBMITTED)

#: attempts before a failing handoff stops being retried (it stays FAILED, with its last error, for the operator)
MAX_ATTEMPTS = 5
#: wait before retry n (1-based): 5, 10, 20, 40 minutes
RETRY_BASE = timedelta(minutes=5)
#: a claimed handoff whose run died is taken again after this long (a run sends at most a few hundred)
CLAIM_TTL = timedelta(minutes=10)

#: the CSV separator: a semicolon, because Excel on an Indonesian system (decimal comma) splits on ";" when it
#: opens a .csv; every field is quoted, so commas, semicolons and line breaks inside a text survive
CSV_SEPARATOR = ";"


class HandoffState(StrEnum):
    PENDING = "PENDING"  # approved, not yet sent (or being sent)
    SENT = "SENT"
    FAILED = "FAILED"  # the last attempt failed; retried until MAX_ATTEMPTS


STATE_LABELS = {
    HandoffState.PENDING: "Menunggu dikirim ke e-Kinerja",
    HandoffState.SENT: "Sudah dikirim ke e-Kinerja",
    HandoffState.FAILED: "Gagal dikirim ke e-Kinerja",
}


@dataclass(frozen=True)
class DailyProgress:
    """One day's progress as e-Kinerja's "Progres Harian" asks for it (seed 004).

    ``report_id`` is the idempotency key a real client passes on, so a resend after a lost answer is one entry.
    """

    report_id: str
    nip: str
    date: date
    rhk_id: str | None
    rhk: str
    activity: str
    output: str
    evidence_links: tuple[str, ...]
    status: str

    @property
    def activity_title(self) -> str:
        return self.activity.split("\n", 1)[0]


@dataclass(frozen=True)
class Handoff:
    """Where one report's handoff stands."""

    report_id: str
    nip: str
    state: HandoffState
    attempts: int = 0
    last_error: str | None = None
    sent_at: datetime | None = None
    external_id: str | None = None
    next_attempt_at: datetime | None = None
    claimed_until: datetime | None = None

    @property
    def gave_up(self) -> bool:
        return self.state is HandoffState.FAILED and self.attempts >= MAX_ATTEMPTS


def progress_of(report: Report, rhk_text: str | None, report_link: str) -> DailyProgress:
    """A report's "Progres Harian": the activity is its title and description; the evidence link is the report's
    page in Kinerja (a lasting, access-checked address; the files' own links expire within minutes), one per file
    (``#bukti-<n>``) or the page alone when it has none."""
    c = report.content
    links = tuple(f"{report_link}#bukti-{n}" for n in range(1, len(report.evidence) + 1)) or (report_link,)
    return DailyProgress(
        report_id=report.report_id,
        nip=report.nip,
        date=c.day,
        rhk_id=c.rhk_id,
        rhk=(rhk_text or "") if c.rhk_id else "",
        activity=f"{c.title}\n{c.description}",
        output=c.output,
        evidence_links=links,
        status=report.status.value,
    )


def month_bounds(first: date) -> tuple[date, date]:
    """A month's first and last day (``first`` is any day of it)."""
    first = first.replace(day=1)
    following = date(first.year + first.month // 12, first.month % 12 + 1, 1)
    return first, following - timedelta(days=1)


class ProgressFormat(StrEnum):
    JSON = "json"
    CSV = "csv"
    XLSX = "xlsx"


# -- the export's shapes -------------------------------------------------------------------------------

#: (header, width) of the CSV and the workbook, in e-Kinerja's order
COLUMNS = [
    ("Tanggal", 12.0),
    ("RHK", 40.0),
    ("Kegiatan", 30.0),
    ("Uraian kegiatan", 50.0),
    ("Output", 30.0),
    ("Link bukti dukung", 50.0),
    ("Status", 14.0),
]

_STATUS_TEXT = {ReportStatus.APPROVED.value: "Disetujui", ReportStatus.SUBMITTED.value: "Diajukan"}


def row_cells(p: DailyProgress) -> list[object]:
    """One row: the date as a date (the workbook keeps it a date cell), links one per line."""
    title, _, description = p.activity.partition("\n")
    return [
        p.date,
        p.rhk,
        title,
        description,
        p.output,
        "\n".join(p.evidence_links),
        _STATUS_TEXT.get(p.status, p.status),
    ]


def csv_text(rows: list[DailyProgress]) -> str:
    """The CSV: a byte-order mark so Excel reads UTF-8, ``;``-separated, every field quoted, dates ``YYYY-MM-DD``
    (what e-Kinerja's date field takes), CRLF line ends."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, delimiter=CSV_SEPARATOR, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow([h for h, _ in COLUMNS])
    for p in rows:
        cells = row_cells(p)
        writer.writerow([p.date.isoformat(), *cells[1:]])
    return out.getvalue()


def progress_json(p: DailyProgress) -> dict[str, object]:
    """The JSON shape (the export's rows and what a client sends)."""
    body = asdict(p)
    title, _, description = p.activity.partition("\n")
    body.update(date=p.date.isoformat(), evidence_links=list(p.evidence_links), title=title, description=description)
    return body


# -- the handoff's transitions ----------------------------------------------------------------------------


def due(handoff: Handoff | None, now: datetime) -> bool:
    """Whether a run should try this report now: never tried, or failed and its wait is over (not given up), and
    not claimed by a run still within its claim."""
    if handoff is None:
        return True
    if handoff.state is HandoffState.SENT or handoff.gave_up:
        return False
    if handoff.claimed_until and handoff.claimed_until > now:
        return False
    return handoff.next_attempt_at is None or handoff.next_attempt_at <= now


def retry_at(attempts: int, now: datetime) -> datetime | None:
    """When attempt ``attempts + 1`` may run (``None``: no more attempts)."""
    if attempts >= MAX_ATTEMPTS:
        return None
    return now + RETRY_BASE * (2 ** (attempts - 1))


def state_view(handoff: Handoff | None, approved: bool) -> dict[str, object] | None:
    """What the report view shows; ``None`` for a report that is not (yet) approved."""
    if not approved:
        return None
    state = handoff.state if handoff else HandoffState.PENDING
    return {
        "state": state.value,
        "label": STATE_LABELS[state],
        "attempts": handoff.attempts if handoff else 0,
        "sent_at": handoff.sent_at.isoformat() if handoff and handoff.sent_at else None,
        "external_id": handoff.external_id if handoff else None,
        "last_error": handoff.last_error if handoff else None,
    }
