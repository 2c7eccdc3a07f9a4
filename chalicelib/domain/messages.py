"""Texts people read (WhatsApp, e-mail), in Bahasa Indonesia."""

from __future__ import annotations

from datetime import date

APP_NAME = "Kinerja"


def account_created_whatsapp(name: str, nip: str, password: str, app_url: str) -> str:
    return (
        f"Halo {name}, akun {APP_NAME} Anda telah dibuat.\n"
        f"Username: {nip}\n"
        f"Kata sandi sementara: {password}\n"
        f"Silakan masuk di {app_url} dan ganti kata sandi Anda saat pertama kali masuk. "
        "Jangan berikan kata sandi ini kepada siapa pun."
    )


def password_reset_whatsapp(name: str, nip: str, password: str, app_url: str) -> str:
    return (
        f"Halo {name}, kata sandi akun {APP_NAME} Anda telah diatur ulang oleh operator.\n"
        f"Username: {nip}\n"
        f"Kata sandi sementara: {password}\n"
        f"Silakan masuk di {app_url} dan segera ganti kata sandi Anda. "
        "Jika Anda tidak meminta pengaturan ulang, hubungi operator SKPD Anda."
    )


def account_created_email(name: str, nip: str, app_url: str) -> tuple[str, str]:
    """Subject and body; the password itself travels only by WhatsApp."""
    return (
        f"Akun {APP_NAME} Anda telah dibuat",
        f"Yth. {name},\n\nAkun {APP_NAME} Anda dengan username {nip} telah dibuat. "
        "Kata sandi sementara telah dikirim ke nomor WhatsApp Anda. "
        f"Silakan masuk di {app_url} dan ganti kata sandi tersebut.\n\nSalam,\nTim {APP_NAME}",
    )


MONTHS = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
]


def indonesian_date(value: date) -> str:
    """``21 November 2026``."""
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def indonesian_number(value: float, max_decimals: int = 2) -> str:
    """A number as Indonesian readers write it: ``1.234``, ``0,75``, ``4,5`` (at most ``max_decimals``, no
    trailing zeros)."""
    text = f"{value:,.{max_decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    if text in ("-0", ""):
        text = "0"
    return text.translate(_SEPARATORS)


_SEPARATORS = str.maketrans({",": ".", ".": ","})


def report_approved(name: str, title: str, day: date, by: str | None, rating: int | None) -> str:
    """To the employee. ``by`` is the supervisor's name, or ``None`` when the system approved it."""
    if by is None:
        return (
            f'Halo {name}, laporan kegiatan Anda "{title}" tanggal {indonesian_date(day)} disetujui otomatis '
            "oleh sistem karena tidak diverifikasi atasan dalam 7 hari."
        )
    rated = f" dengan nilai {rating}/5" if rating else ""
    return (
        f'Halo {name}, laporan kegiatan Anda "{title}" tanggal {indonesian_date(day)} telah disetujui oleh {by}{rated}.'
    )


def report_rejected(name: str, title: str, day: date, by: str, note: str) -> str:
    return (
        f'Halo {name}, laporan kegiatan Anda "{title}" tanggal {indonesian_date(day)} ditolak oleh {by}.\n'
        f"Catatan: {note}\nSilakan salin laporan tersebut, perbaiki, lalu ajukan kembali."
    )


def digest_whatsapp(name: str, count: int, lines: list[str], app_url: str) -> str:
    """To the supervisor: what waits for verification (at most a few lines, then a count)."""
    shown = "\n".join(f"• {line}" for line in lines)
    more = f"\n… dan {count - len(lines)} laporan lainnya." if count > len(lines) else ""
    return (
        f"Halo {name}, ada {count} laporan kegiatan yang menunggu verifikasi Anda:\n{shown}{more}\n"
        f"Silakan verifikasi di {app_url} atau melalui tautan di e-mail Anda."
    )
