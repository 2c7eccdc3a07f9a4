"""The service catalogue of an SKPD: the information types its PTSP desk answers (seed 003 §3).

Kept by the SKPD's public-service officers (`Role.LAYANAN`); read by the desk (the greeting a visitor gets
by WhatsApp) and by the WhatsApp auto-reply (the menu, the requirements, answers found by keyword).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class InformationType:
    """One information type, e.g. "Syarat gugatan cerai": what to bring and what happens next.

    ``keywords`` are lower-case words a citizen may write to mean this type; ``active`` False hides it from
    the desk and the menu without losing past requests that name it; ``version`` guards concurrent edits.
    """

    skpd_id: str
    type_id: str
    name: str
    requirements: tuple[str, ...]
    procedure: str
    keywords: tuple[str, ...] = ()
    active: bool = True
    order: int = 0
    version: int = 0
