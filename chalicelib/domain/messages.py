"""Texts people read (WhatsApp, e-mail), in Bahasa Indonesia."""

from __future__ import annotations

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
