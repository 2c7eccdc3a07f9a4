"""In-memory twin of `DynamoEmployeeRepository`."""

from __future__ import annotations

from dataclasses import replace

from ...domain.accounts import Employee
from ...domain.errors import Conflict
from ..protocols import CredentialNotice
from .paging import page


class InMemoryEmployeeRepository:
    """Behaves like `DynamoEmployeeRepository`, including version conflicts and cursors."""

    def __init__(self) -> None:
        self._items: dict[str, Employee] = {}
        self.notices: dict[str, CredentialNotice] = {}

    def get(self, nip: str) -> Employee | None:
        return self._items.get(nip)

    def get_by_email(self, email: str) -> Employee | None:
        return next((e for e in self._items.values() if e.email == email), None)

    def add(self, employee: Employee, notice: CredentialNotice | None = None) -> Employee:
        if employee.nip in self._items:
            raise Conflict("Pegawai dengan NIP ini sudah terdaftar.", code="EMPLOYEE_EXISTS")
        return self._store(replace(employee, version=1), notice)

    def save(self, employee: Employee, notice: CredentialNotice | None = None) -> Employee:
        stored = self._items.get(employee.nip)
        if stored is None or stored.version != employee.version:
            raise Conflict("Data telah diubah oleh pengguna lain; muat ulang lalu coba lagi.", code="CONFLICT")
        return self._store(replace(employee, version=employee.version + 1), notice)

    def many(self, nips: set[str]) -> dict[str, Employee]:
        return {n: self._items[n] for n in nips if n in self._items}

    def has_subordinates(self, nip: str) -> bool:
        return any(e.supervisor_nip == nip for e in self._items.values())

    def subordinates(self, nip: str, cursor: str | None, limit: int) -> tuple[list[Employee], str | None]:
        staff = (e for e in self._items.values() if e.supervisor_nip == nip)
        return page(staff, lambda e: e.nip, cursor, limit, f"employees.by_supervisor:{nip}")

    def in_skpd(
        self, skpd_id: str, satker_id: str | None, cursor: str | None, limit: int
    ) -> tuple[list[Employee], str | None]:
        matches = (
            e for e in self._items.values() if e.skpd_id == skpd_id and (satker_id is None or e.satker_id == satker_id)
        )
        scope = f"employees.by_skpd:{skpd_id}:{satker_id or ''}"
        return page(matches, lambda e: f"SATKER#{e.satker_id}#{e.nip}", cursor, limit, scope)

    def clear_notice(self, nip: str, notice_id: str, version: int) -> None:
        if nip in self.notices and self.notices[nip].notice_id == notice_id:
            del self.notices[nip]

    def _store(self, employee: Employee, notice: CredentialNotice | None) -> Employee:
        self._items[employee.nip] = employee
        if notice is not None:
            self.notices[employee.nip] = notice
        return employee
