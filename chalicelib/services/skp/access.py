"""Who may read an SKP: the employee, their supervisor (the SKP's penilai too) or a delegate of either, HR
(KEPEGAWAIAN) of the employee's SKPD, BKD and the admin (issue 19). Only the owner edits or submits it (the domain)."""

from __future__ import annotations

from collections.abc import Callable, Collection

from ...domain.accounts import Actor, Employee, Role
from ...domain.errors import Forbidden

_NOT_YOURS = "Anda tidak berhak melihat SKP pegawai ini."


def may_read(actor: Actor, employee: Employee, penilai_nip: str | None, held: Callable[[], Collection[str]]) -> bool:
    """Whether ``actor`` may read ``employee``'s SKP; ``held`` (read only when needed): the supervisors whose
    verification the caller holds today."""
    if actor.nip == employee.nip or actor.is_admin or actor.has(Role.BKD):
        return True
    if actor.has(Role.KEPEGAWAIAN) and actor.skpd_id == employee.skpd_id:
        return True
    supervisors = {n for n in (employee.supervisor_nip, penilai_nip) if n}
    if actor.nip in supervisors:
        return True
    return bool(supervisors & set(held()))


def require_read(
    actor: Actor, employee: Employee, penilai_nip: str | None, held: Callable[[], Collection[str]]
) -> None:
    if not may_read(actor, employee, penilai_nip, held):
        raise Forbidden(_NOT_YOURS)
