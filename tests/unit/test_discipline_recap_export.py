"""The monthly discipline recap as an export (services/discipline_recap.py, documents/discipline_recap.py) over the
in-memory twins: who may ask for which scope, the Excel and the PDF of an open month, a closed month's frozen rows
with a correction, an SKPD with one satker closed and one not."""

from __future__ import annotations

import io
from datetime import date, time
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from chalicelib.domain.accounts import Employee, Role
from chalicelib.domain.discipline import MonthKey, close_month, correct
from chalicelib.domain.errors import Forbidden, ValidationError
from chalicelib.domain.identity import TimeZone
from chalicelib.domain.organisation import Satker, Skpd
from tests.support import make_nip, make_whatsapp, payload
from tests.unit.world import SATKER, SKPD, Clock, World, actor, at

NOVEMBER = MonthKey(2026, 11)
OTHER = "PKM-DESA"


@pytest.fixture
def world() -> World:
    made = World(Clock(at("2026-12-07 03:00")))  # Monday 10.00 WIB: November is over
    made.org.save_skpd(Skpd(SKPD, "Dinas Kesehatan", TimeZone.WIB, city="Bandung"))
    made.org.save_satker(Satker(SKPD, SATKER, "Puskesmas Kota", TimeZone.WIB))
    made.org.save_satker(Satker(SKPD, OTHER, "Puskesmas Desa", TimeZone.WIB))
    return made


@pytest.fixture
def office(world):
    hr = _employee(world, "Rina Kepegawaian", SATKER, jabatan="Kepala Subbagian Kepegawaian")
    budi = world.person(name="Budi")
    ani = world.person(name="Ani", supervisor=budi)
    for n in range(2, 31):  # every day of November: Budi on time but 12 minutes late on the 2nd
        day = NOVEMBER.first.replace(day=n)
        if day.weekday() < 5:
            check_in = time(7, 42) if n == 2 else time(7, 30)
            world.attendance.upsert_sync(budi.nip, day, check_in, time(16, 30), (SKPD, SATKER))
            ani_times = (time(9, 0), None) if n == 3 else (time(7, 30), time(16, 30))
            world.attendance.upsert_sync(ani.nip, day, *ani_times, (SKPD, SATKER))
    return {"hr": hr, "budi": budi, "ani": ani}


def _employee(world, name: str, satker: str, jabatan: str = "Bidan") -> Employee:
    return world.employees.add(
        Employee(make_nip(), name, jabatan, SKPD, satker, make_whatsapp(), TimeZone.WIB, must_change_password=False)
    )


def _ask(world, who, roles=(Role.KEPEGAWAIAN,), **body) -> dict:
    """The request's stored form, as `ExportService.request` keeps it for the worker (the queue and the job store
    are the integration tests')."""
    request = {"kind": "discipline", "format": "pdf", "period": "month", "month": "2026-11", **body}
    request.setdefault("scope", {"type": "satker", "satker_id": SATKER})
    stored = world.services.discipline_recap.scope(actor(who, *roles), payload("ExportRequest", request))
    return {"kind": "discipline", "format": request["format"], "month": "2026-11", **stored}


def _file(world, who, roles=(Role.KEPEGAWAIAN,), **body) -> bytes:
    data, name = world.services.discipline_recap.build(who, _ask(world, who, roles, **body), date(2026, 12, 7))
    assert name.startswith("rekap-disiplin-") and name.endswith(f"-2026-11.{body.get('format', 'pdf')}")
    return data


def _text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_an_open_month_as_excel_and_pdf(world, office):
    book = load_workbook(io.BytesIO(_file(world, office["hr"], format="xlsx")))
    sheet = book["Rekap disiplin"]
    header = [c.value for c in sheet[1]]
    rows = {r[1]: dict(zip(header, r, strict=True)) for r in sheet.iter_rows(min_row=2, values_only=True) if r[0]}
    ani, budi = rows[office["ani"].nip], rows[office["budi"].nip]
    assert (budi["Hari kerja"], budi["Hari hadir"], budi["TL1"], budi["Menit terlambat"]) == (21, 21, 1, 12)
    assert budi["Potongan TPP (%)"] == 0.5 and budi["Status bulan"] == "Belum ditutup"
    # 3 November: 90 minutes late and no check-out
    assert (ani["TL3"], ani["PSW4"], ani["Menit terlambat"], ani["Potongan TPP (%)"]) == (1, 1, 90, 2.75)
    assert ani["Hadir tanpa laporan disetujui"] == 21 and ani["Angka dikoreksi"] is None
    assert [r[0] for r in sheet.iter_rows(min_row=2, max_row=3, values_only=True)] == [1, 2]
    assert sheet.cell(2, 3).value == "Ani"  # by name
    notes = [r[0] for r in sheet.iter_rows(min_row=5, values_only=True) if r[0] and isinstance(r[0], str)]
    assert "Rekapitulasi Disiplin dan Kinerja Bulan November 2026 — Puskesmas Kota." in notes
    assert "Belum ditutup — angka dapat berubah: bulan ini belum ditutup oleh petugas kepegawaian." in notes
    assert book["Koreksi"].max_row == 1

    text = _text(_file(world, office["hr"]))
    assert "Rekapitulasi Disiplin dan Kinerja Bulan November 2026" in text and "DINAS KESEHATAN" in text
    assert "Belum ditutup — angka dapat berubah" in text and "Koreksi setelah bulan ditutup" not in text
    assert "Rina Kepegawaian" in text and "Kepala Subbagian Kepegawaian" in text and "Bandung, 7 Desember 2026" in text
    assert "Posisi per" not in text  # the month is over


