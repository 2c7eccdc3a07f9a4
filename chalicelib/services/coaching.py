"""The report coach at work: hints for a draft while the employee types, and the codes stored on a report.

The rules are pure (`domain.coach`); what they need from storage is the employee's reports of the previous day
they reported, for "the same text as yesterday". That is one Query of the owner's index over the week before
the report's date (Monday's "yesterday" is Friday, or the last day before a leave), newest first, asking only for
each report's date and description (`latest_descriptions`: it runs on every report filed).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from ..domain.accounts import Actor
from ..domain.attendance import local_now
from ..domain.coach import Draft, coach, hint_codes
from ..domain.reports import ReportContent
from ..store.protocols import ReportRepository

if TYPE_CHECKING:
    from ..schemas import ReportDraft

#: how far back "the previous day the employee reported" is looked for
LOOK_BACK_DAYS = 7
#: reports read of that day at most (one page: nobody files more activities than this in a day)
DAY_REPORTS = 25


def earlier_descriptions(reports: ReportRepository, nip: str, day: date) -> list[str]:
    """The descriptions of ``nip``'s live reports of the last day before ``day`` that has any (within a week)."""
    found = reports.latest_descriptions(
        nip, first=day - timedelta(days=LOOK_BACK_DAYS), last=day - timedelta(days=1), limit=DAY_REPORTS
    )
    if not found:
        return []
    latest = found[0][0]
    return [description for on, description in found if on == latest]


def content_hints(reports: ReportRepository, nip: str, content: ReportContent) -> tuple[str, ...]:
    """The coach's codes for a report's content, as the report stores them when it is written."""
    draft = Draft(content.title, content.description, content.output, content.start, content.end)
    return hint_codes(draft, earlier_descriptions(reports, nip, content.day))


class ReportCoach:
    """`POST /reports/hints`: advice on a draft; reads one page of the caller's reports, writes nothing."""

    def __init__(self, reports: ReportRepository, *, clock: Callable[[], datetime]) -> None:
        self._reports, self._clock = reports, clock

    def hints(self, actor: Actor, body: ReportDraft) -> dict[str, Any]:
        """The hints for what the caller has written so far; the date defaults to today in their zone."""
        day = body.date or local_now(self._clock(), actor.timezone.iana).date()
        draft = Draft(body.title, body.description, body.output, body.start_time, body.end_time)
        earlier = earlier_descriptions(self._reports, actor.nip, day) if body.description else []
        return {
            "hints": [
                {"code": h.code.value, "field": h.field, "message": h.message, "example": h.example}
                for h in coach(draft, earlier)
            ]
        }
