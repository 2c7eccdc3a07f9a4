"""The one set of decision models: the inbox, a kind's queue, one decision, many decisions, the e-mailed link's
form. Every verifiable kind uses these (docs/verification.md)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from ..domain.decision_kinds import KINDS
from ..domain.decisions import MAX_BULK, MAX_NOTE, Decision, Verdict
from .base import Body, Out, Version, choice, enum_choice, page_limit, text, whole
from .common import Code, Cursor, DateRangeQuery, Nip

__all__ = [
    "BulkDecisionInput",
    "BulkDecisionResult",
    "DecisionInput",
    "DecisionLinkForm",
    "Inbox",
    "VerificationItem",
    "VerificationQuery",
    "VerificationQueue",
]

KIND_NAMES = tuple(spec.kind for spec in KINDS)
VerdictName = enum_choice(Verdict, code="INVALID_VERDICT")
Kind = choice(*KIND_NAMES, code="UNKNOWN_KIND", description="a verifiable kind")
ItemId = text(64, pattern="^[0-9a-zA-Z.-]+$", description="the item's id (a document: <nip>.<category>)")
Rating = whole(1, 5, code="INVALID_RATING", what="Nilai")
#: a record's kind (SERTIFIKASI, TIM_KERJA …: an underscore, so not a `Code`) or a document's category code
Category = text(
    32,
    pattern="^[A-Za-z0-9][A-Za-z0-9_-]{1,31}$",
    description="record: its kind (e.g. TIM_KERJA); document: its category",
)
Note = text(MAX_NOTE, description="required where the kind and verdict say so (see docs/verification.md)")


class DecisionInput(Body):
    verdict: VerdictName  # type: ignore[valid-type]
    note: Note | None = None  # type: ignore[valid-type]
    rating: Rating | None = Field(None, description="kinds that take a rating (report) only")  # type: ignore[valid-type]
    version: Version | None = Field(None, description="when sent, must be the item's current version")

    def decision(self) -> Decision:
        """The domain's value of this decision (the kind's own rules check it against the item)."""
        return Decision(self.verdict, self.note, self.rating, self.version)


class BulkItem(Body):
    id: ItemId  # type: ignore[valid-type]
    version: Version | None = None


class BulkDecisionInput(Body):
    items: list[BulkItem] = Field(min_length=1, max_length=MAX_BULK)
    verdict: VerdictName  # type: ignore[valid-type]
    note: Note | None = None  # type: ignore[valid-type]
    rating: Rating | None = None  # type: ignore[valid-type]

    def decision(self) -> Decision:
        """The one decision applied to every item (each item's own version is checked with it)."""
        return Decision(self.verdict, self.note, self.rating, None)

    def targets(self) -> list[tuple[str, int | None]]:
        return [(item.id, item.version) for item in self.items]


class BulkDecisionOutcome(Out):
    id: str
    outcome: Literal["DECIDED", "ERROR"]
    status: str | None = None
    status_label: str | None = None
    version: int | None = None
    code: str | None = None
    message: str | None = None


class BulkDecisionResult(Out):
    decided: int
    failed: int
    results: list[BulkDecisionOutcome]


class VerificationQuery(DateRangeQuery):
    kind: Kind  # type: ignore[valid-type]
    for_: Nip | None = Field(None, alias="for", description="person kinds: a supervisor who delegated to the caller")
    skpd_id: Code | None = Field(None, description="HR kinds: an SKPD (BKD and admin; default their scope)")
    satker_id: Code | None = None
    status: (
        choice(  # type: ignore[valid-type]
            "SUBMITTED", "APPROVED", "REJECTED", "REVOKED", "ALL", code="INVALID_STATUS", description="default: waiting"
        )
        | None
    ) = None
    category: Category | None = None  # type: ignore[valid-type]
    cursor: Cursor | None = None  # type: ignore[valid-type]
    limit: page_limit() | None = None  # type: ignore[valid-type]


class ItemEmployee(Out):
    nip: str
    name: str | None
    jabatan: str | None


class SummaryLine(Out):
    label: str
    value: str


class ItemFile(Out):
    label: str
    filename: str
    url: str


class VerificationItem(Out):
    kind: str
    id: str
    version: int
    status: str
    status_label: str
    employee: ItemEmployee
    title: str
    date: str | None
    submitted_at: str | None
    summary: list[SummaryLine] = Field(description="what a person reads to decide, in Bahasa Indonesia")
    files: list[ItemFile]
    verdicts: list[str] = Field(description="the verdicts the item allows now")
    rating: bool = Field(description="whether a decision takes a rating")
    detail: dict = Field(description="the kind's own view of the item, as its own GET answers")


class VerificationQueue(Out):
    kind: str
    label: str
    count: int = Field(description="how many wait in the caller's scope")
    items: list[VerificationItem]
    next_cursor: str | None


class DelegatedCount(Out):
    nip: str
    count: int


class InboxKind(Out):
    kind: str
    label: str
    count: int
    delegated: list[DelegatedCount] = Field(description="person kinds: what waits for supervisors who delegated")


class InboxTask(Out):
    task: Literal["no_supervisor"]
    label: str
    count: int


class Inbox(Out):
    total: int = Field(description="decisions waiting (the badge); tasks are not counted")
    kinds: list[InboxKind]
    tasks: list[InboxTask] = Field(description="waiting work that is not a decision, for the roles it concerns")


class DecisionLinkForm(Body):
    """The link page's form (text from a browser form)."""

    model_config = Body.model_config | {"strict": False}

    # a form sends text or nothing, never null: documented as text, absent means none
    rating: text(1) = Field(None, description="1-5, where the kind takes a rating")  # type: ignore[valid-type]
    note: text(MAX_NOTE) = None  # type: ignore[valid-type]
