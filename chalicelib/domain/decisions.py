"""One way to decide: the rules every verifiable kind shares (reports, leave, complaints, records, documents …).

A kind declares a `KindSpec` (its verdicts, who verifies it, whether it takes a rating, when a note is required,
whether it can be decided from an e-mailed link) and describes each item as a `Subject` (whose it is, its SKPD,
who must decide it now, its state). `check_decision`, `authority` and `check_open` apply the shared rules; the
kind then applies its own effect. Nothing here knows a kind by name.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from enum import StrEnum

from .accounts import Actor, Role, forbid_self_decision, hr_skpd_scope, require_hr, require_skpd_staff
from .errors import Conflict, Forbidden, ValidationError, not_one_of

MAX_BULK = 50
MAX_NOTE = 1000


class Verdict(StrEnum):
    APPROVE = "APPROVE"
    REJECT = "REJECT"
    DEFER = "DEFER"
    REVOKE = "REVOKE"


#: what a person reads on a button or in a message
VERDICT_LABELS = {
    Verdict.APPROVE: "Setujui",
    Verdict.REJECT: "Tolak",
    Verdict.DEFER: "Tangguhkan",
    Verdict.REVOKE: "Batalkan persetujuan",
}


class Verifier(StrEnum):
    """Who decides an item: a named person (the supervisor, the granting official) or their delegate; HR of the
    item's SKPD (or BKD, or the admin); a numbering officer of the SKPD; a holder of the kind's office role in the
    item's SKPD (issue 22)."""

    PERSON = "PERSON"
    HR = "HR"
    NUMBERING = "NUMBERING"
    #: a holder of the kind's `KindSpec.office_role` inside the item's SKPD (issue 22: an office's public-service
    #: officers, LAYANAN, or its leadership, PIMPINAN); like NUMBERING, the role alone puts the kind in the inbox
    OFFICE = "OFFICE"


@dataclass(frozen=True)
class KindSpec:
    """The declaration of a verifiable kind."""

    kind: str
    label: str  # the queue's name, e.g. "Laporan kegiatan"
    noun: str  # the item in a sentence, e.g. "laporan"
    verifier: Verifier
    verdicts: tuple[Verdict, ...]
    decider: str = "verifikator"  # who decides, in a sentence: "atasan langsung"
    rating: bool = False
    note_required: frozenset[Verdict] = frozenset({Verdict.REJECT, Verdict.DEFER, Verdict.REVOKE})
    email_link: bool = False
    #: whether a delegate may act for the decider (a supervisor's work may be delegated; an employee's own
    #: acknowledgement may not, so it is neither counted nor listed for anyone holding their delegation)
    delegable: bool = True
    #: for `Verifier.OFFICE`: the role that decides it inside the item's SKPD
    office_role: Role | None = None


@dataclass(frozen=True)
class Decision:
    """One decision as the client sent it (validated for type and size at the edge)."""

    verdict: Verdict
    note: str | None = None
    rating: int | None = None
    version: int | None = None


@dataclass(frozen=True)
class Subject:
    """What the shared rules need to know of one item."""

    owner_nip: str
    skpd_id: str
    version: int
    status: str
    status_label: str
    #: the verdicts the item's state allows now (empty: decided, withdrawn …)
    open_verdicts: frozenset[Verdict]
    #: for `Verifier.PERSON`: who must decide it (their delegate may act for them)
    decider_nip: str | None = None


@dataclass(frozen=True)
class Scope:
    """Whose queue: a person's (own, or a delegator's) or an SKPD's (``None``: every SKPD, for BKD and admin)."""

    person: str | None = None
    skpd_id: str | None = None


def check_decision(spec: KindSpec, decision: Decision) -> Decision:
    """The verdict is one the kind allows, a rating only where it takes one, a note where the verdict needs one."""
    if decision.verdict not in spec.verdicts:
        raise not_one_of("verdict", [v.value for v in spec.verdicts], "Keputusan", "INVALID_VERDICT")
    if decision.rating is not None and not spec.rating:
        raise ValidationError(
            f"Keputusan atas {spec.noun} tidak memakai nilai.", code="RATING_NOT_ALLOWED", details={"field": "rating"}
        )
    if decision.rating is not None and not 1 <= decision.rating <= 5:
        raise ValidationError("Nilai harus 1-5.", code="INVALID_RATING", details={"field": "rating"})
    note = (decision.note or "").strip() or None
    if note and len(note) > MAX_NOTE:
        raise ValidationError(f"Catatan paling banyak {MAX_NOTE} karakter.", code="TOO_LONG", details={"field": "note"})
    if decision.verdict in spec.note_required and not note:
        raise ValidationError(
            f"Keputusan '{VERDICT_LABELS[decision.verdict]}' wajib disertai catatan.",
            code="NOTE_REQUIRED",
            details={"field": "note"},
        )
    return Decision(decision.verdict, note, decision.rating, decision.version)


