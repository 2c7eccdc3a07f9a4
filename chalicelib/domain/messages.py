"""Texts people read (WhatsApp, e-mail), in Bahasa Indonesia."""

from __future__ import annotations

from datetime import date, time

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


#: what each one-time code is for, in the words of its message
_CODE_USES = {
    "SIGN_IN": "masuk ke",
    "PASSWORD_RESET": "mengatur ulang kata sandi",
}


def one_time_code_text(name: str, purpose: str, code: str) -> str:
    """A one-time code's WhatsApp message (and e-mail body): what it is for, how long it lasts, never to share."""
    return (
        f"Halo {name}, kode untuk {_CODE_USES[purpose]} akun {APP_NAME} Anda:\n"
        f"Kode: {code}\n"
        "Kode berlaku 5 menit dan hanya dapat dipakai sekali. Jangan berikan kode ini kepada siapa pun, "
        "termasuk petugas. Jika Anda tidak memintanya, abaikan pesan ini."
    )


def one_time_code_subject(purpose: str) -> str:
    return f"Kode masuk {APP_NAME}" if purpose == "SIGN_IN" else f"Kode atur ulang kata sandi {APP_NAME}"


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
    """``21 November 2026``: the one way every server message, letter and document names a date (an ISO date is
    for machines: it stays in ``details`` and in the JSON fields, never in a sentence a person reads)."""
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def date_span(start: date, end: date) -> str:
    """``1 Desember 2026`` or ``1 Desember 2026 s.d. 4 Desember 2026``."""
    return indonesian_date(start) if start == end else f"{indonesian_date(start)} s.d. {indonesian_date(end)}"


def clock_time(value: time, zone: str | None = None) -> str:
    """``08.00 WIB``: the hour as the screens write it, with the employee's zone when it is known."""
    return f"{value:%H.%M}" + (f" {zone}" if zone else "")


def time_span(start: time, end: time, zone: str | None = None) -> str:
    """``08.00–10.00 WIB`` (an en dash between the two times, the zone once at the end)."""
    return f"{start:%H.%M}–{end:%H.%M}" + (f" {zone}" if zone else "")


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


def complaint_approved(name: str, reference: str, kind: str, day: date, session: str, by: str) -> str:
    """To the employee: the day now counts as attended, so the report of that day can be filed."""
    return (
        f"Halo {name}, pengaduan presensi Anda {reference} ({kind}, {indonesian_date(day)}, sesi {session}) "
        f"telah disetujui oleh {by}. Tanggal tersebut kini tercatat hadir; silakan isi laporan kegiatan Anda."
    )


def complaint_rejected(name: str, reference: str, kind: str, day: date, session: str, by: str, note: str) -> str:
    return (
        f"Halo {name}, pengaduan presensi Anda {reference} ({kind}, {indonesian_date(day)}, sesi {session}) "
        f"ditolak oleh {by}.\nCatatan: {note}\n"
        "Anda dapat mengajukan pengaduan baru untuk tanggal dan sesi tersebut dengan surat tugas yang benar."
    )


def complaint_digest_whatsapp(name: str, skpd: str, count: int, lines: list[str], app_url: str) -> str:
    """To an HR officer: the complaints of their SKPD that wait for verification (a few lines, then a count)."""
    shown = "\n".join(f"• {line}" for line in lines)
    more = f"\n… dan {count - len(lines)} pengaduan lainnya." if count > len(lines) else ""
    return (
        f"Halo {name}, ada {count} pengaduan presensi pegawai {skpd} yang menunggu verifikasi Anda:\n"
        f"{shown}{more}\nSilakan verifikasi di {app_url}."
    )


# -- career records (riwayat) ----------------------------------------------------------------------------------


def record_approved(name: str, kind: str, subject: str, by: str) -> str:
    """To the employee. ``kind`` is the record's kind in words ("riwayat sertifikasi")."""
    return f'Halo {name}, {kind} Anda "{subject}" telah disetujui oleh {by}.'


def record_rejected(name: str, kind: str, subject: str, by: str, note: str) -> str:
    return (
        f'Halo {name}, {kind} Anda "{subject}" ditolak oleh {by}.\nCatatan: {note}\n'
        "Silakan perbaiki data atau dokumennya lalu kirim kembali."
    )


def permission_decided(
    name: str, what: str, reference: str, day: date, approved: bool, by: str, note: str | None
) -> str:
    """To the employee: their izin (``what``: "izin pulang cepat") decided by the supervisor or a delegate."""
    outcome = "disetujui" if approved else "ditolak"
    text = f"Halo {name}, {what} Anda ({reference}) untuk {indonesian_date(day)} {outcome} oleh {by}."
    return text + (f"\nCatatan: {note}" if note else "")


def record_revoked(name: str, kind: str, subject: str, by: str, reason: str) -> str:
    """ "Batal disetujui": an approval taken back; the employee corrects the record."""
    return (
        f'Halo {name}, persetujuan {kind} Anda "{subject}" dibatalkan oleh {by} (Batal disetujui).\n'
        f"Alasan: {reason}\nSilakan perbaiki data atau dokumennya lalu kirim kembali."
    )


