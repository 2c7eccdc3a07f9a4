"""The report coach: hints on vague reports, from real-looking Indonesian sentences (never a refusal)."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest

from chalicelib.domain.coach import (
    HINT_TEXTS,
    MIN_WORDS,
    WORK_VERBS,
    WORKDAY_MINUTES,
    Draft,
    HintCode,
    coach,
    hint_codes,
    hints_line,
    same_text,
    starts_with_work_verb,
)
from chalicelib.domain.exports import ReportLine, recap_row
from chalicelib.domain.reports import ReportStatus
from tests.support import payload, verification_query
from tests.unit.world import Clock, World, actor, at, body

GOOD_OUTPUT = "Draf laporan keuangan triwulan III (12 halaman)"


def codes(draft: Draft, earlier: tuple[str, ...] = ()) -> list[str]:
    return list(hint_codes(draft, earlier))


@pytest.mark.parametrize(
    "description",
    [
        "Menyusun draf laporan keuangan triwulan III Bidang Anggaran",
        "Mengolah data presensi pegawai bulan Oktober untuk rekap TPP",
        "Melayani 14 pemohon izin usaha mikro di loket PTSP",
        "Memeriksa kelengkapan berkas usulan kenaikan pangkat periode April",
        "Menganalisis realisasi anggaran belanja modal semester I",
        "Mengoordinasikan jadwal rapat evaluasi kinerja dengan Sekretariat",
        "Mengkoordinasikan persiapan apel pagi dengan Satpol PP",
        "1. Memverifikasi 30 SPJ perjalanan dinas Bidang Pendapatan",
        "- Menginput data aset tetap ke aplikasi SIMDA BMD",
        "Telah menyelesaikan rekonsiliasi kas dengan BPKAD untuk bulan November",
        "Turut menghadiri rapat koordinasi penanganan stunting di Bappeda",
        "Berkoordinasi dengan Inspektorat mengenai tindak lanjut temuan BPK",
        "Mengoordinasi distribusi undangan musrenbang kecamatan kepada 12 desa",
        "MENYUSUN NOTULA RAPAT PIMPINAN TANGGAL 3 DESEMBER",
    ],
)
def test_a_clear_sentence_gets_no_hint(description: str) -> None:
    assert codes(Draft(title="Kegiatan harian", description=description, output=GOOD_OUTPUT)) == []


@pytest.mark.parametrize(
    ("description", "expected"),
    [
        ("Bekerja", ["TOO_SHORT", "NO_WORK_VERB"]),
        ("Bekerja seperti biasa di kantor", ["NO_WORK_VERB"]),
        ("Rapat", ["TOO_SHORT", "NO_WORK_VERB"]),
        ("Menyusun laporan", ["TOO_SHORT"]),
        ("Penyusunan laporan keuangan triwulan III", ["NO_WORK_VERB"]),
        ("Rapat koordinasi persiapan HUT Kabupaten", ["NO_WORK_VERB"]),
        ("Mengerjakan tugas kantor hari ini", ["NO_WORK_VERB"]),
        ("Kerja di ruangan", ["TOO_SHORT", "NO_WORK_VERB"]),
        ("Pelayanan administrasi kependudukan kepada masyarakat", ["NO_WORK_VERB"]),
        ("Tugas", ["TOO_SHORT", "NO_WORK_VERB"]),
        ("Melayani masyarakat", ["TOO_SHORT"]),
    ],
)
def test_a_vague_sentence_gets_its_hints(description: str, expected: list[str]) -> None:
    assert codes(Draft(title="Kegiatan", description=description, output=GOOD_OUTPUT)) == expected


@pytest.mark.parametrize(
    ("word", "verb"),
    [
        ("Menyusun", True),
        ("menyusunkan", True),
        ("Melayani", True),
        ("mengoordinasi", True),
        ("mengkoordinasikannya", True),
        ("penyusunan", False),
        ("pelayanan", False),
        ("pemeriksaan", False),
        ("bekerja", False),
        ("mengerjakan", False),
        ("koordinasi", False),
        ("", False),
        ("2 berkas", False),
    ],
)
def test_work_verbs_and_their_inflections(word: str, verb: bool) -> None:
    assert starts_with_work_verb(f"{word} data pegawai") is verb


def test_the_documented_verbs_include_the_issue_s_examples_and_not_bekerja() -> None:
    assert {"menyusun", "mengolah", "melayani", "memeriksa", "menganalisis", "mengoordinasikan"} <= WORK_VERBS
    assert not {"bekerja", "mengerjakan", "kerja"} & WORK_VERBS


def test_the_title_is_coached_while_no_description_is_written() -> None:
    [only] = coach(Draft(title="Rapat", description=""))
    assert (only.code, only.field) == (HintCode.NO_WORK_VERB, "title")
    assert coach(Draft(title="Menyusun notula rapat", description=None)) == []


def test_an_empty_form_is_not_nagged() -> None:
    assert coach(Draft()) == []
    assert coach(Draft(title="", description="  ", output="")) == []


YESTERDAY = ("Menyusun draf SOP pelayanan perizinan bab I dan II", "Mengikuti apel pagi di halaman kantor bupati")


@pytest.mark.parametrize(
    ("description", "same"),
    [
        ("Menyusun draf SOP pelayanan perizinan bab I dan II", True),
        ("menyusun  draf SOP pelayanan perizinan, bab I dan II.", True),
        ("1. Mengikuti apel pagi di halaman kantor bupati", True),
        ("Menyusun draf SOP pelayanan perizinan bab III", False),
        ("Melanjutkan penyusunan draf SOP pelayanan perizinan bab III", False),
    ],
)
def test_the_same_text_as_the_day_before(description: str, same: bool) -> None:
    found = codes(Draft(description=description, output=GOOD_OUTPUT), YESTERDAY)
    assert ("SAME_AS_YESTERDAY" in found) is same


def test_same_text_ignores_case_spacing_and_punctuation_but_not_blank() -> None:
    assert same_text("Memeriksa SPJ, Bidang A.", "memeriksa spj bidang a")
    assert not same_text("", "")
    assert not same_text("-", "-")


@pytest.mark.parametrize(
    ("start", "end", "long"),
    [
        (time(7, 30), time(16, 0), False),  # the whole working day of Perpres 21/2023, break included
        (time(7, 30), time(16, 1), True),
        (time(6, 0), time(18, 0), True),
        (time(8, 0), time(10, 0), False),
    ],
)
def test_an_activity_longer_than_the_working_day(start: time, end: time, long: bool) -> None:
    draft = Draft(description="Memeriksa berkas usulan kenaikan pangkat", output=GOOD_OUTPUT, start=start, end=end)
    assert ("LONGER_THAN_WORKDAY" in codes(draft)) is long


def test_the_working_day_is_37_5_hours_a_week_plus_the_daily_break() -> None:
    assert WORKDAY_MINUTES == 37.5 * 60 / 5 + 60


@pytest.mark.parametrize(
    ("output", "hinted"),
    [
        ("-", True),
        ("Selesai", True),
        ("selesai.", True),
        ("OK", True),
        ("Tidak ada", True),
        ("", True),
        ("Notula rapat (3 halaman)", False),
        ("14 pemohon terlayani", False),
        (GOOD_OUTPUT, False),
    ],
)
def test_no_output(output: str, hinted: bool) -> None:
    draft = Draft(description="Menyusun notula rapat pimpinan mingguan", output=output)
    assert ("NO_OUTPUT" in codes(draft)) is hinted


def test_a_blank_output_is_not_hinted_before_anything_is_written() -> None:
    assert codes(Draft(output="")) == []
    assert codes(Draft(output="-")) == ["NO_OUTPUT"]


def test_every_hint_at_once_in_the_form_s_order() -> None:
    draft = Draft(description="Bekerja", output="-", start=time(6, 0), end=time(17, 0))
    assert codes(draft, ("bekerja",)) == [
        "TOO_SHORT",
        "NO_WORK_VERB",
        "SAME_AS_YESTERDAY",
        "LONGER_THAN_WORKDAY",
        "NO_OUTPUT",
    ]


def test_each_hint_speaks_indonesian_and_gives_an_example_that_passes() -> None:
    assert set(HINT_TEXTS) == set(HintCode)
    for code, (message, example) in HINT_TEXTS.items():
        assert message and example, code
        assert "Anda" in message or "Sebutkan" in message or "Pecah" in message, code
    activity_examples = [HINT_TEXTS[c][1] for c in (HintCode.TOO_SHORT, HintCode.NO_WORK_VERB)]
    for example in activity_examples:
        assert codes(Draft(description=example, output=GOOD_OUTPUT)) == []
    assert codes(Draft(description=activity_examples[0], output=HINT_TEXTS[HintCode.NO_OUTPUT][1])) == []


def test_min_words() -> None:
    assert MIN_WORDS == 4
    assert codes(Draft(description="Menyusun draf laporan keuangan", output=GOOD_OUTPUT)) == []


# -- at work: the hints stored on a report, the draft's advice, the queue card and the recap ---------------------

NOW = at("2026-03-10 09:00")  # Tuesday 10 March 2026, 16.00 WIB
TODAY, DAY = date(2026, 3, 10), timedelta(days=1)


@pytest.fixture
def world() -> World:
    return World(Clock(NOW))


@pytest.fixture
def dewi(world):
    employee = world.person(supervisor=world.person(name="Andi"))
    world.attend(employee, *(TODAY - n * DAY for n in range(9)))
    return employee


def test_a_report_stores_its_hints_and_an_edit_computes_them_again(world, dewi):
    who = actor(dewi)
    vague = world.reports.create(who, body(TODAY, description="Bekerja", output="-"))
    assert vague["status"] == "SUBMITTED" and vague["hints"] == ["TOO_SHORT", "NO_WORK_VERB", "NO_OUTPUT"]
    patch = payload(
        "ReportPatch",
        version=vague["version"],
        description="Menyusun draf laporan keuangan triwulan I Bidang Anggaran",
        output="Draf laporan keuangan (12 halaman)",
    )
    better = world.reports.update(who, vague["report_id"], patch)
    assert better["hints"] == [] and world.report_store.get(vague["report_id"]).hints == ()


def test_the_same_text_as_the_last_day_reported_before(world, dewi):
    """Monday's "yesterday" is the Friday before: the last day with a report within a week."""
    who, text = actor(dewi), "Memeriksa kelengkapan berkas usulan kenaikan pangkat periode April"
    world.reports.create(who, body(TODAY - 4 * DAY, description=text))  # Friday 6 March
    monday = world.reports.create(who, body(TODAY - DAY, description=text.upper() + "."))
    assert monday["hints"] == ["SAME_AS_YESTERDAY"]
    other = world.reports.create(who, body(TODAY, "10:00", "11:00", description="Menyusun rekap berkas usulan"))
    assert "SAME_AS_YESTERDAY" not in other["hints"]
    # another employee's identical text is not "the same as yesterday"
    rudi = world.person()
    world.attend(rudi, TODAY)
    assert world.reports.create(actor(rudi), body(TODAY, description=text))["hints"] == []


