"""Sasaran Kinerja Pegawai (SKP): an employee's work targets (rencana hasil kerja, RHK) for one year, drafted by the
employee and approved by the direct supervisor as pejabat penilai (PermenPANRB 6/2022; Peraturan BKN 2/2026 and
seed 004 for e-Kinerja, where each daily progress names the RHK it serves).

Pure rules: the statuses, the targets and their indicators, who may edit and submit when, the cascade (a staff RHK
names the supervisor's approved RHK it supports), and the versions (every approval keeps its targets, so a report
linked to an RHK keeps its meaning after the SKP changes).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum
from typing import Any

from .accounts import forbid_self_decision
from .errors import BusinessRule, Conflict, Forbidden, ValidationError
from .history import HistoryEntry, decision_entry

MAX_TARGETS, MAX_INDICATORS = 30, 5
MAX_TARGET_TEXT, MAX_INDICATOR_TEXT, MAX_UNIT = 500, 300, 40
FIRST_YEAR, LAST_YEAR = 2000, 2100
#: an RHK's id: 12 lowercase hex characters, made by the server
RHK_ID = re.compile(r"^[0-9a-f]{12}$")


class SkpStatus(StrEnum):
    DRAFT = "DRAFT"
    SUBMITTED = "SUBMITTED"
    APPROVED = "APPROVED"
    RETURNED = "RETURNED"
    #: the fourth quarter's assessment acknowledged: the year is assessed (`quarter_assessment.closes_year`)
    CLOSED = "CLOSED"


STATUS_LABELS = {
    SkpStatus.DRAFT: "Draf",
    SkpStatus.SUBMITTED: "Diajukan",
    SkpStatus.APPROVED: "Disetujui",
    SkpStatus.RETURNED: "Dikembalikan",
    SkpStatus.CLOSED: "Selesai",
}
#: the statuses in which the owner may change the targets (an approved SKP becomes a draft again)
EDITABLE = (SkpStatus.DRAFT, SkpStatus.RETURNED, SkpStatus.APPROVED)
#: the statuses from which the owner may submit
SUBMITTABLE = (SkpStatus.DRAFT, SkpStatus.RETURNED)


class RhkKind(StrEnum):
    """An RHK is the employee's main work (utama, from the jabatan's duties) or additional work (tambahan)."""

    UTAMA = "UTAMA"
    TAMBAHAN = "TAMBAHAN"


KIND_LABELS = {RhkKind.UTAMA: "Utama", RhkKind.TAMBAHAN: "Tambahan"}


@dataclass(frozen=True)
class Indicator:
    """How a target is measured: a text, a target value and its unit ("12 dokumen")."""

    text: str
    target: float
    unit: str


@dataclass(frozen=True)
class Target:
    """One rencana hasil kerja. ``rhk_id`` is stable across edits, so a report's reference survives them."""

    rhk_id: str
    text: str
    kind: RhkKind
    indicators: tuple[Indicator, ...]
    parent_rhk_id: str | None = None


@dataclass(frozen=True)
class ApprovedVersion:
    """The targets as approved the ``approved_version``-th time (every version is kept and shown)."""

    approved_version: int
    approved_at: datetime
    approved_by: str
    targets: tuple[Target, ...]


@dataclass(frozen=True)
class Skp:
    skp_id: str
    nip: str
    year: int
    skpd_id: str
    satker_id: str
    status: SkpStatus
    #: the working copy the employee edits
    targets: tuple[Target, ...] = ()
    #: the last approved copy: what reports choose from (empty until the first approval)
    approved_targets: tuple[Target, ...] = ()
    approved_version: int = 0
    #: the direct supervisor when submitted (pejabat penilai)
    penilai_nip: str | None = None
    submitted_at: datetime | None = None
    #: the supervisor's note when returned
    note: str | None = None
    history: tuple[HistoryEntry, ...] = ()
    version: int = 0


def skp_id_of(nip: str, year: int) -> str:
    """One SKP per employee per year, found by its id (a GetItem, no index)."""
    return f"{nip}.{year}"


def parse_skp_id(skp_id: str) -> tuple[str, int] | None:
    """(nip, year) of a well-formed SKP id, else None."""
    nip, _, year = skp_id.partition(".")
    if len(nip) != 18 or not nip.isdigit() or len(year) != 4 or not year.isdigit():
        return None
    return nip, int(year)


