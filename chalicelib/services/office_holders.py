"""Who holds a role in an SKPD: the one reading the public-service flows (issue 22) share to find the officers
(``LAYANAN``) or leadership (``PIMPINAN``) a step concerns — the WhatsApp auto-reply, Kritis, tracked requests.

The SKPD's staff is read page by page (a Query of its partition, never a Scan) and filtered here: a step is rare
and an SKPD's staff a few hundred at most, so a role index would cost more than it saves.
"""

from __future__ import annotations

from ..domain.accounts import Employee, Role
from ..store.protocols import EmployeeRepository

_PAGE = 200


def office_holders(employees: EmployeeRepository, skpd_id: str, role: Role) -> list[Employee]:
    """The SKPD's holders of ``role``, in the staff's order."""
    found: list[Employee] = []
    cursor = None
    while True:
        page, cursor = employees.in_skpd(skpd_id, None, cursor, _PAGE)
        found += [e for e in page if role in e.granted_roles]
        if not cursor:
            return found