def authority(spec: KindSpec, subject: Subject, actor: Actor, held: Collection[str]) -> str | None:
    """Whether ``actor`` may decide the item: ``None`` when they decide in their own right, the NIP of the person
    they act for when they hold that person's delegation (``held``: delegators active today). Nobody decides
    their own item."""
    on_behalf: str | None = None
    if spec.verifier is Verifier.PERSON:
        if subject.decider_nip != actor.nip:
            if not subject.decider_nip or subject.decider_nip not in held:
                raise Forbidden(
                    f"Hanya {spec.decider} (atau penerima delegasinya) yang dapat memutuskan {spec.noun} ini."
                )
            on_behalf = subject.decider_nip
    elif spec.verifier is Verifier.HR:
        require_hr(actor, subject.skpd_id)
    else:
        require_skpd_staff(actor, subject.skpd_id, _office_role(spec))
    forbid_self_decision(actor.nip, subject.owner_nip)
    return on_behalf


def check_open(spec: KindSpec, subject: Subject, decision: Decision) -> None:
    """The item's state allows the verdict, and it is still the version the decider saw (when they sent one)."""
    if decision.verdict not in subject.open_verdicts:
        raise Conflict(
            f"{spec.noun.capitalize()} ini berstatus {subject.status_label}; keputusan ini tidak dapat diberikan.",
            code="ALREADY_DECIDED",
            details={"status": subject.status_label},
        )
    if decision.version is not None and decision.version != subject.version:
        raise Conflict(
            f"{spec.noun.capitalize()} ini telah diubah oleh pengguna lain; muat ulang lalu coba lagi.",
            code="CONFLICT",
        )


def queue_scope(
    spec: KindSpec, actor: Actor, held: Collection[str], *, for_nip: str | None, skpd_id: str | None
) -> Scope:
    """Whose queue the caller may read: their own or a delegator's (person kinds), their SKPD or, for BKD and the
    admin, any SKPD or all (HR kinds), their SKPD's letters (numbering)."""
    if spec.verifier is Verifier.PERSON:
        person = for_nip or actor.nip
        if person != actor.nip and (person not in held or not spec.delegable):
            raise Forbidden("Anda tidak memegang delegasi verifikasi dari pegawai ini.")
        return Scope(person=person)
    if spec.verifier is Verifier.HR:
        own = hr_skpd_scope(actor)
        if skpd_id and own and skpd_id != own:
            raise Forbidden("Anda hanya dapat memverifikasi pengajuan pegawai di SKPD Anda sendiri.")
        return Scope(skpd_id=skpd_id or own)
    unit = skpd_id or actor.skpd_id
    require_skpd_staff(actor, unit, _office_role(spec))
    return Scope(skpd_id=unit)


def may_verify(spec: KindSpec, actor: Actor) -> bool:
    """Whether the kind belongs in the caller's inbox by role (person kinds: whenever something waits)."""
    if spec.verifier is Verifier.HR:
        return actor.is_admin or actor.has(Role.BKD) or actor.has(Role.KEPEGAWAIAN)
    if spec.verifier is Verifier.NUMBERING:
        return actor.has(Role.PENOMORAN)
    if spec.verifier is Verifier.OFFICE:
        return actor.has(_office_role(spec))
    return True


def _office_role(spec: KindSpec) -> Role:
    """The SKPD role that decides a NUMBERING (PENOMORAN) or OFFICE (its declared role) kind."""
    if spec.verifier is Verifier.OFFICE:
        if spec.office_role is None:
            raise ValueError(f"kind {spec.kind} decided by an office declares no office_role")
        return spec.office_role
    return Role.PENOMORAN
