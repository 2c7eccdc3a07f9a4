"""Quarterly assessments on DynamoDB, in the SKP's own partition (table `skp`, ``item`` = "Q#<q>"): read by
GetItem, the employee's waiting acknowledgements by a Query of the partition (``begins_with "Q#"``, at most four
items a year), so no index. Acknowledging the fourth quarter closes the SKP head in the same transaction.

Every write also carries the keys of `skp.by_skpd_predicate` (an SKPD's quarter in satker and NIP order) and the
small copies it projects, so HR's distribution of predicates and the SKPD's predicates Excel are one paged Query;
a supervisor's staff are a BatchGetItem of their ``<nip>.<year>``/``Q#<q>`` keys."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from datetime import datetime
from typing import Any

from pynamodb.exceptions import PutError, TransactWriteError
from pynamodb.transactions import TransactWrite

from ..domain.assessment import Predicate, Rating
from ..domain.errors import Conflict
from ..domain.predicates import PredicateLine
from ..domain.quarter_assessment import ITEM_PREFIX, Assessment, AssessmentStatus, Realisation, item_key
from ..domain.skp import Skp
from .conditions import condition_failed
from .history import history_json, history_of
from .models import SkpItem, transaction_connection
from .skp import to_item as head_item


def _stale() -> Conflict:
    return Conflict("Penilaian ini telah diubah; muat ulang lalu coba lagi.", code="CONFLICT")


def _when(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def predicate_key(skpd_id: str, year: int, quarter: int) -> str:
    """``by_skpd_predicate``'s partition: an SKPD's quarter."""
    return f"{skpd_id}#{year}#Q{quarter}"


def predicate_sort(satker_id: str, nip: str) -> str:
    """``by_skpd_predicate``'s sort key: satker, then NIP (one satker is ``begins_with "<satker>#"``)."""
    return f"{satker_id}#{nip}"


def to_item(a: Assessment) -> SkpItem:
    item = SkpItem(
        skp_id=a.skp_id,
        item=item_key(a.quarter),
        nip=a.nip,
        year=a.year,
        skpd_id=a.skpd_id,
        satker_id=a.satker_id or None,
        status=a.status.value,
        penilai_nip=a.penilai_nip,
        pred_skpd=predicate_key(a.skpd_id, a.year, a.quarter),
        pred_sort=predicate_sort(a.satker_id, a.nip),
        results=a.results.value,
        behaviour=a.behaviour.value,
        predicate=a.predicate.value,
        acknowledged_at=_when(a.acknowledged_at),
        history=history_json(a.history),
        assessment={
            "results": a.results.value,
            "behaviour": a.behaviour.value,
            "predicate": a.predicate.value,
            "realisations": [{"rhk_id": r.rhk_id, "indicator": r.indicator, "value": r.value} for r in a.realisations],
            "feedback": a.feedback,
            "value_notes": dict(a.value_notes or {}),
            "assessed_by": a.assessed_by,
            "assessed_for": a.assessed_for,
            "assessed_at": _when(a.assessed_at),
            "acknowledged_at": _when(a.acknowledged_at),
        },
    )
    if a.version:
        item.version = a.version
    return item


def to_assessment(item: SkpItem) -> Assessment:
    raw: dict[str, Any] = dict(item.assessment or {})
    return Assessment(
        skp_id=item.skp_id,
        quarter=int(item.item[len(ITEM_PREFIX) :]),
        nip=item.nip,
        year=int(item.year),
        skpd_id=item.skpd_id or "",
        satker_id=item.satker_id or "",
        penilai_nip=item.penilai_nip or "",
        results=Rating(raw["results"]),
        behaviour=Rating(raw["behaviour"]),
        predicate=Predicate(raw["predicate"]),
        realisations=tuple(
            Realisation(r["rhk_id"], int(r["indicator"]), r["value"]) for r in raw.get("realisations") or ()
        ),
        feedback=raw.get("feedback"),
        value_notes=raw.get("value_notes") or {},
        status=AssessmentStatus(item.status),
        assessed_by=raw.get("assessed_by") or "",
        assessed_for=raw.get("assessed_for"),
        assessed_at=datetime.fromisoformat(raw["assessed_at"]) if raw.get("assessed_at") else None,
        acknowledged_at=datetime.fromisoformat(raw["acknowledged_at"]) if raw.get("acknowledged_at") else None,
        history=history_of(item.history),
        version=int(item.version),
    )


class DynamoAssessmentRepository:
    """Implements `AssessmentRepository` (see `protocols.py`)."""

    def get(self, skp_id: str, quarter: int) -> Assessment | None:
        try:
            return to_assessment(SkpItem.get(skp_id, item_key(quarter), consistent_read=True))
        except SkpItem.DoesNotExist:
            return None

    def of_skp(self, skp_id: str) -> list[Assessment]:
        return [to_assessment(i) for i in SkpItem.query(skp_id, SkpItem.item.startswith(ITEM_PREFIX))]

    def save(self, assessment: Assessment) -> Assessment:
        item = to_item(assessment)
        try:
            if assessment.version:
                item.save()
            else:
                item.save(condition=SkpItem.item.does_not_exist())
        except PutError as exc:
            if condition_failed(exc):
                raise _stale() from None
            raise
        return replace(assessment, version=int(item.version))

    def acknowledge(self, assessment: Assessment, closed: Skp | None) -> Assessment:
        if closed is None:
            return self.save(assessment)
        item, head = to_item(assessment), head_item(closed)
        try:
            with TransactWrite(connection=transaction_connection()) as transaction:
                transaction.save(item)
                transaction.save(head)
        except TransactWriteError as exc:
            reasons = {getattr(r, "code", None) for r in (exc.cancellation_reasons or [])}
            if reasons & {"ConditionalCheckFailed", "TransactionConflict"}:
                raise _stale() from None
            raise
        return replace(assessment, version=int(item.version))

    def waiting(self, skp_ids: Iterable[str]) -> list[Assessment]:
        found = []
        for skp_id in skp_ids:
            found += [a for a in self.of_skp(skp_id) if a.status is AssessmentStatus.ASSESSED]
        return found

    def of_quarter(self, skp_ids: Sequence[str], quarter: int) -> list[Assessment]:
        keys = [(skp_id, item_key(quarter)) for skp_id in dict.fromkeys(skp_ids)]
        return [to_assessment(i) for i in SkpItem.batch_get(keys)] if keys else []

    def predicates_in_skpd(
        self, skpd_id: str, year: int, quarter: int, satker_id: str | None = None
    ) -> Iterator[PredicateLine]:
        condition = SkpItem.pred_sort.startswith(f"{satker_id}#") if satker_id else None
        query = SkpItem.by_skpd_predicate.query(predicate_key(skpd_id, year, quarter), condition)
        for item in query:  # page by page (1 MB each)
            yield _line(item)


def _line(item: SkpItem) -> PredicateLine:
    acknowledged = item.acknowledged_at if item.status == AssessmentStatus.ACKNOWLEDGED.value else None
    return PredicateLine(
        nip=item.nip,
        satker_id=item.satker_id or "",
        penilai_nip=item.penilai_nip or "",
        results=Rating(item.results),
        behaviour=Rating(item.behaviour),
        predicate=Predicate(item.predicate),
        acknowledged_at=datetime.fromisoformat(acknowledged) if acknowledged else None,
    )
