"""In-memory twins of the DynamoDB repositories: the same contracts (`store/protocols.py`), no I/O.

For unit tests and quick experiments. The contract tests in `tests/integration/` run one test class
against each twin and its DynamoDB implementation, so the two cannot drift apart.
"""

from __future__ import annotations

from .attendance import InMemoryAttendanceRepository
from .audit import InMemoryAuditLog
from .delegations import InMemoryDelegationRepository
from .digests import InMemoryDigests
from .employees import InMemoryEmployeeRepository
from .idempotency import InMemoryIdempotency
from .reminders import InMemoryHolidayOverrides, InMemoryJobState, InMemoryReminders
from .reports import InMemoryReportRepository
from .templates import InMemoryTemplateRepository

__all__ = [
    "InMemoryAttendanceRepository",
    "InMemoryAuditLog",
    "InMemoryDelegationRepository",
    "InMemoryDigests",
    "InMemoryEmployeeRepository",
    "InMemoryHolidayOverrides",
    "InMemoryIdempotency",
    "InMemoryJobState",
    "InMemoryReminders",
    "InMemoryReportRepository",
    "InMemoryTemplateRepository",
]
