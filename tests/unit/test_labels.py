"""Each label a person reads has one owner, the server: the OpenAPI document publishes the domain's labels as
``x-labels`` (the web client generates `src/api/labels.ts` from them), and no web source writes its own."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from chalicelib.domain import (
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
from chalicelib.domain.decision_kinds import KINDS
from chalicelib.domain.discipline import permissions

WEB_SOURCES = Path(__file__).resolve().parents[2] / "web" / "src"


def published() -> dict[str, dict[str, str]]:
    import app  # noqa: F401 - registers the routes the document describes
    from chalicelib import openapi

    return openapi.document()["x-labels"]


def _plain(labels: dict) -> dict[str, str]:
    return {str(value): label for value, label in labels.items()}


def _records(enum: type) -> dict[str, str]:
    return {str(value): label for value, label in records.LABELS.items() if isinstance(value, enum)}


def test_the_document_publishes_the_domains_labels():
    assert published() == {
        "report_status": _plain(reports.STATUS_LABELS),
        "leave_type": _plain(leave.TYPE_LABELS),
        "leave_status": _plain(leave.STATUS_LABELS),
        "leave_verdict": _plain(leave.VERDICT_LABELS),
        "complaint_type": _plain(complaints.TYPE_LABELS),
        "complaint_status": _plain(complaints.STATUS_LABELS),
        "record_kind": _plain(records.KIND_LABELS),
        "record_status": _plain(records.STATUS_LABELS),
        "certification_type": _records(records.CertificationType),
        "award_scale": _records(records.AwardScale),
        "award_group": _records(records.AwardGroup),
        "award_type": _records(records.AwardType),
        "team_scope": _records(records.TeamScope),
        "team_position": _records(records.TeamPosition),
        "document_status": _plain(archive.STATUS_LABELS),
        "archive_group": _plain(archive.GROUP_LABELS),
        "archive_applies_to": _plain(archive.APPLIES_LABELS),
        "archive_condition": _plain(archive.CONDITION_LABELS),
        "employment_status": _plain(accounts.EMPLOYMENT_LABELS),
        "decision_verdict": _plain(decisions.VERDICT_LABELS),
        "decision_kind": {spec.kind: spec.label for spec in KINDS},
        "audit_kind": _plain(audit.AUDIT_LABELS),
        "skp_status": _plain(skp.STATUS_LABELS),
        "rhk_kind": _plain(skp.KIND_LABELS),
        "rating": _plain(assessment.RATING_LABELS),
        "predicate": _plain(assessment.PREDICATE_LABELS),
        "assessment_status": _plain(quarter_assessment.STATUS_LABELS),
        "permission_kind": _plain(permissions.KIND_LABELS),
        "permission_status": _plain(permissions.STATUS_LABELS),
        "citizen_request_state": _plain(citizen_requests.STATE_LABELS),
        "citizen_request_update": _plain(citizen_requests.UPDATE_LABELS),
        "kritis_kind": _plain(kritis.KIND_LABELS),
        "kritis_state": _plain(kritis.STATE_LABELS),
    }


def test_every_value_of_a_labelled_enum_has_its_label():
    labels = published()
    for group, enum in (
        ("report_status", reports.ReportStatus),
        ("leave_type", leave.LeaveType),
        ("leave_status", leave.LeaveStatus),
        ("complaint_status", complaints.ComplaintStatus),
        ("record_status", records.RecordStatus),
        ("award_type", records.AwardType),
        ("document_status", archive.DocumentStatus),
        ("decision_verdict", decisions.Verdict),
    ):
        assert list(labels[group]) == [member.value for member in enum], group


def _hand_written(source: str, keys: set[str]) -> list[str]:
    """Labels written for one of ``keys``: ``KEY: "…"``, ``KEY: { label: "…" … }`` and ``["KEY", "…"]``, where
    the text reads as words (a space, or capitals and small letters: "Cuti tahunan", "Kursus"), not as another
    value ("REJECT"), a colour ("amber") or a field ("certification")."""
    key = r"""["']?(\w+)["']?"""
    words = r"""["'`](?=[^"'`\n]*(?:\s|[A-Z][^"'`\n]*[a-z]|[a-z][^"'`\n]*[A-Z]))[^"'`\n]*["'`]"""
    found = []
    for pattern in (
        rf"""(?<![\w.]){key}\s*:\s*{words}""",
        rf"""(?<![\w.]){key}\s*:\s*\{{[^{{}}]*?\blabel\s*:\s*{words}""",
        rf"""\[\s*["'](\w+)["']\s*,\s*{words}""",
    ):
        for match in re.finditer(pattern, source):
            if match.group(1) in keys:
                line = source.count("\n", 0, match.start()) + 1
                found.append(f"line {line}: {match.group(0).strip()}")
    return found


def test_the_web_writes_no_label_of_its_own():
    """A key that exists in exactly one server group is that group's; no web source but the generated src/api/
    writes its label (take it from ``LABELS`` instead), so a hand-written "Cuti tahunan" fails here."""
    labels = published()
    counts = Counter(value for group in labels.values() for value in group)
    # ALL is also every filter's "any status" (the web's words), not only the archive's "Semua pegawai"
    owned = {value for value, count in counts.items() if count == 1} - {"ALL"}
    assert {"TAHUNAN", "KURSUS", "REVOKED", "MISSING", "report"} <= owned
    offences = {}
    for path in sorted(WEB_SOURCES.rglob("*")):
        if path.suffix not in (".ts", ".vue") or WEB_SOURCES / "api" in path.parents:
            continue
        found = _hand_written(path.read_text(encoding="utf-8"), owned)
        if found:
            offences[str(path.relative_to(WEB_SOURCES))] = found
    assert offences == {}, "labels the server owns, written by hand (use LABELS from @/api/labels)"


def test_the_scan_finds_each_way_of_writing_a_label():
    keys = {"TAHUNAN", "REVOKED", "MISSING"}
    assert _hand_written('  TAHUNAN: "Cuti tahunan",', keys)
    assert _hand_written("{ 'TAHUNAN': 'Cuti tahunan' }", keys)
    assert _hand_written('  MISSING: { label: "Belum diunggah", tone: "grey" },', keys)
    assert _hand_written('statuses: [["REVOKED", "Batal disetujui"]]', keys)
    assert not _hand_written("  TAHUNAN: LABELS.leave_type.TAHUNAN,", keys)
    assert not _hand_written('  APPROVED: { label: "Disetujui" },', keys)
    assert not _hand_written('x.TAHUNAN: "Cuti"', keys)
    assert not _hand_written('  TAHUNAN: "amber", REVOKED: "certification",', keys)
    assert not _hand_written('expect(values).toEqual(["REVOKED", "MISSING"])', keys)