def check_year(year: int, field: str = "year") -> int:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValidationError(f"Tahun harus {FIRST_YEAR}-{LAST_YEAR}.", code="INVALID_YEAR", details={"field": field})
    return year


# -- lifecycle -----------------------------------------------------------------------------------


def create(nip: str, year: int, skpd_id: str, satker_id: str, now: datetime) -> Skp:
    """A new draft with no targets."""
    check_year(year)
    return Skp(
        skp_id=skp_id_of(nip, year),
        nip=nip,
        year=year,
        skpd_id=skpd_id,
        satker_id=satker_id,
        status=SkpStatus.DRAFT,
        history=(HistoryEntry(now, nip, "CREATED", {"status": [None, SkpStatus.DRAFT.value]}),),
    )


@dataclass(frozen=True)
class TargetDraft:
    """A target as the owner sent it: ``rhk_id`` absent for a new one."""

    text: str
    kind: RhkKind
    indicators: tuple[Indicator, ...]
    parent_rhk_id: str | None = None
    rhk_id: str | None = None


def edit(
    skp: Skp,
    drafts: Sequence[TargetDraft],
    *,
    by: str,
    now: datetime,
    parents: Collection[str],
    new_id: Callable[[], str],
) -> Skp:
    """The owner's new targets. Only in DRAFT, RETURNED or APPROVED (an approved SKP becomes a draft again, its
    approved targets still usable by reports until the next approval); a submitted one waits for its decision.

    ``parents``: the RHK ids of the supervisor's approved SKP of the year (the cascade); a parent the target
    already had is kept even when the supervisor has since dropped it, so an untouched target never blocks a save.
    """
    require_owner(skp, by)
    if skp.status is SkpStatus.CLOSED:
        raise Conflict("SKP tahun ini sudah selesai dinilai; tidak dapat diubah.", code="SKP_NOT_EDITABLE")
    if skp.status not in EDITABLE:
        raise Conflict(
            f"SKP berstatus {STATUS_LABELS[skp.status]} dan sedang menunggu keputusan; tidak dapat diubah.",
            code="SKP_NOT_EDITABLE",
            details={"status": skp.status.value},
        )
    targets = build_targets(skp, drafts, parents=parents, new_id=new_id)
    status = SkpStatus.DRAFT if skp.status is SkpStatus.APPROVED else skp.status
    changes: dict[str, list[Any]] = {"targets": [len(skp.targets), len(targets)]}
    if status is not skp.status:
        changes["status"] = [skp.status.value, status.value]
    return replace(
        skp,
        targets=targets,
        status=status,
        history=(*skp.history, HistoryEntry(now, by, "UPDATED", changes)),
    )


def build_targets(
    skp: Skp, drafts: Sequence[TargetDraft], *, parents: Collection[str], new_id: Callable[[], str]
) -> tuple[Target, ...]:
    """The targets with their ids: a known id is kept, a new target gets a fresh one (`new_id`)."""
    if len(drafts) > MAX_TARGETS:
        raise ValidationError(
            f"SKP paling banyak memuat {MAX_TARGETS} RHK.",
            code="TOO_MANY_ITEMS",
            details={"field": "targets", "max": MAX_TARGETS},
        )
    known = {t.rhk_id: t for t in (*skp.approved_targets, *skp.targets)}
    seen: set[str] = set()
    targets = []
    for index, draft in enumerate(drafts):
        check_target(draft, index)
        rhk_id = draft.rhk_id
        if rhk_id is not None and rhk_id not in known:
            raise BusinessRule(
                "RHK yang diubah tidak ada di SKP ini; muat ulang lalu coba lagi.",
                code="RHK_UNKNOWN",
                details={"field": f"targets.{index}.rhk_id"},
            )
        if rhk_id is None:
            rhk_id = new_id()
            while rhk_id in known or rhk_id in seen:
                rhk_id = new_id()
        if rhk_id in seen:
            raise ValidationError(
                "Satu RHK tercantum dua kali.", code="DUPLICATE_RHK", details={"field": f"targets.{index}.rhk_id"}
            )
        seen.add(rhk_id)
        parent = draft.parent_rhk_id
        before = known.get(rhk_id)
        if parent is not None and parent not in parents and (before is None or before.parent_rhk_id != parent):
            raise BusinessRule(
                "RHK atasan yang dipilih tidak ada di SKP atasan Anda yang disetujui untuk tahun ini.",
                code="PARENT_RHK_UNKNOWN",
                details={"field": f"targets.{index}.parent_rhk_id"},
            )
        targets.append(Target(rhk_id, draft.text, draft.kind, draft.indicators, parent))
    return tuple(targets)


