"""Evidence uploads: presigned POST to S3, then a check of the stored object's real content.

As in `services/uploads.py`: the form (5 minutes) tags the upload pending and names one key; a confirm claims
the slip once (`used_links`), copies the object to its final key (`uploads.final_key`, untagged), checks the
bytes of that copy and deletes the uploaded one, so posting the form again changes nothing attached."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from ..domain.accounts import Actor
from ..domain.errors import BusinessRule, Conflict, DomainError, NotFound, ValidationError
from ..domain.evidence import (
    ALLOWED_TYPES,
    MAX_EVIDENCE_BYTES,
    MAX_EVIDENCE_PER_REPORT,
    check_upload_request,
    check_uploaded,
)
from ..domain.reports import Evidence, HistoryEntry, with_history
from ..integrations.storage import ObjectStore
from ..security import tokens
from ..security.keys import Keyring
from ..store.protocols import ReportRepository, UsedLinks
from .reports import ReportService
from .uploads import FORM_TTL_SECONDS, PENDING_TAG, final_key

if TYPE_CHECKING:
    from ..schemas import EvidenceRequest

UPLOAD_TTL_SECONDS = 15 * 60
_PURPOSE = tokens.EVIDENCE_UPLOAD
_SNIFF_BYTES = 16


class EvidenceService:
    def __init__(
        self,
        reports: ReportService,
        repository: ReportRepository,
        store: ObjectStore,
        used: UsedLinks,
        *,
        keys: Keyring | str,
        clock: Callable[[], datetime],
    ) -> None:
        self._reports, self._repository, self._store, self._used = reports, repository, store, used
        self._keys, self._clock = keys, clock

    def request_upload(self, actor: Actor, report_id: str, body: EvidenceRequest) -> dict[str, Any]:
        """An upload form for one file, and a signed slip the client returns to confirm it."""
        report = self._reports.own_editable(actor, report_id)
        content_type = body.content_type
        name = check_upload_request(body.filename, content_type, body.size, len(report.evidence))
        evidence_id = uuid.uuid4().hex
        key = f"evidence/{actor.nip}/{report.report_id}/{evidence_id}{ALLOWED_TYPES[content_type]}"
        slip = tokens.sign_claims(
            self._keys,
            _PURPOSE,
            {"rid": report.report_id, "eid": evidence_id, "key": key, "ct": content_type, "fn": name, "nip": actor.nip},
            UPLOAD_TTL_SECONDS,
            self._clock(),
        )
        form = self._store.presigned_post(key, content_type, MAX_EVIDENCE_BYTES, FORM_TTL_SECONDS, tags=PENDING_TAG)
        return {"evidence_id": evidence_id, "upload_token": slip, "upload": form, "expires_in": FORM_TTL_SECONDS}

    def confirm(self, actor: Actor, report_id: str, token: str) -> dict[str, Any]:
        """Attach the uploaded object if its bytes are what was declared and within 2 MB; else delete it."""
        slip = tokens.read_claims(self._keys, _PURPOSE, token, self._clock())
        if slip is None or slip["rid"] != report_id or slip["nip"] != actor.nip:
            raise ValidationError("Tanda unggah tidak sah atau kedaluwarsa.", code="INVALID_UPLOAD_TOKEN")
        report = self._reports.own_editable(actor, report_id)
        if any(e.evidence_id == slip["eid"] for e in report.evidence):
            return self._reports.view(report)
        used_id = f"evidence:{slip['eid']}"
        if self._store.head(slip["key"], 1) is None:
            if self._used.was_used(used_id):
                raise _already_used()
            raise NotFound("Berkas belum diunggah.", code="UPLOAD_NOT_FOUND")
        if len(report.evidence) >= MAX_EVIDENCE_PER_REPORT:
            self._store.delete(slip["key"])
            raise BusinessRule(
                f"Satu laporan paling banyak memiliki {MAX_EVIDENCE_PER_REPORT} berkas bukti.", code="TOO_MANY_FILES"
            )
        if not self._used.claim(used_id, self._clock(), slip["exp"]):
            raise _already_used()
        final = final_key(slip["key"])
        self._store.copy(slip["key"], final)
        self._store.delete(slip["key"])
        stored = self._store.head(final, _SNIFF_BYTES)
        size, head = stored if stored is not None else (0, b"")
        try:
            check_uploaded(slip["ct"], size, head)
        except DomainError:
            self._store.delete(final)
            raise
        evidence = Evidence(slip["eid"], slip["fn"], slip["ct"], size, final)
        entry = HistoryEntry(self._clock(), actor.nip, "EVIDENCE_ADDED", {"evidence": [None, evidence.filename]})
        updated = with_history(report, entry, evidence=(*report.evidence, evidence))
        return self._reports.view(self._repository.save(updated))

    def remove(self, actor: Actor, report_id: str, evidence_id: str) -> dict[str, Any]:
        report = self._reports.own_editable(actor, report_id)
        found = next((e for e in report.evidence if e.evidence_id == evidence_id), None)
        if found is None:
            raise NotFound("Berkas bukti tidak ditemukan.", code="EVIDENCE_NOT_FOUND")
        entry = HistoryEntry(self._clock(), actor.nip, "EVIDENCE_REMOVED", {"evidence": [found.filename, None]})
        kept = tuple(e for e in report.evidence if e.evidence_id != evidence_id)
        saved = self._repository.save(with_history(report, entry, evidence=kept))
        self._store.delete(found.key)
        return self._reports.view(saved)


def _already_used() -> Conflict:
    return Conflict("Berkas ini sudah dipakai; unggah berkas kembali.", code="UPLOAD_ALREADY_USED")
