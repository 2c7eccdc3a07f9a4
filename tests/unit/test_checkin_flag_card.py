"""How a flagged check-in shows in HR's queue (kind ``checkin_flag``): its time in the employee's own zone, the
reasons and the move in words, what was measured, and the selfie as a file only when one was taken."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

from chalicelib.domain.attendance import Session
from chalicelib.domain.checkin_guard import CheckInFlag, Travel
from chalicelib.domain.identity import TimeZone
from chalicelib.services.checkin_flags import CheckInFlagService, summary
from chalicelib.services.decisions.kinds.checkin_flags import CheckInFlagDecisions
from chalicelib.store.memory.attendance import InMemoryAttendanceRepository
from chalicelib.store.memory.checkin_flags import InMemoryCheckInFlags

NIP = "198503152010011001"
FLAG = CheckInFlag(
    NIP,
    "SKPD-1",
    "SAT-1",
    date(2026, 12, 7),
    Session.SORE,
    datetime(2026, 12, 7, 8, 5, tzinfo=UTC),
    ("IMPOSSIBLE_TRAVEL", "UNKNOWN_DEVICE"),
    distance_m=1250,
    accuracy_m=18,
    travel=Travel(date(2026, 12, 7), Session.PAGI, 312_400.0, 1500.0, 749.8),
)


class _Person:
    timezone = TimeZone.WITA


def test_the_card_reads_in_words_in_the_employee_s_zone():
    assert summary(FLAG, TimeZone.WITA) == [
        ("Tanggal", "7 Desember 2026"),
        ("Sesi", "sore (pulang), 16.05 WITA"),
        ("Alasan", "Perpindahan lokasi yang mustahil sejak presensi sebelumnya; Perangkat tidak terdaftar"),
        ("Perpindahan", "312,4 km dalam 25 menit (750 km/jam) sejak presensi pagi (masuk) 7 Desember 2026"),
        ("Jarak dari kantor", "1.250 m"),
        ("Akurasi GPS", "18 m"),
    ]


def test_the_selfie_is_a_file_of_the_card_only_when_one_was_taken():
    flags = InMemoryCheckInFlags(InMemoryAttendanceRepository())
    service = CheckInFlagService(flags, lambda key: f"https://bucket/{key}?signed")
    kind = CheckInFlagDecisions(service, flags)
    plain, with_selfie = FLAG, replace(FLAG, selfie_key=f"selfies/{NIP}/2026-12-07/SORE-ab12.png")
    cards = kind.cards([plain, with_selfie], {NIP: _Person()})  # type: ignore[dict-item]
    assert cards[0].files == [] and cards[0].detail["selfie_url"] is None
    assert cards[1].files == [
        {"label": "Swafoto", "filename": "swafoto.png", "url": f"https://bucket/{with_selfie.selfie_key}?signed"}
    ]
    assert (cards[1].item_id, cards[1].title) == (f"{NIP}.2026-12-07.SORE", "Presensi ditandai: sore (pulang)")
    assert cards[1].detail["time"] == "16.05 WITA" and cards[1].detail["travel"]["speed_kmh"] == 750
