"""The monthly discipline recap over HTTP (issue 20): a month of mixed attendance — late, early, on time, a sick
leave, an izin asked for and approved by the supervisor, official duty through an approved complaint, reports
approved, rejected and approved by the system, days missing — gives the expected rows in the Excel and the PDF
the export worker builds; who may ask for which scope.

The app's clock is the test's (`services_with`): November 2026 is lived through (the izin and the complaint are
asked for within their windows, the sweep approves a report after 7 days), then the recap is made in December.
"""

from __future__ import annotations

import io
from datetime import UTC, date, datetime

import pytest
import requests
from openpyxl import load_workbook
from pypdf import PdfReader

from tests.integration.test_complaints import _file as file_complaint
from tests.support import attend, decide, report_body

MONTH = "2026-11"
ON_TIME = {4: "16:30"}  # Friday ends at 16.30 (Perpres 21/2023), Monday–Thursday at 16.00


def nov(day: int) -> date:
    return date(2026, 11, day)


def _weekdays() -> list[date]:
    return [nov(n) for n in range(1, 31) if nov(n).weekday() < 5]


def _on_time(nip: str, day: date, check_out: str | None = None) -> None:
    attend(nip, day, "07:30", check_out or ON_TIME.get(day.weekday(), "16:00"))


def _leave(nip: str, skpd: tuple[str, str], day: date) -> None:
    """An approved sick leave holding ``day`` (the leave's own flow is tests/integration/test_leave.py's)."""
    from chalicelib.domain.leave import LeaveCalendar, LeaveRequest, LeaveStatus, LeaveType
    from chalicelib.store.leave import DynamoLeaveRepository

    leave = LeaveRequest(
        leave_id=f"L{nip}{day:%Y%m%d}",
        nip=nip,
        skpd_id=skpd[0],
        satker_id=skpd[1],
        leave_type=LeaveType.SAKIT,
        reason="Demam berdarah, surat dokter terlampir",
        start=day,
        end=day,
        working_days=1,
        address="Jl. Merdeka 1",
        phone="081234567890",
        supervisor_nip=nip,
        official_nip=nip,
        status=LeaveStatus.APPROVED,
        applied_at=datetime(2026, 11, 3, tzinfo=UTC),
    )
    DynamoLeaveRepository().create(leave, LeaveCalendar(nip), {})


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def month(http, factory, services_with):
    """A satker lived through November 2026 (see the module's docstring); the clock ends on 2 December."""
    clock = Clock(datetime(2026, 11, 20, 3, 0, tzinfo=UTC))  # Friday 10.00 WIB
    services = services_with(clock=clock)
    skpd = factory.skpd()
    boss = factory.employee(skpd, name="Kepala Puskesmas")
    hr = factory.employee(skpd, roles=("KEPEGAWAIAN",), name="Rina Kepegawaian")
    ani, budi, citra = (factory.employee(skpd, supervisor=boss, name=n) for n in ("Ani", "Budi", "Citra"))
    for day in _weekdays():
        _on_time(boss, day)
        _on_time(hr, day)
        if day == nov(2):
            attend(budi, day, "07:42", "16:00")  # 12 minutes late: TL1
        elif day == nov(3):
            attend(budi, day, "07:30", "15:00")  # an hour early: PSW2
        else:
            _on_time(budi, day)
        if day == nov(24):
            attend(ani, day, "07:30", "14:00")  # early, with an approved izin pulang cepat
        elif day != nov(4):  # on sick leave
            _on_time(ani, day)
        if day <= nov(24):
            _on_time(citra, day)  # then official duty on the 25th and nothing after
    _leave(ani, skpd, nov(4))

    # 20 November: Citra reports; nobody decides, so the sweep approves it 7 days later
    citra_token = http.login(citra)
    assert http.call("POST", "/reports", report_body(nov(20)), token=citra_token)[0] == 201
    clock.now = datetime(2026, 11, 27, 4, 0, tzinfo=UTC)  # Friday 11.00 WIB
    assert services.verification.auto_approve(lambda *a, **k: None)["approved"] >= 1  # others' old ones too

    tokens = {nip: http.login(nip) for nip in (boss, hr, ani, budi)}
    citra_token = http.login(citra)
    # Ani asks for an izin pulang cepat for the 24th; her supervisor approves it
    status, izin = http.call(
        "POST",
        "/permissions",
        {"kind": "IZIN_PULANG_CEPAT", "date": "2026-11-24", "reason": "Mengantar anak berobat ke puskesmas"},
        token=tokens[ani],
    )
    assert status == 201, izin
    assert decide(http, tokens[boss], "permission", izin["permission_id"], "APPROVE", version=1)[0] == 200
    # reports of the 23rd: Ani's approved, Budi's rejected
    for nip, verdict in ((ani, "APPROVE"), (budi, "REJECT")):
        status, report = http.call("POST", "/reports", report_body(nov(23)), token=tokens[nip])
        assert status == 201, report
        note = {"note": "Uraian kegiatan belum jelas"} if verdict == "REJECT" else {}
        assert decide(http, tokens[boss], "report", report["report_id"], verdict, version=1, **note)[0] == 200
    # Citra on official duty the whole 25th: two complaints of type TUGAS_LUAR, approved by HR
    for session in ("PAGI", "SORE"):
        status, complaint = file_complaint(http, citra_token, day=nov(25), session=session)
        assert status == 201, complaint
        assert decide(http, tokens[hr], "complaint", complaint["complaint_id"], "APPROVE", version=1)[0] == 200

    clock.now = datetime(2026, 12, 2, 3, 0, tzinfo=UTC)  # the month is over
    people = {"boss": boss, "hr": hr, "ani": ani, "budi": budi, "citra": citra}
    return {"skpd": skpd, "nip": people, "token": {k: http.login(v) for k, v in people.items()}, "clock": clock}