def test_a_closed_month_prints_the_frozen_rows_and_its_corrections(world, office):
    hr = office["hr"]
    rows = world.services.discipline_month.rows(SKPD, SATKER, NOVEMBER)
    people = {r.employee.nip: (r.employee.name, r.employee.jabatan) for r in rows}
    closed = close_month(
        SATKER, NOVEMBER, [r.figures for r in rows], by=hr.nip, at=world.clock.now, zone=TimeZone.WIB, people=people
    )
    store = world.repositories.closed_months
    closed = store.close(SKPD, closed, [])
    fixed = correct(
        closed,
        nip=office["ani"].nip,
        field="deduction_percent",
        new=Decimal("1.25"),
        reason="Surat keterangan dokter menyusul",
        by=hr.nip,
        at=at("2026-12-07 03:30"),
    )
    store.correct(SKPD, fixed, [])
    # a check-in after the closing changes nothing in the recap
    world.attendance.upsert_sync(office["budi"].nip, NOVEMBER.first.replace(day=2), time(7, 0), None, (SKPD, SATKER))

    book = load_workbook(io.BytesIO(_file(world, hr, format="xlsx")))
    sheet = book["Rekap disiplin"]
    header = [c.value for c in sheet[1]]
    got = {r[1]: dict(zip(header, r, strict=True)) for r in sheet.iter_rows(min_row=2, values_only=True) if r[0]}
    ani = got[office["ani"].nip]
    assert (ani["Potongan TPP (%)"], ani["Angka dikoreksi"], ani["Status bulan"]) == (
        1.25,
        "Potongan TPP (%)",
        "Ditutup",
    )
    assert got[office["budi"].nip]["TL1"] == 1
    fixes = list(book["Koreksi"].iter_rows(min_row=2, values_only=True))
    assert [(f[1], f[4], f[5], f[6], f[8], f[9]) for f in fixes] == [
        (office["ani"].nip, "Potongan TPP (%)", 2.75, 1.25, "Surat keterangan dokter menyusul", "Rina Kepegawaian")
    ]
    assert fixes[0][11] == "7 Desember 2026 10.30 WIB"

    text = _text(_file(world, hr))
    assert "Ditutup 7 Desember 2026 oleh Rina Kepegawaian" in text and "Belum ditutup" not in text
    assert "Koreksi setelah bulan ditutup" in text and "Surat keterangan dokter menyusul" in text
    assert "1,25*" in text and "2,75" in text


def test_an_skpd_with_one_satker_closed_and_one_open(world, office):
    desa = _employee(world, "Citra", OTHER)
    rows = world.services.discipline_month.rows(SKPD, SATKER, NOVEMBER)
    closed = close_month(SATKER, NOVEMBER, [r.figures for r in rows], by=office["hr"].nip, at=world.clock.now,
                         zone=TimeZone.WIB)  # fmt: skip
    world.repositories.closed_months.close(SKPD, closed, [])
    text = _text(_file(world, office["hr"], scope={"type": "skpd"}))
    assert "Belum ditutup — angka dapat berubah (1 dari 2 satker)" in text
    assert "Satker yang belum ditutup: Puskesmas Desa." in text
    assert desa.nip in text and "Puskesmas Desa" in text and "Puskesmas Kota" in text
    assert "Seluruh SKPD" not in text


