"""What the citizen and the officers read about a tracked citizen request (issue 22), in Bahasa Indonesia.

A citizen's message names the request's number and its public status link, never the case or an officer;
officers' messages name the number and the office, and point to the app (the citizen's details stay there).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from .messages import indonesian_date

#: what the citizen collects for each kind of update, as people name the documents, in the order they are listed
_DOCUMENTS = {"KTP": "KTP", "KK": "KK", "AKTA": "akta"}


def documents(updates: Iterable[str]) -> str:
    """The documents the citizen collects, named from the request's update kinds: ``KTP/KK``, ``akta``, …
    (only what was updated; an AKTA-only request never asks for a new KTP)."""
    kinds = {str(u) for u in updates}
    named = [word for kind, word in _DOCUMENTS.items() if kind in kinds]
    return "/".join(named) or "dokumen kependudukan"


def recorded(name: str, office: str, target: str, tracking: str, link: str) -> str:
    return (
        f"Yth. {name}, permohonan Anda telah dicatat oleh {office} dengan nomor {tracking}. "
        f"Setelah perkara selesai dan dokumen lengkap, permohonan diteruskan ke {target} untuk pembaruan data "
        f"kependudukan. Pantau setiap langkahnya di {link}"
    )


def ready(name: str, target: str, tracking: str, link: str) -> str:
    return (
        f"Yth. {name}, perkara Anda telah selesai dan dokumen lengkap. Permohonan {tracking} telah diteruskan ke "
        f"{target} untuk diproses. Pantau di {link}"
    )


def done(name: str, target: str, tracking: str, day: date, link: str, updates: Iterable[str]) -> str:
    return (
        f"Yth. {name}, data kependudukan Anda untuk permohonan {tracking} telah diperbarui oleh {target} pada "
        f"{indonesian_date(day)}. Silakan ambil {documents(updates)} baru Anda di kantor {target} dengan membawa "
        f"bukti identitas dan nomor permohonan ini. Rincian: {link}"
    )


def cancelled(name: str, office: str, tracking: str, link: str) -> str:
    return f"Yth. {name}, permohonan {tracking} telah dibatalkan oleh {office}. Rincian: {link}"


def subject(tracking: str) -> str:
    return f"Permohonan {tracking}"


def to_target(officer: str, origin: str, tracking: str, link: str) -> str:
    return (
        f"Yth. {officer}, {origin} meneruskan permohonan warga {tracking} yang siap diproses (perkara selesai, "
        f"dokumen lengkap). Buka Persetujuan di {link}"
    )


def returned(officer: str, target: str, tracking: str, reason: str, link: str) -> str:
    return (
        f"Yth. {officer}, {target} mengembalikan permohonan warga {tracking} dengan alasan: {reason}. "
        f"Lengkapi lalu tandai siap lagi, atau batalkan, di {link}"
    )
