"""The words a person reads for each enum value, as the domain says them, published in the OpenAPI document as
``x-labels`` ({group: {value: label}}).

Each label has one owner, the server: the web client's `src/api/labels.ts` is generated from this map
(`web/scripts/openapi-types.mjs`), so a screen, a letter and a WhatsApp message name a value the same way.
`tests/unit/test_labels.py` fails when the map drifts from the domain or the web writes a label of its own.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum


def _of(labels: Mapping[StrEnum, str], enum: type[StrEnum]) -> dict[str, str]:
    """``labels`` of every member of ``enum``, in its declared order (a member without a label is a KeyError)."""
    return {member.value: labels[member] for member in enum}


def labels() -> dict[str, dict[str, str]]:
    """Every server-owned label, by group."""
    from ..domain import (
        accounts,
        archive,
        assessment,
        audit,
        citizen_requests,
        complaints,
        decisions,
        kritis,
        leave,
        quarter_assessment,
        records,
        reports,
        skp,
    )
    from ..domain.decision_kinds import KINDS
    from ..domain.discipline import permissions

    return {
        "report_status": _of(reports.STATUS_LABELS, reports.ReportStatus),
        "leave_type": _of(leave.TYPE_LABELS, leave.LeaveType),
        "leave_status": _of(leave.STATUS_LABELS, leave.LeaveStatus),
        "leave_verdict": _of(leave.VERDICT_LABELS, leave.Verdict),
        "complaint_type": _of(complaints.TYPE_LABELS, complaints.ComplaintType),
        "complaint_status": _of(complaints.STATUS_LABELS, complaints.ComplaintStatus),
        "record_kind": _of(records.KIND_LABELS, records.RecordKind),
        "record_status": _of(records.STATUS_LABELS, records.RecordStatus),
        "certification_type": _of(records.LABELS, records.CertificationType),
        "award_scale": _of(records.LABELS, records.AwardScale),
        "award_group": _of(records.LABELS, records.AwardGroup),
        "award_type": _of(records.LABELS, records.AwardType),
        "team_scope": _of(records.LABELS, records.TeamScope),
        "team_position": _of(records.LABELS, records.TeamPosition),
        "document_status": _of(archive.STATUS_LABELS, archive.DocumentStatus),
        "archive_group": _of(archive.GROUP_LABELS, archive.Group),
        "archive_applies_to": _of(archive.APPLIES_LABELS, archive.AppliesTo),
        "archive_condition": _of(archive.CONDITION_LABELS, archive.Condition),
        "employment_status": _of(accounts.EMPLOYMENT_LABELS, accounts.EmploymentStatus),
        "decision_verdict": _of(decisions.VERDICT_LABELS, decisions.Verdict),
        "decision_kind": {spec.kind: spec.label for spec in KINDS},
        "audit_kind": _of(audit.AUDIT_LABELS, audit.AuditKind),
        "skp_status": _of(skp.STATUS_LABELS, skp.SkpStatus),
        "rhk_kind": _of(skp.KIND_LABELS, skp.RhkKind),
        "rating": _of(assessment.RATING_LABELS, assessment.Rating),
        "predicate": _of(assessment.PREDICATE_LABELS, assessment.Predicate),
        "assessment_status": _of(quarter_assessment.STATUS_LABELS, quarter_assessment.AssessmentStatus),
        "permission_kind": _of(permissions.KIND_LABELS, permissions.PermissionKind),
        "permission_status": _of(permissions.STATUS_LABELS, permissions.PermissionStatus),
        "citizen_request_state": _of(citizen_requests.STATE_LABELS, citizen_requests.RequestState),
        "citizen_request_update": _of(citizen_requests.UPDATE_LABELS, citizen_requests.UpdateKind),
        "kritis_kind": _of(kritis.KIND_LABELS, kritis.KritisKind),
        "kritis_state": _of(kritis.STATE_LABELS, kritis.KritisState),
    }
