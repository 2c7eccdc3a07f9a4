"""How an SKP reads in answers: labels for its status and kinds, people named (not only by NIP)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from ...domain.accounts import Employee
from ...domain.history import history_view
from ...domain.skp import KIND_LABELS, STATUS_LABELS, ApprovedVersion, Skp, Target


def person(nip: str, people: Mapping[str, Employee]) -> dict[str, Any]:
    """``{nip, name, jabatan}``; an account that no longer exists shows its NIP as its name."""
    found = people.get(nip)
    return {"nip": nip, "name": found.name if found else nip, "jabatan": found.jabatan if found else None}


def target_view(target: Target) -> dict[str, Any]:
    return {
        "rhk_id": target.rhk_id,
        "text": target.text,
        "kind": target.kind.value,
        "kind_label": KIND_LABELS[target.kind],
        "parent_rhk_id": target.parent_rhk_id,
        "indicators": [{"text": i.text, "target": i.target, "unit": i.unit} for i in target.indicators],
    }


def targets_view(targets: Iterable[Target]) -> list[dict[str, Any]]:
    return [target_view(t) for t in targets]


def skp_view(skp: Skp, people: Mapping[str, Employee]) -> dict[str, Any]:
    """The `Skp` answer."""
    return {
        "skp_id": skp.skp_id,
        "nip": skp.nip,
        "year": skp.year,
        "status": skp.status.value,
        "status_label": STATUS_LABELS[skp.status],
        "employee": person(skp.nip, people),
        "penilai": person(skp.penilai_nip, people) if skp.penilai_nip else None,
        "targets": targets_view(skp.targets),
        "approved_targets": targets_view(skp.approved_targets),
        "approved_version": skp.approved_version,
        "note": skp.note,
        "history": history_view(skp.history),
        "version": skp.version,
    }


def version_view(version: ApprovedVersion) -> dict[str, Any]:
    return {
        "approved_version": version.approved_version,
        "approved_at": version.approved_at.isoformat(),
        "approved_by": version.approved_by,
        "targets": targets_view(version.targets),
    }


def number(value: float) -> str:
    """A target value as people write it: 12, not 12.0; 2,5 with the Indonesian decimal comma."""
    return str(int(value)) if float(value).is_integer() else f"{value:g}".replace(".", ",")
