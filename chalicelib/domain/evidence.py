"""Evidence files of a report: JPEG, PNG or PDF of at most 2 MB, five per report (see `uploads`)."""

from __future__ import annotations

from .errors import BusinessRule
from .uploads import IMAGES_AND_PDF, FileRule, check_request, check_stored
from .uploads import stored_name as _stored_name

MAX_EVIDENCE_BYTES = 2 * 1024 * 1024
MAX_EVIDENCE_PER_REPORT = 5
ALLOWED_TYPES = IMAGES_AND_PDF
EVIDENCE = FileRule(MAX_EVIDENCE_BYTES, ALLOWED_TYPES, fallback_name="bukti")


def check_upload_request(filename: str, content_type: str, size: object, attached: int) -> str:
    """Validate what the client announces; returns a safe file name."""
    name = check_request(EVIDENCE, filename, content_type, size)
    if attached >= MAX_EVIDENCE_PER_REPORT:
        raise BusinessRule(
            f"Satu laporan paling banyak memiliki {MAX_EVIDENCE_PER_REPORT} berkas bukti.", code="TOO_MANY_FILES"
        )
    return name


def check_uploaded(declared_type: str, size: int, head: bytes) -> None:
    """The stored object must be within the size limit and be what it was declared to be."""
    check_stored(EVIDENCE, declared_type, size, head)


def stored_name(filename: str, content_type: str) -> str:
    """A safe file name whose extension is the one of the content type: ``virus.exe`` → ``virus.png``."""
    return _stored_name(filename, ALLOWED_TYPES[content_type], EVIDENCE.fallback_name)
