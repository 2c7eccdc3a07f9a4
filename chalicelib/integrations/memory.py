"""In-memory twins of the clients: object store, work queues, WhatsApp and e-mail senders; no I/O.

Like the repositories' twins (`store/memory/`), the object store and the queue keep the contract of the
real ones (`tests/integration/test_object_store.py`, `tests/integration/test_work_queue.py` run one test
class against both), and what each holds can be read back: objects by key, messages and sends in order.
`InMemoryClients` is the set of them the composition root takes in unit tests.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, urlencode

from .storage import MAX_PARTS, MIN_PART_BYTES, tagging_xml

if TYPE_CHECKING:
    from .attendance_source import HttpAttendanceSource
    from .email import EmailSender
    from .queue import NotificationQueue
    from .storage import ObjectStore
    from .whatsapp import WhatsAppSender

#: the made-up address presigned URLs of the twin point to (nothing answers there)
BASE_URL = "https://objects.invalid"


class InMemoryObjectStore:
    """`ObjectStore` in a dict; presigned URLs are made-up addresses of the key (a test "uploads" with `put_bytes`)."""

    def __init__(self, bucket: str = "kinerja-memory") -> None:
        self.bucket = bucket
        #: the bytes of each object by key
        self.objects: dict[str, bytes] = {}
        #: the content type each object was stored with
        self.content_types: dict[str, str] = {}
        #: the tags of each object (a test's "upload" with `upload` carries those of its form)
        self.object_tags: dict[str, dict[str, str]] = {}
        #: the tags each upload form puts on what is posted to its key
        self.form_tags: dict[str, dict[str, str]] = {}
        #: multipart uploads begun and neither completed nor aborted: id → (key, content type, parts by number)
        self.uploads: dict[str, tuple[str, str, dict[int, bytes]]] = {}

    def put_bytes(self, key: str, data: bytes, content_type: str) -> None:
        self.objects[key], self.content_types[key] = bytes(data), content_type
        self.object_tags[key] = {}

    def upload(self, key: str, data: bytes, content_type: str) -> None:
        """What a client posting the form of ``key`` stores: the bytes, with the form's tags."""
        self.put_bytes(key, data, content_type)
        self.object_tags[key] = dict(self.form_tags.get(key, {}))

    def get_bytes(self, key: str, max_bytes: int) -> bytes | None:
        """The object's bytes, or ``None`` when absent; refuses objects larger than ``max_bytes``."""
        data = self.objects.get(key)
        if data is not None and len(data) > max_bytes:
            raise ValueError(f"object {key} is {len(data)} bytes, more than {max_bytes}")
        return data

    def put_json(self, key: str, value: Any) -> None:
        self.put_bytes(key, json.dumps(value, ensure_ascii=False).encode(), "application/json")

    def get_json(self, key: str) -> Any | None:
        data = self.get_bytes(key, 50 * 1024 * 1024)
        return None if data is None else json.loads(data)

    def any_with_prefix(self, prefix: str) -> bool:
        return any(key.startswith(prefix) for key in self.objects)

    def presigned_post(
        self, key: str, content_type: str, max_bytes: int, expires: int, tags: Mapping[str, str] | None = None
    ) -> dict[str, Any]:
        """The form's shape as S3 gives it: where to post, and the fields that bind key, content type and tags."""
        fields = {"key": key, "Content-Type": content_type}
        if tags:
            fields["tagging"] = tagging_xml(tags)
            self.form_tags[key] = dict(tags)
        return {"url": f"{BASE_URL}/{self.bucket}", "fields": fields}

    def presigned_get(self, key: str, expires: int, filename: str | None = None) -> str:
        query = {"expires": str(expires), **({"filename": filename} if filename else {})}
        return f"{BASE_URL}/{self.bucket}/{quote(key)}?{urlencode(query)}"

    def head(self, key: str, length: int) -> tuple[int, bytes] | None:
        """Size and first ``length`` bytes of an object, or ``None`` when it does not exist."""
        data = self.objects.get(key)
        return None if data is None else (len(data), data[:length])

    def delete(self, key: str) -> None:
        self.objects.pop(key, None)
        self.content_types.pop(key, None)
        self.object_tags.pop(key, None)

    def copy(self, source: str, target: str) -> None:
        if source not in self.objects:
            raise KeyError(source)
        self.put_bytes(target, self.objects[source], self.content_types[source])

    def tags(self, key: str) -> dict[str, str]:
        return dict(self.object_tags.get(key, {}))

    def create_multipart_upload(self, key: str, content_type: str) -> str:
        upload_id = f"upload-{len(self.uploads) + 1}-{key}"
        self.uploads[upload_id] = (key, content_type, {})
        return upload_id

    def upload_part(self, key: str, upload_id: str, number: int, data: bytes) -> str:
        if not 1 <= number <= MAX_PARTS:
            raise ValueError(f"part number {number} is not 1-{MAX_PARTS}")
        self._upload(key, upload_id)[2][number] = bytes(data)
        return f'"{upload_id}-{number}"'

    def complete_multipart_upload(self, key: str, upload_id: str, etags: list[str]) -> None:
        """As S3: the parts named, in order; every one but the last at least `MIN_PART_BYTES` (S3's EntityTooSmall)."""
        _, content_type, parts = self._upload(key, upload_id)
        if [f'"{upload_id}-{n}"' for n in range(1, len(etags) + 1)] != etags or len(parts) != len(etags):
            raise ValueError("the parts named are not the parts uploaded, in order")
        sizes = [len(parts[n]) for n in range(1, len(etags) + 1)]
        if any(size < MIN_PART_BYTES for size in sizes[:-1]):
            raise ValueError(f"EntityTooSmall: a part other than the last is under {MIN_PART_BYTES} bytes")
        self.put_bytes(key, b"".join(parts[n] for n in range(1, len(etags) + 1)), content_type)
        del self.uploads[upload_id]

    def abort_multipart_upload(self, key: str, upload_id: str) -> None:
        self._upload(key, upload_id)
        del self.uploads[upload_id]

    def _upload(self, key: str, upload_id: str) -> tuple[str, str, dict[int, bytes]]:
        upload = self.uploads.get(upload_id)
        if upload is None or upload[0] != key:
            raise KeyError(f"NoSuchUpload: {upload_id}")
        return upload


