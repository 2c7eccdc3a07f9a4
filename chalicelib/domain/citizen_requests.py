"""Tracked citizen requests across two offices (issue 22; seed 003 §4, "SIRAMASAKAN"): the rules of one request.

A citizen's business sometimes needs two offices in turn — a court decision (perkara) that changes their civil
registry: the first office records the request with the citizen's contact and, once the case is decided and the
documents are complete, marks it READY; the second office's public-service officers (``LAYANAN`` of that SKPD)
process it and mark it DONE (the citizen is told to collect the new KTP/KK) or return it with a reason
(RETURNED: back to the first office, which completes it and marks it ready again, or cancels it). The first
office may cancel until it is ready: once the second office holds it, only that office decides.

Every step records what happened, in which office, by whom and when (`Step`); the public status page shows each
step's office and date only (`public_steps`) — never the citizen's name, contact, the case number, a note or an
officer. No population-registry API is called: the service tells the one integration point
(`integrations/population_registry.py`).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import StrEnum

from .errors import Conflict, ValidationError

PREFIX = "LY"  # tracking numbers "LY-2026-7F3K9Q2M" (`domain/tracking.py`)
MAX_NAME, MAX_CASE, MAX_NOTE, MAX_REFERENCE = 120, 60, 1000, 200


class RequestState(StrEnum):
    RECORDED = "RECORDED"  # the first office holds it (the case runs, documents are gathered)
    READY = "READY"  # waiting for the second office
    RETURNED = "RETURNED"  # the second office sent it back with a reason; the first office holds it again
    DONE = "DONE"  # processed: the citizen collects the new documents
    CANCELLED = "CANCELLED"


STATE_LABELS = {
    RequestState.RECORDED: "Dicatat",
    RequestState.READY: "Diteruskan ke kantor tujuan",
    RequestState.RETURNED: "Dikembalikan ke kantor asal",
    RequestState.DONE: "Selesai",
    RequestState.CANCELLED: "Dibatalkan",
}

#: the states the first office may still act in (mark ready, cancel)
ORIGIN_HOLDS = frozenset({RequestState.RECORDED, RequestState.RETURNED})


class UpdateKind(StrEnum):
    """What the second office updates (Disdukcapil's documents)."""

    KK = "KK"
    KTP = "KTP"
    AKTA = "AKTA"


UPDATE_LABELS = {
    UpdateKind.KK: "Kartu Keluarga (KK)",
    UpdateKind.KTP: "KTP-el",
    UpdateKind.AKTA: "Akta pencatatan sipil",
}


class StepAction(StrEnum):
    RECORDED = "RECORDED"
    READY = "READY"
    RETURNED = "RETURNED"
    DONE = "DONE"
    CANCELLED = "CANCELLED"


#: what the public status page says of each step (no person, no note: a reason may name the citizen's affairs)
STEP_LABELS = {
    StepAction.RECORDED: "Permohonan dicatat",
    StepAction.READY: "Perkara selesai dan dokumen lengkap; diteruskan ke kantor tujuan",
    StepAction.RETURNED: "Dikembalikan ke kantor asal untuk dilengkapi",
    StepAction.DONE: "Data kependudukan diperbarui; dokumen baru dapat diambil",
    StepAction.CANCELLED: "Permohonan dibatalkan",
}


@dataclass(frozen=True)
class Step:
    """One step: what happened, in which office (SKPD), by whom (NIP), when, with the officer's note."""

    action: StepAction
    skpd_id: str
    by: str
    at: datetime
    note: str | None = None


@dataclass(frozen=True)
class CitizenRequest:
    tracking: str
    origin_skpd: str  # the first office, which records it
    target_skpd: str  # the second office, which processes it
    citizen_name: str
    whatsapp: str | None
    email: str | None
    case_number: str
    updates: tuple[UpdateKind, ...]
    state: RequestState
    created_by: str
    created_at: datetime
    description: str | None = None
    document_ref: str | None = None
    ready_at: datetime | None = None
    steps: tuple[Step, ...] = field(default_factory=tuple)
    version: int = 0

    @property
    def last_at(self) -> datetime:
        return self.steps[-1].at if self.steps else self.created_at


def _text(value: str | None, limit: int, field_name: str, label: str, *, required: bool) -> str | None:
    text = (value or "").strip() or None
    if required and not text:
        raise ValidationError(f"{label} wajib diisi.", code="REQUIRED", details={"field": field_name})
    if text and len(text) > limit:
        raise ValidationError(
            f"{label} paling banyak {limit} karakter.", code="TOO_LONG", details={"field": field_name}
        )
    return text


def new_request(
    tracking: str,
    *,
    origin_skpd: str,
    target_skpd: str,
    citizen_name: str,
    whatsapp: str | None,
    email: str | None,
    case_number: str,
    updates: tuple[UpdateKind, ...],
    description: str | None,
    by: str,
    at: datetime,
) -> CitizenRequest:
    """A request as the first office records it: someone to tell (WhatsApp or e-mail), another office to do the
    update, at least one document to update."""
    if not whatsapp and not email:
        raise ValidationError(
            "Isi nomor WhatsApp atau alamat e-mail pemohon agar pemohon dapat diberi kabar.",
            code="CONTACT_REQUIRED",
            details={"field": "whatsapp"},
        )
    if target_skpd == origin_skpd:
        raise ValidationError(
            "Kantor tujuan harus kantor lain.", code="SAME_OFFICE", details={"field": "target_skpd_id"}
        )
    if not updates:
        raise ValidationError("Pilih dokumen yang diperbarui.", code="REQUIRED", details={"field": "updates"})
    name = _text(citizen_name, MAX_NAME, "citizen_name", "Nama pemohon", required=True)
    case = _text(case_number, MAX_CASE, "case_number", "Nomor perkara", required=True)
    return CitizenRequest(
        tracking=tracking,
        origin_skpd=origin_skpd,
        target_skpd=target_skpd,
        citizen_name=name or "",
        whatsapp=whatsapp or None,
        email=email or None,
        case_number=case or "",
        updates=tuple(dict.fromkeys(updates)),
        state=RequestState.RECORDED,
        created_by=by,
        created_at=at,
        description=_text(description, MAX_NOTE, "description", "Keterangan", required=False),
        steps=(Step(StepAction.RECORDED, origin_skpd, by, at),),
    )


def _refuse(request: CitizenRequest, what: str) -> Conflict:
    return Conflict(
        f"Permohonan ini berstatus {STATE_LABELS[request.state]}; {what}",
        code="INVALID_STATE",
        details={"state": request.state.value},
    )


def mark_ready(
    request: CitizenRequest, *, by: str, at: datetime, note: str | None, document_ref: str | None
) -> CitizenRequest:
    """The case is decided and the documents complete: hand it to the second office (again, after a return)."""
    if request.state not in ORIGIN_HOLDS:
        raise _refuse(request, "tidak dapat ditandai siap.")
    note = _text(note, MAX_NOTE, "note", "Catatan", required=False)
    reference = _text(document_ref, MAX_REFERENCE, "document_ref", "Rujukan dokumen", required=False)
    step = Step(StepAction.READY, request.origin_skpd, by, at, note)
    return replace(
        request,
        state=RequestState.READY,
        ready_at=at,
        document_ref=reference or request.document_ref,
        steps=(*request.steps, step),
    )


def cancel(request: CitizenRequest, *, by: str, at: datetime, reason: str | None) -> CitizenRequest:
    """The first office withdraws it while it still holds it (before ready, or after a return)."""
    if request.state not in ORIGIN_HOLDS:
        raise _refuse(request, "tidak dapat dibatalkan.")
    reason = _text(reason, MAX_NOTE, "reason", "Alasan", required=True)
    step = Step(StepAction.CANCELLED, request.origin_skpd, by, at, reason)
    return replace(request, state=RequestState.CANCELLED, steps=(*request.steps, step))


def process(request: CitizenRequest, *, done: bool, by: str, at: datetime, note: str | None) -> CitizenRequest:
    """The second office's decision on a READY request: DONE, or RETURNED to the first office (a reason given)."""
    if request.state is not RequestState.READY:
        raise _refuse(request, "tidak menunggu proses kantor tujuan.")
    if not done and not (note or "").strip():
        raise ValidationError("Alasan pengembalian wajib diisi.", code="NOTE_REQUIRED", details={"field": "note"})
    action, state = (StepAction.DONE, RequestState.DONE) if done else (StepAction.RETURNED, RequestState.RETURNED)
    step = Step(action, request.target_skpd, by, at, (note or "").strip() or None)
    return replace(request, state=state, steps=(*request.steps, step))


def public_steps(request: CitizenRequest, office_names: dict[str, str]) -> list[dict[str, str]]:
    """Each step as the public page shows it: what happened, the office's name, when. Nothing personal."""
    return [
        {
            "action": s.action.value,
            "label": STEP_LABELS[s.action],
            "office": office_names.get(s.skpd_id, s.skpd_id),
            "at": s.at.isoformat(),
        }
        for s in request.steps
    ]
