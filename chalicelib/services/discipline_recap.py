"""The monthly discipline recap as an export (issue 20): who may ask for which one, and the worker's file.

`ExportService` hands a ``discipline`` request here (`scope`) and, in the worker, the job (`build`). A satker's
month comes from HR's closing when it is closed (the frozen rows with their corrections, `ClosedMonthRepository`)
and from the live reads otherwise (`SatkerMonthReader`). An SKPD's or every SKPD's recap goes satker by satker:
each satker's rows are written (Excel) or turned into the table's texts (PDF) before the next satker is read, and
an SKPD's approved complaints are read once for all its satkers.

Decisions where the issue is silent:

- **Who**: a satker or an SKPD — HR (KEPEGAWAIAN) of that SKPD, BKD, admin (`require_hr`); every SKPD — BKD and
  admin. The period is always one month.
- **Signature**: the organisation keeps no head of HR (kepala kepegawaian) of an SKPD, so the officer who asks for
  the recap signs it, with their jabatan.
- **Letterhead**: the SKPD's name; for every SKPD, the requesting officer's SKPD (the BKD's own).
- **A month not closed** is printed "Belum ditutup — angka dapat berubah", with the last day counted; in an SKPD
  some satkers may be closed and others not: each row says which, and the status counts them.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from ..domain.accounts import Actor, Employee, Role, require_hr
from ..domain.discipline import ClosedMonth, MonthKey, parse_month
from ..domain.errors import Forbidden, NotFound, ValidationError, not_one_of
from ..domain.exports import PeriodKind, ScopeKind
from ..domain.messages import indonesian_date
from ..domain.organisation import Satker, Skpd
from ..store.protocols import ClosedMonthRepository, EmployeeRepository, OrgRepository
from .discipline_month import ComplaintTypes, SatkerMonthReader

if TYPE_CHECKING:
    from ..documents.discipline_recap import CorrectionLine, RecapLine
    from ..schemas import ExportRequest

OPEN_STATE = "Belum ditutup — angka dapat berubah"
SCOPES = [ScopeKind.SATKER.value, ScopeKind.SKPD.value, ScopeKind.ALL.value]
#: at most this many satkers are named in the note of those not closed yet
NAMED_OPEN = 20


@dataclass
class _Tally:
    """What the rows stream leaves behind for the status and the notes: the units' closing, the corrections."""

    closed: list[tuple[Satker, ClosedMonth]] = field(default_factory=list)
    open: list[Satker] = field(default_factory=list)
    through: date | None = None
    corrections: list[CorrectionLine] = field(default_factory=list)
    closers: dict[str, str] = field(default_factory=dict)


