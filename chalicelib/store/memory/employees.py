"""In-memory twin of `DynamoEmployeeRepository`."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from ...domain.accounts import Employee
from ...domain.audit import AuditEvent
from ...domain.errors import Conflict
from ...domain.people_search import PeopleSearch
from ..protocols import CredentialNotice
from .audit import InMemoryAuditLog
from .paging import page


class InMemoryEmployeeRepository:
    """Behaves like `DynamoEmployeeRepository`, including version conflicts and cursors; history goes to ``audit``
    (`InMemoryRepositories` shares its own), only when the write lands."""

    def __init__(self, audit: InMemoryAuditLog | None = None) -> None:
        self._items: dict[str, Employee] = {}
        self.notices: dict[str, CredentialNotice] = {}
        self.audit = audit if audit is not None else InMemoryAuditLog()

    def get(self, nip: str) -> Employee | None:
        return self._items.get(nip)

    def get_by_email(self, email: str) -> Employee | None:
        return next((e for e in self._items.values() if e.email == email), None)

    def add(self, employee: Employee, notice: CredentialNotice | None = None) -> Employee:
        if employee.nip in self._items:
            raise Conflict("Pegawai dengan NIP ini sudah terdaftar.", code="EMPLOYEE_EXISTS")
        return self._store(replace(employee, version=1), notice)

    def save(
        self, employee: Employee, notice: CredentialNotice | None = None, history: Sequence[AuditEvent] = ()
    ) -> Employee:
        stored = self._items.get(employee.nip)
        if stored is None or stored.version != employee.version:
            raise Conflict("Data telah diubah oleh pengguna lain; muat ulang lalu coba lagi.", code="CONFLICT")
        saved = self._store(replace(employee, version=employee.version + 1), notice)
        self.audit.record(list(history))
        return saved

    def record_history(self, events: Sequence[AuditEvent]) -> None:
        self.audit.record(list(events))

    def many(self, nips: set[str]) -> dict[str, Employee]:
        return {n: self._items[n] for n in nips if n in self._items}

    def has_subordinates(self, nip: str) -> bool:
        return any(e.supervisor_nip == nip for e in self._items.values())

    def subordinates(self, nip: str, cursor: str | None, limit: int) -> tuple[list[Employee], str | None]:
        staff = (e for e in self._items.values() if e.supervisor_nip == nip)
        return page(staff, lambda e: e.nip, cursor, limit, f"employees.by_supervisor:{nip}")

    def in_skpd(
        self,
        skpd_id: str,
        satker_id: str | None,
        cursor: str | None,
        limit: int,
        *,
        without_supervisor: bool = False,
        search: PeopleSearch | None = None,
    ) -> tuple[list[Employee], str | None]:
        matches = (
            e
            for e in self._items.values()
            if e.skpd_id == skpd_id
            and (satker_id is None or e.satker_id == satker_id)
            and not (without_supervisor and e.supervisor_nip)
            and (search is None or search.matches(e.nip, e.name))
        )
        index = "by_skpd_unassigned" if without_supervisor else "by_skpd"
        scope = f"employees.{index}:{skpd_id}:{satker_id or ''}"
        if search is not None:
            scope += f":q={search.text}"
        return page(matches, lambda e: f"SATKER#{e.satker_id}#{e.nip}", cursor, limit, scope)

    def count_without_supervisor(self, skpd_id: str) -> int:
        return sum(1 for e in self._items.values() if e.skpd_id == skpd_id and not e.supervisor_nip)

    def clear_notice(self, nip: str, notice_id: str, version: int) -> None:
        if nip in self.notices and self.notices[nip].notice_id == notice_id:
            del self.notices[nip]

    def _store(self, employee: Employee, notice: CredentialNotice | None) -> Employee:
        self._items[employee.nip] = employee
        if notice is not None:
            self.notices[employee.nip] = notice
        return employee
