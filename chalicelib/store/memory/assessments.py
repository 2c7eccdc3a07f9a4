"""In-memory twin of `DynamoAssessmentRepository` (sharing the SKP twin, as the two share a table)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace

from ...domain.errors import Conflict
from ...domain.predicates import PredicateLine, line_of
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

    def of_quarter(self, skp_ids: Sequence[str], quarter: int) -> list[Assessment]:
        return [self._items[(s, quarter)] for s in dict.fromkeys(skp_ids) if (s, quarter) in self._items]

    def predicates_in_skpd(
        self, skpd_id: str, year: int, quarter: int, satker_id: str | None = None
    ) -> Iterator[PredicateLine]:
        """As the index: the SKPD's quarter in satker then NIP order, one satker when given."""
        found = [
            a
            for (_, q), a in self._items.items()
            if q == quarter and a.year == year and a.skpd_id == skpd_id and satker_id in (None, a.satker_id)
        ]
        for assessment in sorted(found, key=lambda a: f"{a.satker_id}#{a.nip}"):
            yield line_of(assessment)

    def _check(self, assessment: Assessment) -> None:
        stored = self._items.get((assessment.skp_id, assessment.quarter))
        if (stored.version if stored else 0) != assessment.version:
            raise Conflict("Penilaian ini telah diubah; muat ulang lalu coba lagi.", code="CONFLICT")
