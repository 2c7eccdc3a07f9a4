"""Career records (riwayat, SPEC §8, seed 001): sertifikasi/kursus, penghargaan and tim kerja, verified by HR.

Each record follows the manual's steps: the data, a PDF (at most 1 MB), a summary the employee confirms with
the declaration "Saya menyatakan bahwa data yang saya input benar", then it is submitted ("Belum disetujui")
and HR of the employee's SKPD (or BKD) approves ("Disetujui") or rejects it ("Ditolak"). HR may revoke an
approval with a reason ("Batal disetujui"), which sends it back to the employee for correction. The employee
edits (and so submits again) or withdraws a record while it is not approved.

The modules split the kinds from what is done with them, so adding a kind or a field touches `kinds`,
`details` and the request model (`schemas/records.py`) and leaves the lifecycle alone. This package re-exports
their public names: callers import from ``domain.records`` and need not know the layout.

- `kinds`: the kinds, statuses and choice lists with their labels, each kind's fields, the record and its PDF;
- `details`: a kind's checked fields made into its data, with the rules that cross fields or need today's date
  (which dates a type needs, dates in order and not in the future, the JP rule, an award's year and group);
- `rules`: the rules of seed 001 each field must satisfy (JP per day, award group, evidence URL, declaration);
- `lifecycle`: the employee's edits and withdrawal, HR's decision and revocation, each with its history entry;
- `views`: the fields as plain data (answers and the store) and as the words a person reads (the summary).
"""

from __future__ import annotations

from .details import FIRST_AWARD_YEAR, MAX_HOURS, build_details, parse_kind, parse_status
from .kinds import (
    DETAIL_FIELD,
    EDITABLE,
    KIND_LABELS,
    LABELS,
    LISTED,
    NEEDS_FILE,
    RECORD_FILE,
    STATUS_LABELS,
    Award,
    AwardGroup,
    AwardScale,
    AwardType,
    CareerRecord,
    Certification,
    CertificationType,
    Details,
    RecordFile,
    RecordKind,
    RecordStatus,
    Team,
    TeamPosition,
    TeamScope,
)
from .lifecycle import decide, require_editable, resubmit, revoke, withdraw
from .rules import (
    DECLARATION,
    MAX_JP_PER_DAY,
    MAX_URL,
    activity_code,
    activity_series,
    check_award_group,
    check_declaration,
    check_file,
    check_lesson_hours,
    max_lesson_hours,
    validate_url,
)
from .views import (
    DOCUMENT_LABEL,
    detail_rows,
    details_dict,
    details_from_dict,
    diff_details,
    file_dict,
    subject,
    summary,
)

__all__ = [
    "DECLARATION",
    "DETAIL_FIELD",
    "DOCUMENT_LABEL",
    "EDITABLE",
    "FIRST_AWARD_YEAR",
    "KIND_LABELS",
    "LABELS",
    "LISTED",
    "MAX_HOURS",
    "MAX_JP_PER_DAY",
    "MAX_URL",
    "NEEDS_FILE",
    "RECORD_FILE",
    "STATUS_LABELS",
    "Award",
    "AwardGroup",
    "AwardScale",
    "AwardType",
    "CareerRecord",
    "Certification",
    "CertificationType",
    "Details",
    "RecordFile",
    "RecordKind",
    "RecordStatus",
    "Team",
    "TeamPosition",
    "TeamScope",
    "activity_code",
    "activity_series",
    "build_details",
    "check_award_group",
    "check_declaration",
    "check_file",
    "check_lesson_hours",
    "decide",
    "detail_rows",
    "details_dict",
    "details_from_dict",
    "diff_details",
    "file_dict",
    "max_lesson_hours",
    "parse_kind",
    "parse_status",
    "require_editable",
    "resubmit",
    "revoke",
    "subject",
    "summary",
    "validate_url",
    "withdraw",
]
