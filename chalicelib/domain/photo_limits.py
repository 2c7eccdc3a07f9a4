"""The size limits of a camera photo the browser shrank (a check-in selfie, a Kritis photo).

Apart from the image checks (`uploads.py`) so that a route declares its body limit at import without loading them:
every function of the app imports every route module, and only the routes that take a photo need the checks.
"""

MAX_PHOTO_BYTES = 300 * 1024
PHOTO_TYPES = {"image/jpeg": ".jpg", "image/png": ".png"}
#: the base64 text of the largest photo, with room for a ``data:image/jpeg;base64,`` prefix
MAX_PHOTO_TEXT = 4 * -(-MAX_PHOTO_BYTES // 3) + 64
#: a JSON form carrying one photo (its base64, ≈400 KB) and its fields; more is refused unread (413)
MAX_PHOTO_FORM_BYTES = 4 * -(-MAX_PHOTO_BYTES // 3) + 16 * 1024
