"""Waiting work that is not a decision: what a role must do before others can do theirs.

Today one task: the operator's employees without a direct supervisor — nobody can verify their reports or consider
their leave until one is set. Tasks stand beside the decisions in the inbox and on Beranda; the badge counts only
decisions (nothing here is approved or rejected).
"""

from __future__ import annotations

from typing import Protocol

from ...domain.accounts import Actor, Role
from ...store.protocols import EmployeeRepository


class WaitingTask(Protocol):
    task: str
    label: str

    def count(self, actor: Actor) -> int | None:
        """How many wait for ``actor``; None when the task is not theirs."""
        ...


class EmployeesWithoutSupervisor:
    """The SKPD operator sets direct supervisors; counted on the sparse index of those without one."""

    task = "no_supervisor"
    label = "Pegawai tanpa atasan langsung"

    def __init__(self, employees: EmployeeRepository) -> None:
        self._employees = employees

    def count(self, actor: Actor) -> int | None:
        if not actor.has(Role.OPERATOR_SKPD):
            return None
        return self._employees.count_without_supervisor(actor.skpd_id)
