"""The real services wired to the in-memory repositories and a fixed clock: no DynamoDB, no network."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from chalicelib.domain.accounts import Actor, Employee, Role
from chalicelib.domain.identity import TimeZone
from chalicelib.services.reminders import ReminderService
from chalicelib.services.reports import ReportService
from chalicelib.services.verification import VerificationService
from chalicelib.store.memory import (
    InMemoryAttendanceRepository,
    InMemoryDelegationRepository,
    InMemoryEmployeeRepository,
    InMemoryHolidayOverrides,
    InMemoryIdempotency,
    InMemoryJobState,
    InMemoryReminders,
    InMemoryReportRepository,
    InMemoryTemplateRepository,
)
from tests.support import make_nip, make_whatsapp

APP_URL = "https://kinerja.test"
SKPD, SATKER = "DINKES", "PKM-KOTA"


class Clock:
    """A clock that says what the test tells it."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


class WhatsApp:
    """A `WhatsAppSender` that keeps what it was asked to send."""

    def __init__(self) -> None:
        self.sent: list[tuple[str, str]] = []

    def send(self, to: str, text: str, secrets: Iterable[str] = ()) -> str:
        self.sent.append((to, text))
        return f"wa-{len(self.sent)}"


class Queue:
    """The notifications queue, kept in a list."""

    def __init__(self) -> None:
        self.messages: list[dict[str, Any]] = []

    def send_all(self, messages: list[dict[str, Any]]) -> int:
        self.messages += messages
        return len(messages)


@dataclass
class World:
    clock: Clock
    employees: InMemoryEmployeeRepository = field(default_factory=InMemoryEmployeeRepository)
    attendance: InMemoryAttendanceRepository = field(default_factory=InMemoryAttendanceRepository)
    templates: InMemoryTemplateRepository = field(default_factory=InMemoryTemplateRepository)
    delegations: InMemoryDelegationRepository = field(default_factory=InMemoryDelegationRepository)
    reminder_settings: InMemoryReminders = field(default_factory=InMemoryReminders)
    holidays: InMemoryHolidayOverrides = field(default_factory=InMemoryHolidayOverrides)
    job_state: InMemoryJobState = field(default_factory=InMemoryJobState)
    whatsapp: WhatsApp = field(default_factory=WhatsApp)
    idempotency: InMemoryIdempotency = field(default_factory=InMemoryIdempotency)

    def __post_init__(self) -> None:
        self.report_store = InMemoryReportRepository(self.attendance)
        self.reports = ReportService(
            self.report_store,
            self.attendance,
            self.templates,
            clock=self.clock,
            backdate_days=7,
            evidence_url=lambda key, name: f"{APP_URL}/files/{key}",
        )
        self.verification = VerificationService(
            self.reports, self.report_store, self.employees, self.delegations, clock=self.clock
        )
        self.reminders = ReminderService(
            self.reminder_settings,
            self.holidays,
            self.attendance,
            self.employees,
            self.job_state,
            self.whatsapp,
            clock=self.clock,
            app_url=APP_URL,
            once=self.idempotency.once,
        )

    # -- people and attendance ---------------------------------------------------------------------

    def person(
        self, zone: TimeZone = TimeZone.WIB, supervisor: Employee | None = None, skpd: str = SKPD, name: str = "Dewi"
    ) -> Employee:
        return self.employees.add(
            Employee(
                nip=make_nip(),
                name=name,
                jabatan="Perawat",
                skpd_id=skpd,
                satker_id=SATKER,
                whatsapp=make_whatsapp(),
                timezone=zone,
                supervisor_nip=supervisor.nip if supervisor else None,
                must_change_password=False,
            )
        )

    def attend(self, employee: Employee, *days: date) -> None:
        for day in days:
            self.attendance.upsert_sync(employee.nip, day, time(7, 30), time(16), (employee.skpd_id, SATKER))


def actor(employee: Employee, *roles: Role) -> Actor:
    return Actor(
        nip=employee.nip,
        skpd_id=employee.skpd_id,
        roles=frozenset({Role.PEGAWAI, *roles}),
        satker_id=employee.satker_id,
        timezone=employee.timezone,
        supervisor_nip=employee.supervisor_nip,
    )


def at(text: str) -> datetime:
    """A UTC instant, ``YYYY-MM-DD HH:MM``."""
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def body(day: date, start: str = "08:00", end: str = "09:00", **extra: Any) -> dict[str, Any]:
    """A report body as the API receives it."""
    return {
        "date": day.isoformat(),
        "start_time": start,
        "end_time": end,
        "title": "Pelayanan pasien",
        "description": "Melayani pasien rawat jalan di poli umum.",
        "output": "Pasien terlayani",
        **extra,
    }
