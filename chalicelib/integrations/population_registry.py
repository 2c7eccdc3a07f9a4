"""The one integration point to the population registry (Dukcapil's SIAK) for tracked citizen requests (issue 22).

Seed 003 §4 (SIRAMASAKAN) describes a court's data flowing into the civil registry. There is no public contract for
that registry, so Kinerja calls none: the two offices record and notify every step themselves
(`services/citizen_requests.py`), and each step is handed to this one interface. An office that holds a real
integration writes a class with these two methods and returns it from `registry_for` under its own name (set
``POPULATION_REGISTRY`` to it); nothing else changes. The default, ``log``, only writes one structured log line per
event — the tracking number, the two offices, the documents to update and the step — never the citizen's name,
contact or case number: a log is no place for personal data, and a real adapter reads those from the request it
is handed.
"""

from __future__ import annotations

import logging
from typing import Protocol

from ..domain.citizen_requests import CitizenRequest

_log = logging.getLogger("kinerja.population_registry")


class PopulationRegistry(Protocol):
    def notify_ready(self, request: CitizenRequest) -> None:
        """The first office marked the request ready: the second office is about to update the registry. Raise on
        failure only if the step must not be recorded without it (the default never raises)."""
        ...

    def notify_done(self, request: CitizenRequest) -> None:
        """The second office marked it done: the registry's data are updated and new documents can be collected."""
        ...


class LoggingPopulationRegistry:
    """Records each event as a structured log line (``event``, ``tracking``, offices, updates) and calls nothing."""

    def notify_ready(self, request: CitizenRequest) -> None:
        self._log("citizen_request.ready", request)

    def notify_done(self, request: CitizenRequest) -> None:
        self._log("citizen_request.done", request)

    @staticmethod
    def _log(event: str, request: CitizenRequest) -> None:
        _log.info(
            event,
            extra={
                "event": event,
                "tracking": request.tracking,
                "origin_skpd": request.origin_skpd,
                "target_skpd": request.target_skpd,
                "updates": [u.value for u in request.updates],
            },
        )


def registry_for(name: str) -> PopulationRegistry:
    """The registry ``POPULATION_REGISTRY`` names; an unknown name fails at the first use, loudly."""
    if name == "log":
        return LoggingPopulationRegistry()
    raise RuntimeError(f"unknown POPULATION_REGISTRY {name!r}")