def _finish(http, runner, token, body) -> bytes:
    status, job = http.call("POST", "/exports", body, token=token)
    assert status == 202, job
    runner.deliver_queue()
    status, done = http.call("GET", f"/exports/{job['job_id']}", token=token)
    assert status == 200 and done["status"] == "DONE", done
    return requests.get(done["url"], timeout=10).content


def _body(fmt: str, **scope) -> dict:
    return {"kind": "discipline", "format": fmt, "period": "month", "month": MONTH, "scope": scope}


#: the Excel's columns a test names, and each employee's expected values (21 working days in November 2026)
EXPECTED = {
    "Ani": {
        "Hari kerja": 21, "Hari hadir": 20, "Tidak masuk tanpa keterangan (TK)": 0, "Tugas luar (hari)": 0,
        "Cuti Sakit": 1, "Izin pulang cepat": 1, "TL1": 0, "PSW2": 0, "Menit terlambat": 0,
        "Menit pulang sebelum waktunya": 0, "Laporan diajukan": 1, "Laporan disetujui": 1, "Laporan ditolak": 0,
        "Laporan disetujui otomatis": 0, "Hadir tanpa laporan disetujui": 19, "Potongan TPP (%)": 0,
    },
    "Budi": {
        "Hari kerja": 21, "Hari hadir": 21, "Tidak masuk tanpa keterangan (TK)": 0, "Tugas luar (hari)": 0,
        "Cuti Sakit": 0, "Izin pulang cepat": 0, "TL1": 1, "PSW2": 1, "Menit terlambat": 12,
        "Menit pulang sebelum waktunya": 60, "Laporan diajukan": 1, "Laporan disetujui": 0, "Laporan ditolak": 1,
        "Laporan disetujui otomatis": 0, "Hadir tanpa laporan disetujui": 21, "Potongan TPP (%)": 1.5,
    },
    "Citra": {
        "Hari kerja": 21, "Hari hadir": 18, "Tidak masuk tanpa keterangan (TK)": 3, "Tugas luar (hari)": 1,
        "Cuti Sakit": 0, "Izin pulang cepat": 0, "TL1": 0, "PSW2": 0, "Menit terlambat": 0,
        "Menit pulang sebelum waktunya": 0, "Laporan diajukan": 1, "Laporan disetujui": 1, "Laporan ditolak": 0,
        "Laporan disetujui otomatis": 1, "Hadir tanpa laporan disetujui": 17, "Potongan TPP (%)": 7.5,
    },
}  # fmt: skip


