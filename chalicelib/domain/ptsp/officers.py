"""Who keeps an SKPD's PTSP catalogue and works its desk: its public-service officers (`Role.LAYANAN`) and the
admin. An officer of another SKPD is refused before anything of this SKPD is read (403, nothing revealed)."""

from __future__ import annotations

from ..accounts import Actor, Role
from ..errors import Forbidden

_OWN_OFFICE_ONLY = "Hanya petugas layanan publik SKPD ini yang dapat membuka katalog dan meja layanan PTSP."


def require_ptsp_officer(actor: Actor, skpd_id: str) -> None:
    if actor.is_admin:
        return
    if actor.has(Role.LAYANAN) and actor.skpd_id == skpd_id:
        return
    raise Forbidden(_OWN_OFFICE_ONLY)
