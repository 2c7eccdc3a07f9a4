"""What the supervisor reads on a permission's card (kind ``permission``): the kind, the day written as people
read it, the hours of a keluar kantor in the employee's zone (no line for the other kinds), why, the number."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

from chalicelib.domain.discipline import permissions as rules
from chalicelib.domain.discipline.permissions import PermissionKind, PermissionStatus
from chalicelib.services.decisions.kinds.permission import summary

NIP = "199001152015032001"


def _permission(kind: PermissionKind, start: time | None = None, end: time | None = None) -> rules.Permission:
    day = date(2026, 12, 14)
    return rules.Permission(
        permission_id=rules.permission_id(NIP, day, "a1b2c3d4e5f6"),
        reference="IZN/2026/000123",
        nip=NIP,
        skpd_id="DINKES",
        satker_id="PKM-1",
        kind=kind,
        day=day,
        reason="Mengurus KTP di kantor kecamatan",
        status=PermissionStatus.SUBMITTED,
        submitted_at=datetime(2026, 12, 7, 3, 0, tzinfo=UTC),
        start=start,
        end=end,
    )


def test_a_keluar_kantor_card_names_its_hours_in_the_employees_zone():
    lines = summary(_permission(PermissionKind.IZIN_KELUAR_KANTOR, time(9, 0), time(11, 0)), "WITA")
    assert lines == [
        ("Jenis", "Izin keluar kantor"),
        ("Tanggal", "14 Desember 2026"),
        ("Jam", "09.00–11.00 WITA"),
        ("Alasan", "Mengurus KTP di kantor kecamatan"),
        ("Nomor", "IZN/2026/000123"),
    ]


def test_other_kinds_have_no_hours_line():
    lines = dict(summary(_permission(PermissionKind.IZIN_TIDAK_MASUK), "WIB"))
    assert "Jam" not in lines and lines["Jenis"] == "Izin tidak masuk"


def test_an_id_names_its_employee_and_day_and_nothing_else_is_one():
    pid = rules.permission_id(NIP, date(2026, 12, 14), "a1b2c3d4e5f6")
    assert rules.split_id(pid) == (NIP, date(2026, 12, 14), "a1b2c3d4e5f6")
    others = ("", "x", f"{NIP}.20261214.a1b2c3d4e5f6", f"{NIP}.2026-12-14.A1B2C3D4E5F6", f"{NIP[:-1]}.2026-12-14.abc")
    for other in others:
        assert rules.split_id(other) is None
