"""In-memory twin of `DynamoComplaintRepository`.

DynamoDB writes a complaint and its claim on the day's attendance item in one transaction; here the attendance
twin's lock over both gives the same all-or-nothing guarantee, and the claims sit beside its day table.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from ...domain.attendance import AttendanceDay, Session
from ...domain.complaints import Complaint, ComplaintStatus, already_attended, duplicate, session_attended
from ...domain.errors import Conflict
from .attendance import InMemoryAttendanceRepository, empty_day
from .paging import page


def owner_sort(complaint: Complaint) -> str:
    return f"{complaint.day.isoformat()}#{complaint.session.value}#{complaint.complaint_id}"


def queue_sort(complaint: Complaint) -> str:
    return f"{complaint.day.isoformat()}#{complaint.submitted_at.isoformat()}#{complaint.complaint_id}"


def date_range(first: date | None, last: date | None) -> tuple[str, str]:
    return (first or date.min).isoformat(), f"{(last or date.max).isoformat()}#~"


class InMemoryComplaintRepository:
    """Behaves like `DynamoComplaintRepository`; claims and attends sessions on ``attendance``'s days."""

    def __init__(self, attendance: InMemoryAttendanceRepository) -> None:
        self._days = attendance
        self._items: dict[str, Complaint] = {}
        #: (nip, date, session) → the complaint claiming it (``complaint_pagi_id`` / ``complaint_sore_id``)
        self._claims: dict[tuple[str, date, Session], str] = {}

    def get(self, complaint_id: str) -> Complaint | None:
        return self._items.get(complaint_id)

    def claims(self, nip: str, day: date) -> tuple[AttendanceDay | None, dict[Session, str]]:
        with self._days.lock:
            claimed = {s: cid for (n, d, s), cid in self._claims.items() if n == nip and d == day}
            return self._days.get(nip, day), claimed

    def create(self, complaint: Complaint) -> Complaint:
        key = (complaint.nip, complaint.day, complaint.session)
        with self._days.lock:
            if complaint.complaint_id in self._items:
                raise Conflict(
                    "Berkas ini sudah dipakai untuk pengaduan lain; unggah surat tugas kembali.",
                    code="UPLOAD_ALREADY_USED",
                )
            current = self._days.stored(complaint.nip, complaint.day)
            if key in self._claims:
                raise duplicate(complaint.day, complaint.session)
            if session_attended(current, complaint.session):
                raise already_attended(complaint.session)
            if current is None:  # DynamoDB creates the day item that holds the claim
                self._days.put(empty_day(complaint.nip, complaint.day))
            self._claims[key] = complaint.complaint_id
            saved = replace(complaint, version=1)
            self._items[complaint.complaint_id] = saved
            return saved

    def decide(self, old: Complaint, new: Complaint) -> Complaint:
        key = (new.nip, new.day, new.session)
        with self._days.lock:
            stored = self._items.get(new.complaint_id)
            if stored is None or stored.version != old.version or self._claims.get(key) != new.complaint_id:
                raise Conflict("Pengaduan telah diubah oleh pengguna lain; muat ulang lalu coba lagi.", code="CONFLICT")
            if new.status is ComplaintStatus.APPROVED:
                current = self._days.stored(new.nip, new.day) or empty_day(new.nip, new.day)
                sessions = current.complaint_sessions | {new.session}
                self._days.put(replace(current, complaint_sessions=frozenset(sessions)))
                self._days.units[(new.nip, new.day)] = (new.skpd_id, new.satker_id)
            else:
                del self._claims[key]
            saved = replace(new, version=old.version + 1)
            self._items[new.complaint_id] = saved
            return saved

    def list_own(
        self,
        nip: str,
        *,
        first: date | None,
        last: date | None,
        status: ComplaintStatus | None,
        cursor: str | None,
        limit: int,
    ) -> tuple[list[Complaint], str | None]:
        low, high = date_range(first, last)
        found = [
            c
            for c in self._items.values()
            if c.nip == nip and low <= owner_sort(c) <= high and (status is None or c.status is status)
        ]
        return page(found, owner_sort, cursor, limit, f"complaints.by_owner:{nip}:{low}:{high}", newest_first=True)

    def queue(
        self,
        skpd_id: str | None,
        status: ComplaintStatus,
        *,
        satker_id: str | None,
        first: date | None,
        last: date | None,
        cursor: str | None,
        limit: int,
    ) -> tuple[list[Complaint], str | None]:
        low, high = date_range(first, last)
        found = [
            c
            for c in self._in(skpd_id, status)
            if low <= queue_sort(c) <= high and (satker_id is None or c.satker_id == satker_id)
        ]
        scope = f"complaints:{skpd_id or '*'}:{status.value}:{low}:{high}:{satker_id or ''}"
        return page(found, queue_sort, cursor, limit, scope)

    def count(self, skpd_id: str | None, status: ComplaintStatus) -> int:
        return len(self._in(skpd_id, status))

    def _in(self, skpd_id: str | None, status: ComplaintStatus) -> list[Complaint]:
        return [c for c in self._items.values() if c.status is status and (skpd_id is None or c.skpd_id == skpd_id)]
