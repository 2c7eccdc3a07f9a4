"""Whether bytes decode whole as the image they claim to be (Pillow, which fpdf2 already brings): the magic bytes
only say how a file starts, a decode says the rest is a picture too. Imported on first use."""

from __future__ import annotations

import io
import warnings

#: a selfie is a few hundred kilobytes of a photo the browser shrank to 640 px (`web/src/lib/checkin.ts`); a file
#: that declares more pixels than this (~4 MP, 2000 × 2000) is refused from its header, before anything is decoded:
#: a 300 KB JPEG may declare 65 535 × 65 535 and would take gigabytes to decode
MAX_PIXELS = 4_000_000
_FORMATS = {"image/jpeg": "JPEG", "image/png": "PNG"}


def decodes_as(data: bytes, content_type: str) -> bool:
    """True when ``data`` is a whole, readable image of ``content_type`` (JPEG or PNG) of sane size. Whatever
    Pillow raises on hostile bytes (its errors are not one class: OSError, ValueError, SyntaxError, struct.error,
    IndexError, …) means "not an image" (422 ``SELFIE_INVALID``), never a 500."""
    from PIL import Image

    expected = _FORMATS.get(content_type)
    if expected is None:
        return False
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                if image.format != expected or image.width * image.height > MAX_PIXELS:
                    return False
                image.load()  # decodes every pixel: a truncated or corrupt file fails here
    except Exception:  # any failure to decode untrusted bytes is "not an image"
        return False
    return True


def without_metadata(data: bytes, content_type: str) -> bytes:
    """The picture of ``data`` (already checked by `decodes_as`) re-encoded with no metadata: a phone's JPEG carries
    EXIF — the GPS position of the citizen's home, the device, the time — and a raw API client sends it untouched
    (the browser's shrinking drops it, a script's upload does not). The EXIF orientation is applied first, so the
    picture still stands the right way up; PNG text chunks go too."""
    from PIL import Image, ImageOps

    out = io.BytesIO()
    with Image.open(io.BytesIO(data)) as image:
        upright = ImageOps.exif_transpose(image)
        if content_type == "image/jpeg":
            upright.convert("RGB").save(out, "JPEG", quality=90)
        else:
            upright.save(out, "PNG")
    return out.getvalue()