def test_the_draft_s_advice_reads_the_day_before_and_writes_nothing(world, dewi):
    who = actor(dewi)
    world.reports.create(who, body(TODAY - DAY, description="Melayani pasien rawat jalan di poli umum"))
    stored = world.report_store.list_own(
        dewi.nip, first=None, last=None, status=None, text=None, cursor=None, limit=50
    )[0]
    draft = payload("ReportDraft", {"description": "Melayani pasien rawat jalan di poli umum", "output": "-"})
    answer = world.services.report_coach.hints(who, draft)
    assert [h["code"] for h in answer["hints"]] == ["SAME_AS_YESTERDAY", "NO_OUTPUT"]
    first = answer["hints"][0]
    assert first["field"] == "description" and first["message"].startswith("Uraian ini sama") and first["example"]
    assert (
        world.report_store.list_own(dewi.nip, first=None, last=None, status=None, text=None, cursor=None, limit=50)[0]
        == stored
    )
    assert world.services.report_coach.hints(who, payload("ReportDraft", {}))["hints"] == []
    long_day = payload("ReportDraft", {"date": "2026-03-09", "start_time": "06:00", "end_time": "17:00"})
    assert [h["code"] for h in world.services.report_coach.hints(who, long_day)["hints"]] == ["LONGER_THAN_WORKDAY"]


