"""The supervisor's view of the year: their approved targets as a tree of the staff RHK that cascade from them,
and each direct subordinate's SKP status. Staff come from `employees.by_supervisor`, their SKP by the
deterministic id in one BatchGetItem per 100 (no index of its own, no Scan)."""

from __future__ import annotations

from typing import Any

from ...domain import skp as rules
from ...domain.accounts import Actor, Employee
from ...domain.skp import STATUS_LABELS, skp_id_of
from ...store.protocols import EmployeeRepository, SkpRepository

#: a supervisor's staff read for the tree: pages of 100, at most this many (a kepala dinas has fewer)
MAX_STAFF_PAGES = 5
BATCH = 100


class SkpCascade:
    def __init__(self, skp: SkpRepository, employees: EmployeeRepository) -> None:
        self._skp, self._employees = skp, employees

    def cascade(self, actor: Actor, year: int) -> dict[str, Any]:
        rules.check_year(year)
        staff = self._staff(actor.nip)
        ids = [skp_id_of(e.nip, year) for e in staff]
        found: dict[str, rules.Skp] = {}
        for start in range(0, len(ids), BATCH):
            found.update(self._skp.many(ids[start : start + BATCH]))
        by_nip = {s.nip: s for s in found.values()}
        own = self._skp.get(skp_id_of(actor.nip, year))
        people = {e.nip: e for e in staff}
        tree = rules.cascade(own.approved_targets if own else (), by_nip)
        return {
            "year": year,
            "targets": [
                {
                    "rhk_id": root.rhk_id,
                    "text": root.text,
                    "kind": root.kind.value,
                    "children": [
                        {
                            "nip": child.nip,
                            "name": people[child.nip].name,
                            "jabatan": people[child.nip].jabatan,
                            "rhk_id": child.rhk.rhk_id,
                            "text": child.rhk.text,
                            "kind": child.rhk.kind.value,
                        }
                        for child in children
                    ],
                }
                for root, children in tree
            ],
            "staff": [_staff_view(e, by_nip.get(e.nip)) for e in staff],
        }

    def _staff(self, nip: str) -> list[Employee]:
        staff: list[Employee] = []
        cursor = None
        for _ in range(MAX_STAFF_PAGES):
            page, cursor = self._employees.subordinates(nip, cursor, BATCH)
            staff.extend(page)
            if not cursor:
                break
        return sorted(staff, key=lambda e: (e.name, e.nip))


def _staff_view(employee: Employee, skp: rules.Skp | None) -> dict[str, Any]:
    return {
        "nip": employee.nip,
        "name": employee.name,
        "jabatan": employee.jabatan,
        "status": skp.status.value if skp else None,
        "status_label": STATUS_LABELS[skp.status] if skp else None,
    }