class DisciplineRecap:
    def __init__(
        self,
        reader: SatkerMonthReader,
        closed_months: ClosedMonthRepository,
        org: OrgRepository,
        employees: EmployeeRepository,
    ) -> None:
        self._reader, self._closed, self._org, self._employees = reader, closed_months, org, employees

    # -- API side ----------------------------------------------------------------------------------------

    def scope(self, actor: Actor, body: ExportRequest) -> dict[str, str]:
        """The stored scope of a request the caller may make, or the refusal."""
        if body.period is not PeriodKind.MONTH:
            raise ValidationError(
                "Rekap disiplin dibuat per bulan; pilih periode bulan.",
                code="INVALID_PERIOD",
                details={"field": "period"},
            )
        scope = body.scope
        if scope is None or scope.type is ScopeKind.SUBORDINATES:
            raise not_one_of("scope.type", SCOPES, "Cakupan rekap disiplin", "INVALID_SCOPE")
        if scope.type is ScopeKind.ALL:
            if not (actor.is_admin or actor.has(Role.BKD)):
                raise Forbidden("Rekap disiplin seluruh SKPD hanya dapat dibuat oleh BKD.")
            return {"scope": "all"}
        skpd_id = scope.skpd_id or actor.skpd_id
        require_hr(actor, skpd_id)
        if self._org.get_skpd(skpd_id) is None:
            raise NotFound("SKPD tidak ditemukan.", code="SKPD_NOT_FOUND")
        if scope.type is ScopeKind.SKPD:
            return {"scope": "skpd", "skpd_id": skpd_id}
        if not scope.satker_id:
            raise ValidationError(
                "Kode harus 2-32 karakter huruf besar, angka, atau tanda '-'.",
                code="INVALID_CODE",
                details={"field": "satker_id"},
            )
        if self._org.get_satker(skpd_id, scope.satker_id) is None:
            raise NotFound("Satker tidak ditemukan.", code="SATKER_NOT_FOUND")
        return {"scope": "satker", "skpd_id": skpd_id, "satker_id": scope.satker_id}

    # -- worker side -------------------------------------------------------------------------------------

    def build(self, owner: Employee, request: Mapping[str, str], today: date) -> tuple[bytes, str]:
        """The job's file: the rows stream satker by satker into the workbook or the PDF's table."""
        from ..documents import discipline_recap as documents
        from ..documents.pdf import render

        month = parse_month(request["month"])
        scope = request["scope"]
        units, unit, letterhead, key = self._units(owner, request)
        tally = _Tally()
        lines = self._lines(units, month, tally)
        name = f"rekap-disiplin-{key}-{month.key}.{request['format']}"
        if request["format"] == "xlsx":
            data = documents.discipline_workbook(
                unit=unit,
                month=month,
                lines=lines,
                corrections=lambda: tally.corrections,
                notes=lambda: self._notes(tally, month)[1],
            )
            return data, name
        document = documents.discipline_document(
            instansi=letterhead.name if letterhead else owner.skpd_id,
            unit=unit,
            month=month,
            lines=lines,
            corrections=lambda: tally.corrections,
            status=lambda: self._notes(tally, month),
            signer=owner,
            place=letterhead.city if letterhead else "",
            today=today,
            as_of=lambda: tally.through if tally.open and tally.through != month.last else None,
            with_satker=scope != "satker",
        )
        return render(document), name

    def _units(
        self, owner: Employee, request: Mapping[str, str]
    ) -> tuple[Iterator[tuple[Skpd, Satker]], str, Skpd | None, str]:
        """The satkers to read in order (lazily), the unit's name, the letterhead's SKPD and the file name's key."""
        scope = request["scope"]
        if scope == "all":
            skpds = self._org.list_skpd()
            units = ((skpd, satker) for skpd in skpds for satker in self._org.list_satker(skpd.skpd_id))
            return units, "Seluruh SKPD", self._org.get_skpd(owner.skpd_id), "semua"
        skpd = self._org.get_skpd(request["skpd_id"])
        if skpd is None:
            raise NotFound("SKPD tidak ditemukan.", code="SKPD_NOT_FOUND")
        if scope == "skpd":
            return ((skpd, s) for s in self._org.list_satker(skpd.skpd_id)), skpd.name, skpd, skpd.skpd_id
        satker = self._org.get_satker(skpd.skpd_id, request["satker_id"])
        if satker is None:
            raise NotFound("Satker tidak ditemukan.", code="SATKER_NOT_FOUND")
        return iter([(skpd, satker)]), satker.name, skpd, satker.satker_id

    def _lines(self, units: Iterator[tuple[Skpd, Satker]], month: MonthKey, tally: _Tally) -> Iterator[RecapLine]:
        from ..documents.discipline_recap import RecapLine

        complaints: tuple[str, ComplaintTypes] | None = None
        for skpd, satker in units:
            closed = self._closed.get(skpd.skpd_id, satker.satker_id, month)
            if closed is not None:
                yield from self._closed_lines(satker, closed, tally)
                continue
            if complaints is None or complaints[0] != skpd.skpd_id:  # one read per SKPD
                complaints = (skpd.skpd_id, self._reader.complaint_types(skpd.skpd_id, month))
            context, rows = self._reader.satker_month(skpd.skpd_id, satker.satker_id, month, complaints=complaints[1])
            tally.open.append(satker)
            if context.through is not None:
                tally.through = max(tally.through or context.through, context.through)
            for row in rows:
                e = row.employee
                yield RecapLine(e.nip, e.name, e.jabatan, satker.name, False, row.figures)

    def _closed_lines(self, satker: Satker, closed: ClosedMonth, tally: _Tally) -> Iterator[RecapLine]:
        """The frozen rows with the corrections applied, by name; the corrections are kept for the list."""
        from ..documents.discipline_recap import CorrectionLine, RecapLine

        tally.closed.append((satker, closed))
        unknown = {c.by for c in closed.corrections} | {closed.closed_by}
        unknown |= {nip for nip in closed.figures if nip not in closed.people}
        found = self._employees.many(unknown)

        def person(nip: str) -> tuple[str, str]:
            if nip in closed.people:
                return closed.people[nip]
            employee = found.get(nip)
            return (employee.name, employee.jabatan) if employee else (nip, "")

        tally.closers[satker.satker_id] = person(closed.closed_by)[0]
        zone = ZoneInfo(satker.timezone.iana)
        for c in closed.corrections:
            at = c.at.astimezone(zone).replace(tzinfo=None)
            by_name = person(c.by)[0]
            tally.corrections.append(
                CorrectionLine(c, person(c.nip)[0], satker.name, by_name, at, satker.timezone.value)
            )
        for nip in sorted(closed.figures, key=lambda n: (person(n)[0].lower(), n)):
            name, jabatan = person(nip)
            corrected = frozenset(c.field for c in closed.corrections_of(nip))
            yield RecapLine(nip, name, jabatan, satker.name, True, closed.current(nip), corrected)

    def _notes(self, tally: _Tally, month: MonthKey) -> tuple[str, list[str]]:
        """The status line and the notes under the table (asked for after the last row)."""
        notes = []
        if tally.open:
            if len(tally.open) + len(tally.closed) == 1:
                state = OPEN_STATE
            else:
                state = f"{OPEN_STATE} ({len(tally.open)} dari {len(tally.open) + len(tally.closed)} satker)"
                named = ", ".join(s.name for s in tally.open[:NAMED_OPEN])
                more = len(tally.open) - NAMED_OPEN
                notes.append(f"Satker yang belum ditutup: {named}" + (f" dan {more} lainnya." if more > 0 else "."))
            notes.append(f"{OPEN_STATE}: bulan ini belum ditutup oleh petugas kepegawaian.")
            if tally.through is None:
                notes.append(f"Belum ada hari yang dihitung untuk bulan {month.label}.")
            elif tally.through < month.last:
                notes.append(f"Dihitung sampai {indonesian_date(tally.through)}; hari berikutnya belum dihitung.")
        elif len(tally.closed) == 1:
            satker, closed = tally.closed[0]
            at = closed.closed_at.astimezone(ZoneInfo(satker.timezone.iana))
            state = f"Ditutup {indonesian_date(at.date())} oleh {tally.closers[satker.satker_id]}"
        elif tally.closed:
            state = f"Ditutup (semua {len(tally.closed)} satker)"
        else:
            state = "Tidak ada satker dalam cakupan ini"
        if tally.corrections:
            notes.append("* Angka yang dikoreksi setelah bulan ditutup; daftar koreksinya menyertai rekap ini.")
        return state, notes