def test_the_supervisor_s_queue_card_says_what_the_coach_advises(world, dewi):
    who = actor(dewi)
    world.reports.create(who, body(TODAY, description="Bekerja"))
    world.reports.create(who, body(TODAY, "10:00", "11:00"))
    boss = actor(world.employees.get(dewi.supervisor_nip))
    items = world.decisions.queue(boss, verification_query("report", {"limit": 10}))["items"]
    advice = [[line["value"] for line in i["summary"] if line["label"] == "Saran penulisan"] for i in items]
    assert sorted(advice) == [[], ["Uraian terlalu singkat; uraian tidak diawali kata kerja"]]


def test_hints_line() -> None:
    assert hints_line(()) is None
    assert hints_line(["NO_OUTPUT"]) == "Hasil kerja belum disebutkan"
    assert hints_line(["SOMETHING_NEW", "TOO_SHORT"]) == "Uraian terlalu singkat"


def test_the_recap_counts_reports_with_hints() -> None:
    def line(n: int, hints: tuple[str, ...], status: ReportStatus = ReportStatus.SUBMITTED) -> ReportLine:
        return ReportLine(f"r{n}", "1", TODAY, time(8), time(9), "Judul", "Uraian", "Hasil", status, None, hints)

    withdrawn = line(4, ("TOO_SHORT",), ReportStatus.WITHDRAWN)  # not a live report: not counted
    lines = [line(1, ("TOO_SHORT",)), line(2, ()), line(3, ("NO_OUTPUT", "TOO_SHORT")), withdrawn]
    assert recap_row("1", "Dewi", "Perawat", [TODAY], {TODAY}, lines).with_hints == 2
