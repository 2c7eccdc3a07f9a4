"""Uploaded files in general: what each kind allows, recognised by content (magic bytes), not by name.

A `FileRule` says which types and how many bytes a kind of upload accepts (evidence of a report, the surat
tugas of a complaint, the PDF of a career record, an archived document). The client announces the file;
after the upload the stored bytes are checked again, and a file that is not what it claimed is refused.
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Callable
from dataclasses import dataclass

from .errors import DomainError, PayloadTooLarge, ValidationError

PDF = {"application/pdf": ".pdf"}
IMAGES_AND_PDF = {"image/jpeg": ".jpg", "image/png": ".png", **PDF}
_SAFE_NAME = re.compile(r"[^A-Za-z0-9._ -]+")
_TYPE_WORDS = {"image/jpeg": "JPEG", "image/png": "PNG", "application/pdf": "PDF"}


@dataclass(frozen=True)
class FileRule:
    max_bytes: int
    types: dict[str, str]  # content type → the extension stored files get
    fallback_name: str = "berkas"  # the stem of a file whose name keeps nothing usable

    @property
    def size_label(self) -> str:
        kb = self.max_bytes // 1024
        return f"{kb // 1024} MB" if kb % 1024 == 0 else f"{kb} KB"

    @property
    def type_label(self) -> str:
        words = [_TYPE_WORDS[t] for t in self.types]
        return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " atau " + words[-1]


def sniff(head: bytes) -> str | None:
    """The content type the first bytes prove, among those any rule allows."""
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head.startswith(b"%PDF-"):
        return "application/pdf"
    return None


_DATA_URL = re.compile(r"^data:image/[a-z]+;base64,", re.IGNORECASE)


def read_image(
    text: str, *, max_bytes: int, types: dict[str, str], invalid: Callable[[], DomainError], too_big: str
) -> tuple[bytes, str]:
    """A camera photo sent inside a JSON body (base64, a data URL allowed): its bytes and content type, recognised
    by content (`sniff`; the service then decodes it whole, `integrations/images.py`). ``invalid`` is the kind's
    own refusal (the selfie's, the Kritis photo's); ``too_big`` names it in the 413's message."""
    try:
        data = base64.b64decode(_DATA_URL.sub("", text.strip()), validate=True)
    except (binascii.Error, ValueError):
        raise invalid() from None
    if len(data) > max_bytes:
        raise PayloadTooLarge(f"{too_big} paling besar {max_bytes // 1024} KB.", code="FILE_TOO_LARGE")
    kind = sniff(data[:16])
    if kind not in types:
        raise invalid()
    return data, kind


def check_request(rule: FileRule, filename: str, content_type: str, size: object) -> str:
    """What the client announces, checked against ``rule``; returns the name the file is stored under."""
    if content_type not in rule.types:
        raise ValidationError(
            f"Berkas harus berupa {rule.type_label}.",
            code="UNSUPPORTED_FILE_TYPE",
            details={"field": "content_type", "allowed": list(rule.types)},
        )
    if not isinstance(size, int) or isinstance(size, bool) or size <= 0:
        raise ValidationError(
            "Ukuran berkas harus bilangan bulat positif.", code="INVALID_SIZE", details={"field": "size"}
        )
    if size > rule.max_bytes:
        raise PayloadTooLarge(f"Berkas paling besar {rule.size_label}.", code="FILE_TOO_LARGE")
    return stored_name(filename, rule.types[content_type], rule.fallback_name)


def check_stored(rule: FileRule, declared_type: str, size: int, head: bytes) -> None:
    """The stored object must be within the size limit and be what it was declared to be."""
    if size > rule.max_bytes:
        raise PayloadTooLarge(f"Berkas paling besar {rule.size_label}.", code="FILE_TOO_LARGE")
    if size == 0 or sniff(head) != declared_type:
        raise ValidationError(
            f"Isi berkas bukan {rule.type_label} yang sah (diperiksa dari isinya).", code="FILE_CONTENT_MISMATCH"
        )


def stored_name(filename: str, extension: str, fallback: str = "berkas") -> str:
    """A safe file name whose extension is the one of the (checked) content: ``virus.exe`` → ``virus.png``."""
    safe = _SAFE_NAME.sub("_", filename).strip()
    stem = safe.rsplit(".", 1)[0] if "." in safe else safe
    if stem.lower().endswith(extension):
        stem = stem[: -len(extension)]
    stem = stem.strip(" ._")[:96]
    return (stem or fallback) + extension
