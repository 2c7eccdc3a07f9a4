"""Uploads of any kind (complaint letters, career-record PDFs, archived documents): a presigned POST straight
to S3 limited by a `FileRule`, a signed slip naming what was offered, then a check of the stored bytes.

Whoever offers an upload binds the slip to its context (``{"kind": "complaint", "nip": …}``); `accept` only
takes a slip with the same context back, and deletes a stored object that is not what it claimed to be.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from ..domain.errors import DomainError, NotFound, ValidationError
from ..domain.identity import validate_text
from ..domain.uploads import FileRule, check_request, check_stored
from ..integrations.storage import ObjectStore
from ..security import tokens
from ..security.keys import Keyring

UPLOAD_TTL_SECONDS = 15 * 60
_SNIFF_BYTES = 16


@dataclass(frozen=True)
class StoredFile:
    file_id: str
    key: str
    filename: str
    content_type: str
    size: int


class UploadService:
    def __init__(self, store: ObjectStore, *, keys: Keyring | str, clock: Callable[[], datetime]) -> None:
        self._store, self._keys, self._clock = store, keys, clock

    def offer(
        self,
        rule: FileRule,
        prefix: str,
        context: Mapping[str, str],
        filename: object,
        content_type: object,
        size: object,
    ) -> dict[str, Any]:
        """An upload form for one file under ``prefix`` and the slip to hand back with it."""
        kind = str(content_type or "")
        name = check_request(rule, validate_text(filename, "filename", max_len=255), kind, size)
        file_id = uuid.uuid4().hex
        key = f"{prefix.rstrip('/')}/{file_id}{rule.types[kind]}"
        claims = {"ctx": dict(context), "fid": file_id, "key": key, "ct": kind, "fn": name}
        slip = tokens.sign_claims(self._keys, tokens.FILE_UPLOAD, claims, UPLOAD_TTL_SECONDS, self._clock())
        form = self._store.presigned_post(key, kind, rule.max_bytes, UPLOAD_TTL_SECONDS)
        return {"file_id": file_id, "upload_token": slip, "upload": form, "expires_in": UPLOAD_TTL_SECONDS}

    def accept(self, rule: FileRule, context: Mapping[str, str], token: object) -> StoredFile:
        """The uploaded file, if the slip is ours for ``context`` and the bytes are what was declared."""
        slip = tokens.read_claims(self._keys, tokens.FILE_UPLOAD, token, self._clock())
        if slip is None or slip.get("ctx") != dict(context):
            raise ValidationError("Tanda unggah tidak sah atau kedaluwarsa.", code="INVALID_UPLOAD_TOKEN")
        stored = self._store.head(slip["key"], _SNIFF_BYTES)
        if stored is None:
            raise NotFound("Berkas belum diunggah.", code="UPLOAD_NOT_FOUND")
        size, head = stored
        try:
            check_stored(rule, slip["ct"], size, head)
        except DomainError:
            self._store.delete(slip["key"])
            raise
        return StoredFile(slip["fid"], slip["key"], slip["fn"], slip["ct"], size)

    def link(self, key: str, filename: str, ttl_seconds: int) -> str:
        """A short-lived download link that saves the file under its stored name."""
        return self._store.presigned_get(key, ttl_seconds, filename)

    def discard(self, key: str) -> None:
        self._store.delete(key)