def check_target(draft: TargetDraft, index: int) -> None:
    """Lengths and counts (the request model checks them too; the domain holds the rule)."""
    where = f"targets.{index}"
    if not 1 <= len(draft.text) <= MAX_TARGET_TEXT:
        raise ValidationError(
            f"Teks RHK harus 1-{MAX_TARGET_TEXT} karakter.", code="INVALID_TARGET", details={"field": f"{where}.text"}
        )
    if not 1 <= len(draft.indicators) <= MAX_INDICATORS:
        raise ValidationError(
            f"Setiap RHK memiliki 1-{MAX_INDICATORS} indikator.",
            code="INVALID_INDICATORS",
            details={"field": f"{where}.indicators"},
        )
    for number, indicator in enumerate(draft.indicators):
        field = f"{where}.indicators.{number}"
        if not 1 <= len(indicator.text) <= MAX_INDICATOR_TEXT or not 1 <= len(indicator.unit) <= MAX_UNIT:
            raise ValidationError(
                f"Indikator memerlukan teks (1-{MAX_INDICATOR_TEXT} karakter) dan satuan (1-{MAX_UNIT} karakter).",
                code="INVALID_INDICATORS",
                details={"field": field},
            )
        if not indicator.target > 0:
            raise ValidationError(
                "Target indikator harus lebih dari 0.", code="OUT_OF_RANGE", details={"field": f"{field}.target"}
            )


def submit(skp: Skp, *, by: str, penilai_nip: str | None, now: datetime) -> Skp:
    """The owner hands the SKP to the direct supervisor (pejabat penilai, taken now): at least one main RHK."""
    require_owner(skp, by)
    if skp.status not in SUBMITTABLE:
        raise Conflict(
            f"SKP berstatus {STATUS_LABELS[skp.status]}; hanya draf atau SKP yang dikembalikan yang dapat diajukan.",
            code="SKP_NOT_SUBMITTABLE",
            details={"status": skp.status.value},
        )
    if not any(t.kind is RhkKind.UTAMA for t in skp.targets):
        raise BusinessRule("SKP memerlukan sedikitnya satu RHK utama sebelum diajukan.", code="SKP_INCOMPLETE")
    if not penilai_nip:
        raise BusinessRule(
            "Anda belum memiliki atasan langsung; hubungi operator SKPD untuk menetapkannya.", code="NO_SUPERVISOR"
        )
    changes: dict[str, list[Any]] = {"status": [skp.status.value, SkpStatus.SUBMITTED.value]}
    if penilai_nip != skp.penilai_nip:
        changes["penilai_nip"] = [skp.penilai_nip, penilai_nip]
    return replace(
        skp,
        status=SkpStatus.SUBMITTED,
        penilai_nip=penilai_nip,
        submitted_at=now,
        note=None,
        history=(*skp.history, HistoryEntry(now, by, "SUBMITTED", changes)),
    )


def approve(skp: Skp, *, by: str, now: datetime, on_behalf_of: str | None = None) -> tuple[Skp, ApprovedVersion]:
    """The supervisor approves: the working targets become the approved ones, kept as version n + 1."""
    _require_submitted(skp)
    forbid_self_decision(by, skp.nip)
    snapshot = ApprovedVersion(skp.approved_version + 1, now, by, skp.targets)
    entry = decision_entry(now, by, skp.status.value, SkpStatus.APPROVED.value, on_behalf_of=on_behalf_of)
    versions = [skp.approved_version, snapshot.approved_version]
    entry = replace(entry, changes={**entry.changes, "approved_version": versions})
    approved = replace(
        skp,
        status=SkpStatus.APPROVED,
        approved_targets=skp.targets,
        approved_version=snapshot.approved_version,
        note=None,
        history=(*skp.history, entry),
    )
    return approved, snapshot


