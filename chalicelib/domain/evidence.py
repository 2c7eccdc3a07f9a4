"""Evidence files of a report: what is allowed, recognised by content (magic bytes), not by name."""

from __future__ import annotations

import re

from .errors import BusinessRule, PayloadTooLarge, ValidationError

MAX_EVIDENCE_BYTES = 2 * 1024 * 1024
MAX_EVIDENCE_PER_REPORT = 5
ALLOWED_TYPES = {"image/jpeg": ".jpg", "image/png": ".png", "application/pdf": ".pdf"}
_SAFE_NAME = re.compile(r"[^A-Za-z0-9._ -]+")


def sniff(head: bytes) -> str | None:
    """The content type the first bytes prove, among the allowed ones."""
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head.startswith(b"%PDF-"):
        return "application/pdf"
    return None


def check_upload_request(filename: str, content_type: str, size: object, attached: int) -> str:
    """Validate what the client announces; returns a safe file name."""
    if content_type not in ALLOWED_TYPES:
        raise ValidationError(
            "Bukti harus berupa JPEG, PNG, atau PDF.", code="UNSUPPORTED_FILE_TYPE", details={"field": "content_type"}
        )
    if not isinstance(size, int) or isinstance(size, bool) or size <= 0:
        raise ValidationError(
            "Ukuran berkas harus bilangan bulat positif.", code="INVALID_SIZE", details={"field": "size"}
        )
    if size > MAX_EVIDENCE_BYTES:
        raise PayloadTooLarge("Berkas bukti paling besar 2 MB.", code="FILE_TOO_LARGE")
    if attached >= MAX_EVIDENCE_PER_REPORT:
        raise BusinessRule(
            f"Satu laporan paling banyak memiliki {MAX_EVIDENCE_PER_REPORT} berkas bukti.", code="TOO_MANY_FILES"
        )
    return stored_name(filename, content_type)


def stored_name(filename: str, content_type: str) -> str:
    """A safe file name whose extension is the one of the (checked) content type: ``virus.exe`` → ``virus.png``."""
    extension = ALLOWED_TYPES[content_type]
    safe = _SAFE_NAME.sub("_", filename).strip()
    stem = safe.rsplit(".", 1)[0] if "." in safe else safe
    if stem.lower().endswith(extension):
        stem = stem[: -len(extension)]
    stem = stem.strip(" ._")[:96]
    return (stem or "bukti") + extension


def check_uploaded(declared_type: str, size: int, head: bytes) -> None:
    """The stored object must be within the size limit and be what it was declared to be."""
    if size > MAX_EVIDENCE_BYTES:
        raise PayloadTooLarge("Berkas bukti paling besar 2 MB.", code="FILE_TOO_LARGE")
    if size == 0 or sniff(head) != declared_type:
        raise ValidationError(
            "Isi berkas bukan JPEG, PNG, atau PDF yang sah (diperiksa dari isinya).", code="FILE_CONTENT_MISMATCH"
        )
