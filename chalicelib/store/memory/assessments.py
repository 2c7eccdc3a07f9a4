"""In-memory twin of `DynamoAssessmentRepository` (sharing the SKP twin, as the two share a table)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from ...domain.errors import Conflict
from ...domain.quarter_assessment import Assessment, AssessmentStatus
from ...domain.skp import Skp
from .skp import InMemorySkpRepository


class InMemoryAssessmentRepository:
    """New at version 1, then only the version that was read; the fourth quarter's acknowledgement and the closed
    SKP land together or not at all."""

    def __init__(self, skp: InMemorySkpRepository) -> None:
        self._skp = skp
        self._items: dict[tuple[str, int], Assessment] = {}

    def get(self, skp_id: str, quarter: int) -> Assessment | None:
        return self._items.get((skp_id, quarter))

    def of_skp(self, skp_id: str) -> list[Assessment]:
        return [self._items[k] for k in sorted(self._items) if k[0] == skp_id]

    def save(self, assessment: Assessment) -> Assessment:
        self._check(assessment)
        saved = replace(assessment, version=assessment.version + 1)
        self._items[(assessment.skp_id, assessment.quarter)] = saved
        return saved

    def acknowledge(self, assessment: Assessment, closed: Skp | None) -> Assessment:
        self._check(assessment)
        if closed is not None:
            self._skp.save(closed)  # version-checked: a stale head refuses the whole write
        return self.save(assessment)

    def waiting(self, skp_ids: Iterable[str]) -> list[Assessment]:
        return [a for s in skp_ids for a in self.of_skp(s) if a.status is AssessmentStatus.ASSESSED]

    def _check(self, assessment: Assessment) -> None:
        stored = self._items.get((assessment.skp_id, assessment.quarter))
        if (stored.version if stored else 0) != assessment.version:
            raise Conflict("Penilaian ini telah diubah; muat ulang lalu coba lagi.", code="CONFLICT")