# -- leave (cuti) -----------------------------------------------------------------------------------------------


def leave_span(start: date, end: date) -> str:
    """``1 Desember 2026`` or ``1 Desember 2026 s.d. 4 Desember 2026``."""
    return date_span(start, end)


def leave_waiting(
    name: str, employee: str, kind: str, start: date, end: date, days: int, step: str, app_url: str
) -> str:
    """To the supervisor (``step`` "pertimbangan") or the granting official ("keputusan")."""
    return (
        f"Halo {name}, permohonan {kind} dari {employee} ({leave_span(start, end)}, {days} hari kerja) "
        f"menunggu {step} Anda. Silakan tinjau di {app_url} atau melalui tautan di e-mail Anda."
    )


def leave_to_number(name: str, employee: str, kind: str, start: date, end: date, app_url: str) -> str:
    """To the numbering officers of the SKPD."""
    return (
        f"Halo {name}, permohonan {kind} dari {employee} ({leave_span(start, end)}) telah disetujui dan "
        f"menunggu nomor surat. Silakan beri nomor di {app_url}."
    )


def leave_numbered(name: str, kind: str, start: date, end: date, number: str, app_url: str) -> str:
    """To the employee: the leave may be taken; the letter can be downloaded."""
    return (
        f"Halo {name}, permohonan {kind} Anda ({leave_span(start, end)}) telah disetujui dengan nomor surat "
        f"{number}. Cuti dapat dilaksanakan sesuai tanggal tersebut; unduh surat cuti Anda di {app_url}."
    )


def leave_refused(name: str, kind: str, start: date, end: date, verdict: str, by: str, note: str) -> str:
    """To the employee: not approved, or deferred (ditangguhkan), with the reason."""
    return (
        f"Halo {name}, permohonan {kind} Anda ({leave_span(start, end)}) {verdict.lower()} oleh {by}.\nAlasan: {note}"
    )


def leave_cancelled(name: str, kind: str, start: date, end: date, by: str, reason: str, number: str | None) -> str:
    """To the employee: an approved leave cancelled by HR or the official (its number stays, marked cancelled)."""
    numbered = f" (nomor surat {number}, kini ditandai batal)" if number else ""
    return f"Halo {name}, {kind} Anda ({leave_span(start, end)}){numbered} dibatalkan oleh {by}.\nAlasan: {reason}"


# -- SKP and the quarterly assessment (issue 19) ------------------------------------------------------------------


def acting_for(by: str, for_name: str | None) -> str:
    """``Budi Santoso`` or, when a delegate acted, ``Budi Santoso atas nama Ir. Hadi`` (a.n. the penilai)."""
    return f"{by} atas nama {for_name}" if for_name else by


def skp_submitted(name: str, employee: str, year: int, revision: bool, link: str) -> str:
    """To the pejabat penilai: an SKP (or a change of an approved one) waits for approval."""
    what = f"perubahan SKP {year}" if revision else f"SKP {year}"
    return (
        f"Halo {name}, {employee} mengajukan {what} untuk disetujui. "
        f"Silakan tinjau, lalu setujui atau kembalikan dengan catatan di {link}."
    )


def skp_submitted_subject(employee: str, year: int, revision: bool) -> str:
    return f"{'Perubahan SKP' if revision else 'SKP'} {year} {employee} menunggu persetujuan Anda"


def skp_approved(name: str, year: int, by: str, link: str) -> str:
    """To the employee: the targets may now be chosen in reports."""
    return (
        f"Halo {name}, SKP {year} Anda telah disetujui oleh {by}. "
        f"RHK di dalamnya kini dapat dipilih pada laporan kegiatan. Lihat SKP Anda di {link}."
    )


def skp_returned(name: str, year: int, by: str, note: str, link: str) -> str:
    """To the employee: returned with the penilai's note, to be corrected and submitted again."""
    return (
        f"Halo {name}, SKP {year} Anda dikembalikan oleh {by} untuk diperbaiki.\n"
        f"Catatan: {note}\nSilakan perbaiki lalu ajukan kembali di {link}."
    )


def quarter_words(year: int, quarter: int) -> str:
    """``triwulan III 2026``: a quarter inside a sentence."""
    return f"triwulan {('I', 'II', 'III', 'IV')[quarter - 1]} {year}"


def assessment_recorded(name: str, year: int, quarter: int, by: str, predicate: str, link: str) -> str:
    """To the employee: the quarter's assessment waits to be read and acknowledged."""
    return (
        f"Halo {name}, penilaian {quarter_words(year, quarter)} atas SKP Anda telah diisi oleh {by}; predikat kinerja: "
        f"{predicate}. Silakan baca dan konfirmasi di {link}."
    )


def assessment_acknowledged(name: str, employee: str, year: int, quarter: int, closed: bool, link: str) -> str:
    """To the penilai: the employee has read the assessment; the fourth quarter's closes the year's SKP."""
    text = f"Halo {name}, {employee} telah membaca dan mengonfirmasi penilaian {quarter_words(year, quarter)}."
    if closed:
        text += f" Dengan itu SKP {year} {employee} selesai dinilai dan ditutup."
    return f"{text} Lihat di {link}."