class InMemoryQueue:
    """`NotificationQueue` in a list: every message sent, in order, as the JSON a consumer would read."""

    def __init__(self) -> None:
        self.messages: list[dict[str, Any]] = []

    def send_all(self, messages: list[dict[str, Any]]) -> int:
        self.messages += [json.loads(json.dumps(m, separators=(",", ":"))) for m in messages]
        return len(messages)

    def take(self) -> list[dict[str, Any]]:
        """The messages waiting, removed from the queue (what a consumer receives)."""
        taken, self.messages = self.messages, []
        return taken


class InMemoryWhatsApp:
    """A `WhatsAppSender` that keeps what it was asked to send, in clear (a test reads the texts)."""

    def __init__(self) -> None:
        self.sent: list[tuple[str, str]] = []

    def send(self, to: str, text: str, secrets: Iterable[str] = ()) -> str:
        self.sent.append((to, text))
        return f"wa-{len(self.sent)}"


class InMemoryEmail:
    """An `EmailSender` that keeps each mail as (to, subject, text, html or "").

    A test makes the provider fail by putting errors in ``failures``: each of the next sends raises the first
    one left (and sends nothing).
    """

    def __init__(self) -> None:
        self.sent: list[tuple[str, str, str, str]] = []
        self.failures: list[Exception] = []

    def send(self, to: str, subject: str, text: str, html: str | None = None) -> str:
        if self.failures:
            raise self.failures.pop(0)
        self.sent.append((to, subject, text, html or ""))
        return f"mail-{len(self.sent)}"


@dataclass
class InMemoryClients:
    """`integrations.clients.Clients` in memory; a field given replaces its default."""

    whatsapp: WhatsAppSender = field(default_factory=InMemoryWhatsApp)
    email: EmailSender = field(default_factory=InMemoryEmail)
    objects: ObjectStore = field(default_factory=InMemoryObjectStore)
    notifications: NotificationQueue = field(default_factory=InMemoryQueue)
    exports: NotificationQueue = field(default_factory=InMemoryQueue)
    attendance_source: HttpAttendanceSource | None = None
