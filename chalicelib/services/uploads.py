"""Uploads of any kind (complaint letters, career-record PDFs, archived documents): a presigned POST straight
to S3 limited by a `FileRule`, a signed slip naming what was offered, then a check of the stored bytes.

Whoever offers an upload binds the slip to its context (``{"kind": "complaint", "nip": …}``); `accept` only
takes a slip with the same context back, and deletes a stored object that is not what it claimed to be.

A checked upload stays checked: the form can write exactly one key (S3's policy binds it), and `accept` copies
the checked object to its *final* key (`final_key`: a ``checked/`` segment before the name, which no form names)
and deletes the uploaded one, so posting the form again only writes a key nothing points to. Uploads carry the
tag ``kinerja-upload=pending`` from the form, and the final copy carries none: the bucket's lifecycle rule
expires only uploads never accepted. A slip is accepted once (`UPLOAD_ALREADY_USED`): its id is claimed in
the used-links store, so two records cannot take one file.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from ..domain.errors import Conflict, DomainError, NotFound, ValidationError
from ..domain.uploads import FileRule, check_request, check_stored
from ..integrations.storage import ObjectStore
from ..security import tokens
from ..security.keys import Keyring
from ..store.protocols import UsedLinks

#: how long a slip can be handed back (the form posted, then the rest of the form filled in and sent)
UPLOAD_TTL_SECONDS = 15 * 60
#: how long the upload form itself is valid: the largest upload (1 MB) takes under 3 minutes at a slow
#: mobile 64 kbit/s and a new upload is one tap away, while a shorter window leaves less time to post
#: the form again (S3 checks the policy's expiry when the POST arrives)
FORM_TTL_SECONDS = 5 * 60
#: the tag of an upload not yet accepted (the bucket's lifecycle expires such objects after a few days)
PENDING_TAG = {"kinerja-upload": "pending"}
_SNIFF_BYTES = 16


@dataclass(frozen=True)
class StoredFile:
    file_id: str
    key: str
    filename: str
    content_type: str
    size: int


def final_key(key: str) -> str:
    """Where an accepted upload is kept: ``a/b/<id>.pdf`` → ``a/b/checked/<id>.pdf`` (no form names it)."""
    folder, _, name = key.rpartition("/")
    return f"{folder}/checked/{name}" if folder else f"checked/{name}"


class FileRequest(Protocol):
    """What every upload request model (`schemas.common.upload_request`) holds, checked at the edge."""

    filename: str
    content_type: str
    size: int


class UploadService:
    def __init__(
        self, store: ObjectStore, used: UsedLinks, *, keys: Keyring | str, clock: Callable[[], datetime]
    ) -> None:
        self._store, self._used, self._keys, self._clock = store, used, keys, clock

    def offer(
        self,
        rule: FileRule,
        prefix: str,
        context: Mapping[str, str],
        file: FileRequest,
    ) -> dict[str, Any]:
        """An upload form for one file under ``prefix`` (as the request model announced it) and the slip to hand
        back with it."""
        kind = file.content_type
        name = check_request(rule, file.filename, kind, file.size)
        file_id = uuid.uuid4().hex
        key = f"{prefix.rstrip('/')}/{file_id}{rule.types[kind]}"
        claims = {"ctx": dict(context), "fid": file_id, "key": key, "ct": kind, "fn": name}
        slip = tokens.sign_claims(self._keys, tokens.FILE_UPLOAD, claims, UPLOAD_TTL_SECONDS, self._clock())
        form = self._store.presigned_post(key, kind, rule.max_bytes, FORM_TTL_SECONDS, tags=PENDING_TAG)
        return {"file_id": file_id, "upload_token": slip, "upload": form, "expires_in": FORM_TTL_SECONDS}

    def check(self, rule: FileRule, context: Mapping[str, str], token: object) -> StoredFile:
        """What `accept` would take, without taking it (a preview): the slip stays usable, the file where it is."""
        slip = self._slip(context, token)
        if self._used.was_used(_used_id(slip)):
            raise _already_used()
        return StoredFile(slip["fid"], slip["key"], slip["fn"], slip["ct"], self._checked(rule, slip, slip["key"]))

    def accept(self, rule: FileRule, context: Mapping[str, str], token: object) -> StoredFile:
        """The uploaded file at its final key, if the slip is ours for ``context``, not used before, and the
        bytes are what was declared. The slip is used up; the uploaded object is gone (copied, then deleted).

        The bytes checked are those of the final copy (a form posted again between a check and a copy cannot
        slip other bytes in), and only the one caller that claimed the slip writes the final key."""
        slip = self._slip(context, token)
        if self._store.head(slip["key"], 1) is None:  # not uploaded yet (the slip stays usable), or taken
            raise self._missing(slip)
        if not self._used.claim(_used_id(slip), self._clock(), slip["exp"]):
            raise _already_used()
        final = final_key(slip["key"])
        self._store.copy(slip["key"], final)
        self._store.delete(slip["key"])
        size = self._checked(rule, slip, final)
        return StoredFile(slip["fid"], final, slip["fn"], slip["ct"], size)

    def accepted_key(self, context: Mapping[str, str], token: object) -> str:
        """The final key `accept` gives (or gave) the slip's file: to tell a repeated confirm from another use."""
        return final_key(self._slip(context, token)["key"])

    def link(self, key: str, filename: str, ttl_seconds: int) -> str:
        """A short-lived download link that saves the file under its stored name."""
        return self._store.presigned_get(key, ttl_seconds, filename)

    def discard(self, key: str) -> None:
        self._store.delete(key)

    def _slip(self, context: Mapping[str, str], token: object) -> dict[str, Any]:
        slip = tokens.read_claims(self._keys, tokens.FILE_UPLOAD, token, self._clock())
        if slip is None or slip.get("ctx") != dict(context):
            raise ValidationError("Tanda unggah tidak sah atau kedaluwarsa.", code="INVALID_UPLOAD_TOKEN")
        return slip

    def _missing(self, slip: Mapping[str, Any]) -> DomainError:
        """No object at the slip's key: taken by an earlier `accept`, or not uploaded yet."""
        if self._used.was_used(_used_id(slip)):
            return _already_used()
        return NotFound("Berkas belum diunggah.", code="UPLOAD_NOT_FOUND")

    def _checked(self, rule: FileRule, slip: Mapping[str, Any], key: str) -> int:
        """The size of the object at ``key`` if its bytes are what the slip declared; else it is deleted."""
        stored = self._store.head(key, _SNIFF_BYTES)
        if stored is None:
            raise self._missing(slip)
        size, head = stored
        try:
            check_stored(rule, slip["ct"], size, head)
        except DomainError:
            self._store.delete(key)
            raise
        return size


def _already_used() -> Conflict:
    return Conflict("Berkas ini sudah dipakai; unggah berkas kembali.", code="UPLOAD_ALREADY_USED")


def _used_id(slip: Mapping[str, Any]) -> str:
    return f"upload:{slip['fid']}"