def return_(skp: Skp, *, by: str, now: datetime, note: str, on_behalf_of: str | None = None) -> Skp:
    """The supervisor returns it with a note (kembalikan); the employee edits and submits again."""
    _require_submitted(skp)
    forbid_self_decision(by, skp.nip)
    entry = decision_entry(now, by, skp.status.value, SkpStatus.RETURNED.value, note=note, on_behalf_of=on_behalf_of)
    return replace(skp, status=SkpStatus.RETURNED, note=note, history=(*skp.history, entry))


def change_penilai(skp: Skp, penilai_nip: str, *, by: str, now: datetime) -> Skp | None:
    """A submitted SKP follows the employee to their new supervisor (None: nothing to move — decided meanwhile,
    or already theirs). Nobody becomes the penilai of their own SKP."""
    if skp.status is not SkpStatus.SUBMITTED or skp.penilai_nip == penilai_nip or penilai_nip == skp.nip:
        return None
    entry = HistoryEntry(now, by, "PENILAI_CHANGED", {"penilai_nip": [skp.penilai_nip, penilai_nip]})
    return replace(skp, penilai_nip=penilai_nip, history=(*skp.history, entry))


def close(skp: Skp, *, by: str, now: datetime) -> Skp:
    """The year's assessment is acknowledged: the SKP is closed ("Selesai") and no longer edited, submitted or
    assessed; its approved targets stay what its reports name. A submission still waiting leaves the queue."""
    entry = HistoryEntry(now, by, "CLOSED", {"status": [skp.status.value, SkpStatus.CLOSED.value]})
    return replace(skp, status=SkpStatus.CLOSED, history=(*skp.history, entry))


def _require_submitted(skp: Skp) -> None:
    if skp.status is not SkpStatus.SUBMITTED:
        raise Conflict(
            f"SKP ini berstatus {STATUS_LABELS[skp.status]}; keputusan ini tidak dapat diberikan.",
            code="ALREADY_DECIDED",
            details={"status": STATUS_LABELS[skp.status]},
        )


def require_owner(skp: Skp, nip: str) -> None:
    if skp.nip != nip:
        raise Forbidden("Hanya pemilik SKP yang dapat mengubah atau mengajukannya.")


def check_version(skp: Skp, version: int) -> None:
    if version != skp.version:
        raise Conflict("SKP ini telah diubah; muat ulang lalu coba lagi.", code="CONFLICT")


# -- what others read from an SKP ---------------------------------------------------------------------


def changes_from_approved(skp: Skp) -> bool:
    """Whether a submitted SKP changes an approved one (the supervisor reads "Perubahan dari versi n")."""
    return skp.approved_version > 0


def approved_target(skp: Skp | None, rhk_id: str) -> Target | None:
    """The RHK ``rhk_id`` among the SKP's approved targets (what a report may reference)."""
    if skp is None:
        return None
    return next((t for t in skp.approved_targets if t.rhk_id == rhk_id), None)


def check_report_rhk(skp: Skp | None, rhk_id: str | None, year: int, *, required: bool) -> Target | None:
    """A report's RHK: one of the approved targets of the employee's SKP of the report's year (seed 004: each
    daily progress names the RHK it serves); required when the SKPD says so."""
    if rhk_id is None:
        if required:
            raise BusinessRule(
                "SKPD Anda mewajibkan setiap laporan memilih RHK dari SKP yang disetujui.",
                code="RHK_REQUIRED",
                details={"field": "rhk_id"},
            )
        return None
    target = approved_target(skp, rhk_id)
    if target is None:
        raise BusinessRule(
            f"RHK tidak ada di SKP Anda yang disetujui untuk tahun {year}.",
            code="RHK_UNKNOWN",
            details={"field": "rhk_id", "year": year},
        )
    return target


@dataclass(frozen=True)
class CascadeChild:
    nip: str
    rhk: Target


def cascade(roots: Iterable[Target], staff: Mapping[str, Skp]) -> list[tuple[Target, list[CascadeChild]]]:
    """The supervisor's approved targets, each with the staff RHK that name it as their parent (the working
    copies: what the staff plan now, approved or not), in the order the targets were written."""
    tree = []
    for root in roots:
        children = [
            CascadeChild(nip, target)
            for nip, skp in staff.items()
            for target in skp.targets
            if target.parent_rhk_id == root.rhk_id
        ]
        tree.append((root, children))
    return tree
