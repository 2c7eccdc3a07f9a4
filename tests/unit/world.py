"""The app's services as the composition root wires them, over the in-memory twins and a fixed clock.

No DynamoDB, no network: `container.build()` with `InMemoryRepositories` and `InMemoryClients`, the same
root a Lambda builds with DynamoDB and AWS (`container.production()`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from chalicelib.config import Settings, settings_from
from chalicelib.domain.accounts import Actor, Employee, Role
from chalicelib.domain.identity import TimeZone
from chalicelib.integrations.memory import InMemoryClients
from chalicelib.security.keys import Keyring
from chalicelib.services.container import Services, build
from chalicelib.store.memory import InMemoryRepositories
from tests.support import make_nip, make_whatsapp, payload

APP_URL = "https://kinerja.test"
SKPD, SATKER = "DINKES", "PKM-KOTA"
SECRET = "unit-secret-0123456789-abcdefghijklmnopqrstuvwxyz"
#: the settings of the unit tests: the defaults, with these
SETTINGS = settings_from(
    {
        "KINERJA_SECRET": SECRET,
        "APP_URL": APP_URL,
        "API_URL": APP_URL,
        "REPORT_BACKDATE_DAYS": "7",
        "LEAVE_RECORDS_SINCE": "2026",
        "DOWNLOAD_URL_TTL_SECONDS": "300",
    }
)


class Clock:
    """A clock that says what the test tells it."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@dataclass
class World:
    """The root's services (`services`) over the twins (`repositories`, `clients`), the settings (`config`);
    the parts most tests use by name."""

    clock: Clock
    repositories: InMemoryRepositories = field(default_factory=InMemoryRepositories)
    clients: InMemoryClients = field(default_factory=InMemoryClients)
    config: Settings = SETTINGS

    def __post_init__(self) -> None:
        keys = Keyring.fixed(SECRET)
        self.services: Services = build(self.repositories, self.clients, self.config, self.clock, keys)
        r = self.repositories
        self.employees, self.attendance, self.templates = r.employees, r.attendance, r.templates
        self.delegations, self.holidays, self.job_state = r.delegations, r.holidays, r.job_state
        self.reminder_settings, self.idempotency = r.reminders, r.idempotency
        self.report_store, self.leave_store, self.org = r.reports, r.leave, r.org
        self.whatsapp, self.mail, self.objects = self.clients.whatsapp, self.clients.email, self.clients.objects
        self.reports, self.verification = self.services.reports, self.services.verification
        self.decisions, self.reminders = self.services.decisions, self.services.reminders

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


def body(day: date, start: str = "08:00", end: str = "09:00", **extra: Any) -> Any:
    """A report body as the API hands it to the service (a `ReportInput`, read from the JSON a client sends)."""
    return payload(
        "ReportInput",
        {
            "date": day.isoformat(),
            "start_time": start,
            "end_time": end,
            "title": "Pelayanan pasien",
            "description": "Melayani pasien rawat jalan di poli umum.",
            "output": "Pasien terlayani",
            **extra,
        },
    )
