"""A file written straight into the data bucket as it is produced: S3's multipart upload behind a writable stream.

Recaps of a whole SKPD run to hundreds of thousands of rows (issue 21); built in memory, a PDF takes ≈3 KB a
row and a 1 GB Lambda runs out near 300,000 rows. Written through `MultipartUpload`, a file never sits whole in
memory: what is written is held until it fills a part (`PART_BYTES`), which is sent and dropped, so the writer
holds at most one part whatever the file's size.

- Parts other than the last are exactly `PART_BYTES` (S3 wants at least 5 MiB; 8 MiB × 10,000 parts allows
  files up to 80 GB).
- A file smaller than one part is stored with one `put_bytes` (one request instead of three).
- On any error while writing, or when `abort` is called, the upload is aborted so S3 keeps no orphan parts; the
  key then holds nothing new (an earlier object under it, if any, stays as it was).
- When aborting after an error fails too, the abort's error is logged and the first error is the one raised
  (it says what went wrong; S3's lifecycle rule on incomplete uploads drops what is left).
- The stream has no ``tell``/``seek``: `zipfile` then writes its entries with data descriptors, as a stream.
"""

from __future__ import annotations

import logging
from types import TracebackType

from .storage import MIN_PART_BYTES, ObjectStore

__all__ = ["MIN_PART_BYTES", "PART_BYTES", "MultipartUpload"]

log = logging.getLogger(__name__)

PART_BYTES = 8 * 2**20


class MultipartUpload:
    """A write-only binary stream whose bytes become the object ``key`` when it is closed (`complete`)."""

    def __init__(self, store: ObjectStore, key: str, content_type: str, part_bytes: int | None = None) -> None:
        part_bytes = part_bytes or PART_BYTES
        if part_bytes < MIN_PART_BYTES:
            raise ValueError(f"a part is at least {MIN_PART_BYTES} bytes")
        self.key, self.content_type = key, content_type
        self._store, self._part_bytes = store, part_bytes
        self._buffer = bytearray()
        self._upload_id: str | None = None
        self._etags: list[str] = []
        self._finished = False
        #: bytes written so far
        self.size = 0

    # -- the stream ----------------------------------------------------------------------------------------

    def writable(self) -> bool:
        return True

    def write(self, data: bytes | bytearray | memoryview) -> int:
        if self._finished:
            raise ValueError(f"the upload of {self.key} is finished")
        self._buffer += data
        self.size += len(data)
        while len(self._buffer) >= self._part_bytes:
            self._send(bytes(self._buffer[: self._part_bytes]))
            del self._buffer[: self._part_bytes]
        return len(data)

    def flush(self) -> None:
        """Nothing to do: bytes leave in whole parts (a smaller part may only be the last)."""

    @property
    def closed(self) -> bool:
        return self._finished

    def close(self) -> None:
        self.complete()

    # -- the upload ----------------------------------------------------------------------------------------

    def complete(self) -> None:
        """Send what is left as the last part and make the object (or store a small file in one put)."""
        if self._finished:
            return
        try:
            if self._upload_id is None:
                self._store.put_bytes(self.key, bytes(self._buffer), self.content_type)
            else:
                if self._buffer:
                    self._send(bytes(self._buffer))
                self._store.complete_multipart_upload(self.key, self._upload_id, self._etags)
        except BaseException:
            self.abort_after_error()
            raise
        self._buffer = bytearray()
        self._finished = True

    def abort(self) -> None:
        """Drop the parts sent so far; nothing is stored under the key. Harmless when already finished."""
        if self._finished:
            return
        self._finished = True
        self._buffer = bytearray()
        if self._upload_id is not None:
            self._store.abort_multipart_upload(self.key, self._upload_id)

    @property
    def parts(self) -> int:
        """Parts sent so far."""
        return len(self._etags)

    def _send(self, part: bytes) -> None:
        try:
            if self._upload_id is None:
                self._upload_id = self._store.create_multipart_upload(self.key, self.content_type)
            self._etags.append(self._store.upload_part(self.key, self._upload_id, len(self._etags) + 1, part))
        except BaseException:
            self.abort_after_error()
            raise

    def abort_after_error(self) -> None:
        """`abort` while an error is being raised: if aborting fails too, log that and let the first error go on."""
        try:
            self.abort()
        except Exception:
            log.exception("aborting the upload of %s failed", self.key)

    def __enter__(self) -> MultipartUpload:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        if kind is None:
            self.complete()
        else:
            self.abort_after_error()
