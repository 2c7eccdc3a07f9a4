"""What a verifiable kind supplies to the shared mechanism: its declaration, how to load, describe, list and
count its items, and its own effect of a decision. Nothing else about deciding is written per kind."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any, Generic, Protocol, TypeVar

from ...domain.accounts import Actor, Employee
from ...domain.decisions import Decision, KindSpec, Scope, Subject, Verdict


@dataclass(frozen=True)
class QueueFilters:
    """The queue's filters; each kind uses those that apply to it (``status`` None: what waits)."""

    satker_id: str | None = None
    status: str | None = None
    first: date | None = None
    last: date | None = None
    category: str | None = None


@dataclass(frozen=True)
class Card:
    """An item as every queue shows it: a title, the lines a person reads to decide, its files, and the kind's own
    view (``detail``) for screens that show more. Adapters build it positionally, in this order."""

    item_id: str
    owner_nip: str
    title: str
    day: date | None
    submitted_at: datetime | None
    summary: list[tuple[str, str]]
    detail: dict[str, Any]
    files: list[dict[str, str]] = field(default_factory=list)


class VerifiableKind(Protocol):
    spec: KindSpec

    def load(self, item_id: str) -> Any:
        """The item (`NotFound` when there is none; a malformed id is simply not found)."""
        ...

    def subject(self, item: Any) -> Subject: ...

    def apply(self, item: Any, decision: Decision, actor: Actor, *, at: datetime, on_behalf_of: str | None) -> Any:
        """The kind's own effect, written with the item's history entry in one conditional write."""
        ...

    def waiting(
        self, scope: Scope, filters: QueueFilters, cursor: str | None, limit: int
    ) -> tuple[list[Any], str | None]: ...

    def count(self, scope: Scope) -> int:
        """How many wait in ``scope`` (for the inbox)."""
        ...

    def cards(self, items: list[Any], people: Mapping[str, Employee]) -> list[Card]:
        """How each item shows in a queue (a batch, so what the kind reads for it is read once); ``people``: the
        owners, already read for the queue (their time zone, for times)."""
        ...


class Item(Protocol):
    """What every verifiable item has (reports, leave, complaints, records, documents)."""

    nip: str
    skpd_id: str
    version: int
    status: StrEnum


def files(label: str, *found: dict[str, Any] | None) -> list[dict[str, str]]:
    """The item's files as a queue lists them (``found``: the kind's file views, each with filename and url)."""
    return [{"label": label, "filename": f["filename"], "url": f["url"]} for f in found if f]


def subject_of(item: Item, label: str, open_verdicts: frozenset[Verdict], decider: str | None = None) -> Subject:
    return Subject(item.nip, item.skpd_id, item.version, item.status.value, label, open_verdicts, decider)


ServiceT, RepositoryT = TypeVar("ServiceT"), TypeVar("RepositoryT")


class Adapter(Generic[ServiceT, RepositoryT]):
    """What every kind adapter holds: the service that loads and shows its items, the repository that stores and
    lists them. Subclasses add `spec`, `load`, `subject`, `apply`, `waiting`, `count` and `_card`."""

    def __init__(self, service: ServiceT, repository: RepositoryT) -> None:
        self._service, self._repository = service, repository

    def cards(self, items: list[Any], people: Mapping[str, Employee]) -> list[Card]:
        return [self._card(item) for item in items]

    def _card(self, item: Any) -> Card:
        raise NotImplementedError
