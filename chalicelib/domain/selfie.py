"""The selfie a satker may require with each check-in (issue 20, `CheckInRules.selfie_satkers`).

It travels in the check-in itself (base64, a data URL allowed), small because the browser shrinks the camera's
photo first: one request records the check-in and its photo or neither, and no upload is left waiting for a
check-in that never came. Like every upload it is recognised by content, never by name: the bytes must start as
a JPEG or PNG does (`uploads.sniff`) and, in the service, decode whole as one (`integrations/images.py`).
"""

from __future__ import annotations

import base64
import binascii
import re

from .errors import BusinessRule, PayloadTooLarge
from .uploads import sniff

MAX_SELFIE_BYTES = 300 * 1024
#: the base64 text of the largest selfie, with room for a ``data:image/jpeg;base64,`` prefix
MAX_SELFIE_TEXT = 4 * -(-MAX_SELFIE_BYTES // 3) + 64
SELFIE_TYPES = {"image/jpeg": ".jpg", "image/png": ".png"}
_DATA_URL = re.compile(r"^data:image/[a-z]+;base64,", re.IGNORECASE)


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
    try:
        data = base64.b64decode(_DATA_URL.sub("", text.strip()), validate=True)
    except (binascii.Error, ValueError):
        raise invalid_selfie() from None
    if len(data) > MAX_SELFIE_BYTES:
        raise PayloadTooLarge(f"Swafoto paling besar {MAX_SELFIE_BYTES // 1024} KB.", code="FILE_TOO_LARGE")
    kind = sniff(data[:16])
    if kind not in SELFIE_TYPES:
        raise invalid_selfie()
    return data, kind