def test_a_month_of_mixed_attendance_gives_the_expected_recap_rows(http, runner, month):
    hr = month["token"]["hr"]
    satker = {"type": "satker", "satker_id": month["skpd"][1]}
    book = load_workbook(io.BytesIO(_finish(http, runner, hr, _body("xlsx", **satker))))
    sheet = book["Rekap disiplin"]
    header = [c.value for c in sheet[1]]
    rows = [dict(zip(header, r, strict=True)) for r in sheet.iter_rows(min_row=2, values_only=True) if r[1]]
    assert [r["Nama"] for r in rows] == ["Ani", "Budi", "Citra", "Kepala Puskesmas", "Rina Kepegawaian"]
    for row in rows[:3]:
        assert {k: row[k] for k in EXPECTED[row["Nama"]]} == EXPECTED[row["Nama"]], row["Nama"]
        assert (row["NIP"], row["Status bulan"], row["Angka dikoreksi"]) == (
            month["nip"][row["Nama"].lower()],
            "Belum ditutup",
            None,
        )
    assert all(r["Hari hadir"] == 21 and r["Potongan TPP (%)"] == 0 for r in rows[3:])
    assert book["Koreksi"].max_row == 1

    data = _finish(http, runner, hr, _body("pdf", **satker))
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    lines = text.splitlines()
    assert "Rekapitulasi Disiplin dan Kinerja Bulan November 2026" in lines
    assert "Status : Belum ditutup — angka dapat berubah" in lines
    # each row as its text reads back: "No NIP", the name, then Jabatan, HK, Hadir, TK, DL, Cuti, Izin, TL1–4,
    # Mnt TL, PSW1–4, Mnt PSW, Laporan (diajukan/disetujui/ditolak/otomatis), TLD, Potongan
    nip = month["nip"]
    first = lines.index(f"1 {nip['ani']}")
    assert lines[first : first + 9] == [
        f"1 {nip['ani']}",
        "Ani",
        "Analis 21 20 0 0 1 1 0 0 0 0 0 0 0 0 0 0 1/1/0/0 19 0",
        f"2 {nip['budi']}",
        "Budi",
        "Analis 21 21 0 0 0 0 1 0 0 0 12 0 1 0 0 60 1/0/1/0 21 1,5",
        f"3 {nip['citra']}",
        "Citra",
        "Analis 21 18 3 1 0 0 0 0 0 0 0 0 0 0 0 0 1/1/0/1 17 7,5",
    ]
    assert "Koreksi setelah bulan ditutup" not in text
    # signed by the officer who asked for it, with their jabatan
    assert lines[-5:-1] == ["2 Desember 2026", "Analis", "Rina Kepegawaian", f"NIP {nip['hr']}"]


def test_who_may_ask_for_the_discipline_recap(http, runner, month, factory):
    token, skpd = month["token"], month["skpd"]
    satker = {"type": "satker", "satker_id": skpd[1]}
    assert http.call("POST", "/exports", _body("pdf", **satker), token=token["boss"])[0] == 403
    other_hr = http.login(factory.employee(factory.skpd(), roles=("KEPEGAWAIAN",)))
    foreign = {"type": "skpd", "skpd_id": skpd[0]}
    assert http.call("POST", "/exports", _body("pdf", **foreign), token=other_hr)[0] == 403
    status, refused = http.call("POST", "/exports", _body("xlsx", type="all"), token=token["hr"])
    assert status == 403, refused
    status, bad = http.call("POST", "/exports", {**_body("pdf", **satker), "period": "day", "date": "2026-11-02"},
                            token=token["hr"])  # fmt: skip
    assert (status, bad["code"]) == (400, "INVALID_PERIOD")
    recap_all = {"kind": "recap", "format": "pdf", "period": "month", "month": MONTH, "scope": {"type": "all"}}
    assert http.call("POST", "/exports", recap_all, token=token["hr"])[1]["code"] == "INVALID_SCOPE"

    bkd = http.login(factory.employee(factory.skpd(), roles=("BKD",), name="Sari BKPSDM"))
    book = load_workbook(io.BytesIO(_finish(http, runner, bkd, _body("xlsx", type="all"))))
    names = {r[1]: r[4] for r in book["Rekap disiplin"].iter_rows(min_row=2, values_only=True) if r[1]}
    assert names[month["nip"]["citra"]].startswith("Satker Uji")
    assert http.call("POST", "/exports", _body("pdf", **foreign), token=bkd)[0] == 202
