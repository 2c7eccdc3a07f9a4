"""A daily report's link to an RHK (seed 004, Peraturan BKN 2/2026: each day's progress names the RHK it serves):
the RHK must be one of the approved targets of the employee's SKP for the report's year, and is required where the
SKPD says so. Reports read the RHK's text for their lists from the approved versions (one Query per SKP)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from ...domain.skp import check_report_rhk, skp_id_of
from ...store.protocols import OrgRepository, SkpRepository


class RhkLinks:
    def __init__(self, skp: SkpRepository, org: OrgRepository) -> None:
        self._skp, self._org = skp, org

    def check(self, nip: str, skpd_id: str, rhk_id: str | None, day: date) -> None:
        """422 RHK_UNKNOWN for an RHK not in the approved SKP of ``day``'s year, RHK_REQUIRED for none where the
        SKPD requires one (its setting is read only then)."""
        if rhk_id is None:
            skpd = self._org.get_skpd(skpd_id)
            check_report_rhk(None, None, day.year, required=bool(skpd and skpd.rhk_required))
            return
        check_report_rhk(self._skp.get(skp_id_of(nip, day.year)), rhk_id, day.year, required=False)

    def texts(self, nip: str, years: Iterable[int]) -> dict[str, str]:
        """Every RHK ever approved in ``nip``'s SKP of ``years``: id → text (the newest version's wording), so a
        report keeps showing its RHK after the SKP changed."""
        found: dict[str, str] = {}
        for year in sorted(set(years)):
            for version in self._skp.versions(skp_id_of(nip, year)):
                for target in version.targets:
                    found.setdefault(target.rhk_id, target.text)
        return found