def test_who_may_ask_for_which_scope(world, office):
    hr, budi = office["hr"], office["budi"]
    world.org.save_skpd(Skpd("DISDIK", "Dinas Pendidikan", TimeZone.WIB))
    refused = {
        "a supervisor": lambda: _ask(world, budi, (Role.ATASAN,)),
        "HR of another SKPD": lambda: _ask(world, hr, scope={"type": "skpd", "skpd_id": "DISDIK"}),
        "every SKPD for HR": lambda: _ask(world, hr, scope={"type": "all"}),
    }
    for what, call in refused.items():
        with pytest.raises(Forbidden):
            call()
            pytest.fail(f"{what} was allowed")
    assert _ask(world, hr, (Role.BKD,), scope={"type": "all"})["scope"] == "all"
    assert _ask(world, hr, (Role.ADMIN,), scope={"type": "skpd", "skpd_id": "DISDIK"})["skpd_id"] == "DISDIK"
    for body, code in (
        ({"scope": {"type": "subordinates"}}, "INVALID_SCOPE"),
        ({"period": "range", "from": "2026-11-01", "to": "2026-11-30"}, "INVALID_PERIOD"),
    ):
        with pytest.raises(ValidationError) as bad:
            _ask(world, hr, **body)
        assert bad.value.code == code


def test_every_skpd_for_bkd_goes_satker_by_satker(world, office):
    text = _text(_file(world, office["hr"], (Role.BKD,), scope={"type": "all"}))
    assert "Seluruh SKPD" in text and office["ani"].nip in text and "Puskesmas Kota" in text
    assert "(2 dari 2 satker)" in text


def test_the_documents_from_rows_made_by_hand():
    """Every figure has its column in the Excel; the PDF marks a corrected figure and sums leave and izin."""
    from datetime import datetime

    from chalicelib.documents.discipline_recap import (
        CorrectionLine,
        RecapLine,
        discipline_document,
        discipline_workbook,
    )
    from chalicelib.documents.pdf import render
    from chalicelib.domain.discipline import Correction, MonthlyFigures

    figures = MonthlyFigures(
        nip="199001012020121001",
        month=NOVEMBER,
        working_days=21,
        days_attended=17,
        days_absent=1,
        official_duty_days=2,
        leave_days={"TAHUNAN": 2, "SAKIT": 1},
        permissions={"IZIN_TERLAMBAT": 1},
        marks={"TL1": 2, "TL2": 0, "TL3": 0, "TL4": 1, "PSW1": 0, "PSW2": 1, "PSW3": 0, "PSW4": 0},
        late_minutes=25,
        early_minutes=45,
        reports_filed=16,
        reports_approved=14,
        reports_rejected=1,
        reports_auto_approved=3,
        attended_without_approved_report=3,
        deduction_percent=Decimal("6.50"),
    )
    line = RecapLine(figures.nip, "Dewi", "Bidan", "Puskesmas Kota", True, figures, frozenset({"marks.TL4"}))
    fix = Correction(figures.nip, "marks.TL4", 2, 1, "Mesin presensi rusak pagi itu", "hr", at("2026-12-02 03:00"))
    when = datetime(2026, 12, 2, 10, 0)
    fixes = [CorrectionLine(fix, "Dewi", "Puskesmas Kota", "Rina", when, "WIB")]
    book = load_workbook(
        io.BytesIO(
            discipline_workbook(
                unit="Puskesmas Kota", month=NOVEMBER, lines=[line], corrections=lambda: fixes, notes=lambda: []
            )
        )
    )
    header = [c.value for c in book["Rekap disiplin"][1]]
    row = dict(zip(header, [c.value for c in book["Rekap disiplin"][2]], strict=True))
    assert (row["Cuti Tahunan"], row["Cuti Sakit"], row["Cuti Besar"], row["Izin terlambat"]) == (2, 1, 0, 1)
    assert (row["TL1"], row["TL4"], row["PSW2"], row["Laporan disetujui otomatis"]) == (2, 1, 1, 3)
    assert (row["Angka dikoreksi"], row["Status bulan"]) == ("Terlambat (TL4)", "Ditutup")
    assert [c.value for c in book["Koreksi"][2]][4:7] == ["Terlambat (TL4)", 2, 1]

    hr = Employee("197001011995031001", "Rina", "Kepala Subbagian Kepegawaian", SKPD, SATKER, "62811", TimeZone.WIB)
    document = discipline_document(
        instansi="Dinas Kesehatan",
        unit="Puskesmas Kota",
        month=NOVEMBER,
        lines=[line],
        corrections=lambda: fixes,
        status=lambda: ("Ditutup 2 Desember 2026 oleh Rina", []),
        signer=hr,
        place="Bandung",
        today=date(2026, 12, 7),
        as_of=lambda: None,
        with_satker=False,
    )
    # No, NIP/Nama, Jabatan, HK, Hadir, TK, DL, Cuti (3), Izin (1), TL1..TL4 with TL4 corrected, …, Laporan, TLD
    assert document.rows[0][3:13] == ["21", "17", "1", "2", "3", "1", "2", "0", "0", "1*"]
    assert document.rows[0][-3:] == ["16/14/1/3", "3", "6,5"]
    text = _text(render(document))
    assert "Koreksi setelah bulan ditutup" in text and "Mesin presensi rusak pagi itu" in text
