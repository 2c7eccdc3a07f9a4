"""Flagged check-ins (issue 20: impossible travel, an unknown device), decided by HR of the employee's SKPD, BKD or
the admin. Approving keeps the check-in; rejecting (with a note) removes that session's native check-in in the same
write, so the day's class follows from what is left (TL4/PSW4, or TK). The id is ``<nip>.<date>.<session>``."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from ....domain.accounts import Actor, Employee
from ....domain.checkin_guard import FLAG_STATUS_LABELS, CheckInFlag, FlagStatus, decide
from ....domain.decision_kinds import CHECKIN_FLAG
from ....domain.decisions import Decision, Scope, Subject, Verdict
from ....domain.errors import not_one_of
from ....store.protocols import CheckInFlagRepository
from ...checkin_flags import CheckInFlagService, summary
from ..kind import Adapter, Card, QueueFilters, subject_of

_STATUS = {Verdict.APPROVE: FlagStatus.APPROVED, Verdict.REJECT: FlagStatus.REJECTED}


class CheckInFlagDecisions(Adapter[CheckInFlagService, CheckInFlagRepository]):
    spec = CHECKIN_FLAG

    def load(self, item_id: str) -> CheckInFlag:
        return self._service.flag(item_id)

    def subject(self, item: CheckInFlag) -> Subject:
        waiting = frozenset(_STATUS) if item.status is FlagStatus.FLAGGED else frozenset()
        return subject_of(item, FLAG_STATUS_LABELS[item.status], waiting)

    def apply(
        self, item: CheckInFlag, decision: Decision, actor: Actor, *, at: datetime, on_behalf_of: str | None
    ) -> CheckInFlag:
        decided = decide(item, _STATUS[decision.verdict], by=actor.nip, at=at, note=decision.note)
        return self._repository.decide(item, decided)

    def waiting(
        self, scope: Scope, filters: QueueFilters, cursor: str | None, limit: int
    ) -> tuple[list[CheckInFlag], str | None]:
        """What waits for HR of the SKPD (every SKPD for BKD and the admin), oldest check-in first; only what
        waits is listed (a decided flag is read by its id)."""
        if filters.status and filters.status != FlagStatus.FLAGGED.value:
            raise not_one_of("status", [FlagStatus.FLAGGED.value], "Status presensi", "INVALID_STATUS")
        return self._repository.pending(scope.skpd_id, cursor, limit)

    def count(self, scope: Scope) -> int:
        return self._repository.count_pending(scope.skpd_id)

    def cards(self, items: list[CheckInFlag], people: Mapping[str, Employee]) -> list[Card]:
        """Each flag with its times in its employee's zone (``07.31 WIB``)."""
        return [self._flag_card(item, people.get(item.nip)) for item in items]

    def _flag_card(self, item: CheckInFlag, employee: Employee | None) -> Card:
        zone = employee.timezone if employee else None
        detail = self._service.view(item, zone)
        files = []
        if item.selfie_key and detail["selfie_url"]:
            name = "swafoto" + item.selfie_key[item.selfie_key.rfind(".") :]  # .jpg or .png, as its content
            files.append({"label": "Swafoto", "filename": name, "url": detail["selfie_url"]})
        title = f"Presensi ditandai: {detail['session_label']}"
        return Card(item.flag_id, item.nip, title, item.day, item.at, summary(item, zone), detail, files)
