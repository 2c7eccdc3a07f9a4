"""The selfie a satker may require with each check-in (issue 20, `CheckInRules.selfie_satkers`).

It travels in the check-in itself (base64, a data URL allowed), small because the browser shrinks the camera's
photo first: one request records the check-in and its photo or neither, and no upload is left waiting for a
check-in that never came. Like every upload it is recognised by content, never by name: the bytes must start as
a JPEG or PNG does (`uploads.sniff`) and, in the service, decode whole as one (`integrations/images.py`).
"""

from __future__ import annotations

from .errors import BusinessRule
from .photo_limits import MAX_PHOTO_BYTES, MAX_PHOTO_TEXT, PHOTO_TYPES
from .uploads import read_image

MAX_SELFIE_BYTES = MAX_PHOTO_BYTES
MAX_SELFIE_TEXT = MAX_PHOTO_TEXT
SELFIE_TYPES = PHOTO_TYPES


def invalid_selfie() -> BusinessRule:
    return BusinessRule(
        "Swafoto harus berupa foto JPEG atau PNG yang sah (diperiksa dari isinya); ambil foto lagi.",
        code="SELFIE_INVALID",
        details={"field": "selfie"},
    )


def read_selfie(text: str | None, *, required: bool) -> tuple[bytes, str] | None:
    """The selfie's bytes and content type (by content), None when none was sent and none is required."""
    if not text:
        if required:
            raise BusinessRule(
                "Satker Anda mewajibkan swafoto untuk presensi; ambil swafoto lalu kirim lagi.",
                code="SELFIE_REQUIRED",
                details={"field": "selfie"},
            )
        return None
    return read_image(text, max_bytes=MAX_SELFIE_BYTES, types=SELFIE_TYPES, invalid=invalid_selfie, too_big="Swafoto")
