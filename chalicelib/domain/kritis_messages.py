"""What Kritis (issue 22) tells people, in Bahasa Indonesia: the office's officers and leadership by WhatsApp, and
the citizen who left a contact. The citizen's messages never repeat their description (a message may be read by
someone else on a shared phone); officers read it in the app."""

from __future__ import annotations

from datetime import date

from .attendance import local_now
from .kritis import KIND_LABELS, Kritis
from .messages import indonesian_date


def status_link(app_url: str, tracking: str) -> str:
    """The public status page of an item (the citizen's link, the filing's answer)."""
    return f"{app_url}/kritis/{tracking}"


def office_link(app_url: str, item: Kritis) -> str:
    """The officers' page opened on the item itself, in the state it waits in (`KritisOfficePage.vue` reads both)."""
    return f"{app_url}/kritis-saran?status={item.state.value}&no={item.tracking}"


def filed_for_officer(name: str, item: Kritis, skpd: str, app_url: str) -> str:
    return (
        f"Yth. {name},\n"
        f"Kritik/saran baru untuk {skpd}: {KIND_LABELS[item.kind]} (nomor {item.tracking}).\n"
        f"Teruskan ke pimpinan dengan ringkasan, atau tutup bila tidak relevan: {office_link(app_url, item)}"
    )


def forwarded_for_leader(name: str, item: Kritis, summary: str, app_url: str) -> str:
    return (
        f"Yth. {name},\n"
        f"Petugas layanan meneruskan kritik/saran {item.tracking} ({KIND_LABELS[item.kind]}) kepada Anda.\n"
        f"Ringkasan: {summary}\n"
        f"Tetapkan tindakannya di Persetujuan: {app_url}/persetujuan"
    )


def decided_for_officer(name: str, item: Kritis, action: str, app_url: str) -> str:
    return (
        f"Yth. {name},\n"
        f"Pimpinan telah memutuskan tindakan atas kritik/saran {item.tracking}: {action}\n"
        f"Catat tindak lanjutnya: {office_link(app_url, item)}"
    )


def reminder_for_leader(name: str, item_tracking: str, since: date, days: int, app_url: str) -> str:
    return (
        f"Yth. {name},\n"
        f"Kritik/saran {item_tracking} menunggu keputusan Anda sejak {indonesian_date(since)} "
        f"({days} hari atau lebih).\n"
        f"Tetapkan tindakannya di Persetujuan: {app_url}/persetujuan"
    )


def unforwarded_for_leader(name: str, item: Kritis, days: int, app_url: str) -> str:
    """An item the officers have neither forwarded nor closed for ``days`` days: leadership is told too, so no
    complaint is left unanswered because nobody passed it on."""
    since = indonesian_date(local_now(item.filed_at, "Asia/Jakarta").date())
    return (
        f"Yth. {name},\n"
        f"Kritik/saran {item.tracking} ({KIND_LABELS[item.kind]}) diterima sejak {since} "
        f"dan belum diteruskan petugas layanan ({days} hari atau lebih).\n"
        f"Lihat: {office_link(app_url, item)}"
    )


def followed_up_for_citizen(item: Kritis, app_url: str) -> str:
    return (
        f"Kritik/saran Anda nomor {item.tracking} telah ditindaklanjuti.\n"
        f"Tindak lanjut: {item.follow_up}\n"
        f"Rinciannya: {status_link(app_url, item.tracking)}"
    )


CITIZEN_SUBJECT = "Kritik dan saran Anda"
