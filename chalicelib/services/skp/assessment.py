"""A quarter of an SKP (issue 19): the summary the penilai assesses from (the quarter's reports per approved RHK,
attendance and leave days), the penilai's assessment (the predicate computed, never chosen), and its PDF. The
employee's acknowledgement is the one decision mechanism (kind ``assessment_ack``, `decisions/kinds/assessment.py`).

Reads are the SKP's (`access.py`): the employee, their supervisor or the penilai (or a delegate), HR of the SKPD,
BKD and the admin. Every read is keyed: the reports by the employee's ``reports.by_owner`` Query over the quarter's
dates, attendance by its ``(nip, day)`` Query, leave by the employee's held-days item, the assessment by GetItem.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from ...domain import quarter_assessment as rules
from ...domain import skp as skp_rules
from ...domain.accounts import Actor
from ...domain.assessment import quarter_label, quarter_span
from ...domain.attendance import local_now
from ...domain.errors import Conflict, NotFound
from ...domain.quarter_assessment import Assessment, Draft, Realisation, ReportLine, Sheet
from ...domain.reports import ReportStatus
from ...domain.skp import Skp, skp_id_of
from ...integrations.storage import ObjectStore
from ...store.protocols import (
    AssessmentRepository,
    AttendanceRepository,
    DelegationRepository,
    LeaveRepository,
    OrgRepository,
    ReportRepository,
)
from .assessment_views import assessment_view, tally_view
from .service import SkpService
from .views import person, target_view

if TYPE_CHECKING:
    from ...schemas import AssessmentInput

_PAGE = 100


class QuarterAssessments:
    def __init__(
        self,
        skp: SkpService,
        assessments: AssessmentRepository,
        reports: ReportRepository,
        attendance: AttendanceRepository,
        leave: LeaveRepository,
        delegations: DelegationRepository,
        org: OrgRepository,
        store: ObjectStore | None,
        *,
        clock: Callable[[], datetime],
        url_ttl: int = 300,
    ) -> None:
        self._skp, self._assessments, self._reports = skp, assessments, reports
        self._attendance, self._leave, self._delegations, self._org = attendance, leave, delegations, org
        self._store, self._clock, self._url_ttl = store, clock, url_ttl

    # -- reads ------------------------------------------------------------------------------------------

    def quarter(self, actor: Actor, skp_id: str, quarter: int) -> dict[str, Any]:
        """The quarter's summary: per approved RHK its reports (count, approved, with evidence, hours), the reports
        naming no approved RHK, attendance and approved leave days, and the assessment when there is one."""
        rules.check_quarter(quarter)
        skp = self._skp.readable(actor, skp_id)
        first, last = quarter_span(skp.year, quarter)
        lines = [
            ReportLine(
                r.content.rhk_id,
                r.status is ReportStatus.APPROVED,
                bool(r.evidence),
                rules.minutes_between(r.content.start, r.content.end),
            )
            for r in self._reports_between(skp.nip, first, last)
        ]
        per_rhk, other = rules.tally(skp.approved_targets, lines)
        attended = sum(1 for d in self._attendance.between(skp.nip, first, last) if d.attended)
        leave_days = len(self._leave.calendar(skp.nip).approved_days(first, last))
        found = self._assessments.get(skp_id, quarter)
        people = self._skp.people({n for n in (skp.nip, skp.penilai_nip, found and found.assessed_by) if n})
        return {
            "skp_id": skp.skp_id,
            "year": skp.year,
            "quarter": quarter,
            "label": quarter_label(skp.year, quarter),
            "first": first.isoformat(),
            "last": last.isoformat(),
            "employee": person(skp.nip, people),
            "penilai": person(skp.penilai_nip, people) if skp.penilai_nip else None,
            "skp_status": skp.status.value,
            "targets": [{**target_view(t), "reports": tally_view(n)} for t, n in per_rhk],
            "without_rhk": tally_view(other),
            "attendance_days": attended,
            "leave_days": leave_days,
            "assessment": assessment_view(found, people) if found else None,
        }

    # -- the penilai's write ------------------------------------------------------------------------------

    def assess(self, actor: Actor, skp_id: str, quarter: int, body: AssessmentInput) -> dict[str, Any]:
        """Write or change the quarter's assessment: the SKP's penilai or their delegate only, never the employee;
        until the employee has acknowledged it. ``version``: the one read (absent for a first assessment)."""
        rules.check_quarter(quarter)
        skp = self._skp.skp(skp_id)
        for_nip = rules.require_penilai(skp, actor.nip, self._held(actor))
        existing = self._assessments.get(skp_id, quarter)
        if (existing.version if existing else None) != body.version:
            raise Conflict("Penilaian ini telah diubah; muat ulang lalu coba lagi.", code="CONFLICT")
        draft = Draft(
            results=body.results,
            behaviour=body.behaviour,
            realisations=tuple(Realisation(r.rhk_id, r.indicator, r.value) for r in body.realisations),
            feedback=body.feedback,
            value_notes=dict(body.value_notes or {}),
        )
        written = rules.assess(skp, quarter, draft, existing, by=actor.nip, for_nip=for_nip, now=self._clock())
        saved = self._assessments.save(written)
        return assessment_view(saved, self._skp.people({saved.nip, saved.penilai_nip, saved.assessed_by}))

    # -- the employee's acknowledgement (through the decision mechanism) ----------------------------------

    def load(self, item_id: str) -> Assessment:
        """An assessment by its decision id ``<nip>.<year>.Q<q>`` (404 when absent or malformed)."""
        parsed = rules.parse_item_id(item_id)
        found = self._assessments.get(*parsed) if parsed else None
        if found is None:
            raise NotFound("Penilaian triwulan ini belum ada.", code="ASSESSMENT_NOT_FOUND")
        return found

    def acknowledge(self, assessment: Assessment, *, by: str, at: datetime) -> Assessment:
        """The employee has read it; the fourth quarter's closes the SKP in the same write."""
        acknowledged = rules.acknowledge(assessment, by=by, now=at)
        closed = None
        if rules.closes_year(acknowledged):
            closed = skp_rules.close(self._skp.skp(assessment.skp_id), by=by, now=at)
        return self._assessments.acknowledge(acknowledged, closed)

    def people(self, nips: set[str]) -> dict[str, Any]:
        return self._skp.people({n for n in nips if n})

    def waiting_for(self, nip: str) -> list[Assessment]:
        """What ``nip`` has still to acknowledge: this and last year's assessments (Q4 is read in January)."""
        year = self._clock().year
        return self._assessments.waiting([skp_id_of(nip, y) for y in (year - 1, year)])

    # -- the document -------------------------------------------------------------------------------------

    def pdf(self, actor: Actor, skp_id: str, quarter: int) -> dict[str, Any]:
        """The quarter's assessment as a PDF (a short-lived download link), for those who read the SKP."""
        rules.check_quarter(quarter)
        skp = self._skp.readable(actor, skp_id)
        found = self._assessments.get(skp_id, quarter)
        if found is None:
            raise NotFound("Penilaian triwulan ini belum ada.", code="ASSESSMENT_NOT_FOUND")
        return self._pdf_link(skp, found)

    def pdf_link(self, assessment: Assessment) -> dict[str, Any] | None:
        """The PDF's link for the employee's inbox card (the card is shown to them, who read their own SKP): rendered
        once per version of the assessment, so opening the inbox again does not render it again."""
        if self._store is None:
            return None
        return self._pdf_link(self._skp.skp(assessment.skp_id), assessment, reuse=True)

    def _pdf_link(self, skp: Skp, found: Assessment, *, reuse: bool = False) -> dict[str, Any]:
        quarter = found.quarter
        key = f"exports/assessments/{skp.skp_id}/Q{quarter}/{found.version}.pdf"  # expires with the exports
        name = f"penilaian-{skp.nip}-{skp.year}-triwulan-{quarter}.pdf"
        assert self._store is not None
        if not (reuse and self._store.head(key, 4)):
            from ...documents.assessment import assessment_pdf

            self._store.put_bytes(key, assessment_pdf(self.sheet(skp, found)), "application/pdf")
        return {
            "url": self._store.presigned_get(key, self._url_ttl, name),
            "filename": name,
            "expires_in": self._url_ttl,
        }

    def sheet(self, skp: Skp, assessment: Assessment) -> Sheet:
        people = self._skp.people({skp.nip, assessment.penilai_nip})
        skpd = self._org.get_skpd(skp.skpd_id)
        return Sheet(
            assessment=assessment,
            targets=skp.approved_targets,
            employee=people.get(skp.nip),
            penilai=people.get(assessment.penilai_nip),
            skpd_name=skpd.name if skpd else skp.skpd_id,
            city=skpd.city if skpd and skpd.city else "",
        )

    # -- helpers ------------------------------------------------------------------------------------------

    def _reports_between(self, nip: str, first: Any, last: Any) -> list[Any]:
        """Every live report of the dates, page by page on the employee's own index (withdrawn ones are not in it)."""
        found: list[Any] = []
        cursor: str | None = None
        while True:
            page, cursor = self._reports.list_own(
                nip, first=first, last=last, status=None, text=None, cursor=cursor, limit=_PAGE
            )
            found += page
            if not cursor:
                return found

    def _held(self, actor: Actor) -> frozenset[str]:
        today = local_now(self._clock(), actor.timezone.iana).date()
        return frozenset(d.delegator_nip for d in self._delegations.held_by(actor.nip, today) if d.active_on(today))
