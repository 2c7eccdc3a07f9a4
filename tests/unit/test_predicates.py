"""A quarter's predicates in bulk: counted per satker (every satker with its zeros, nothing assessed left out of the
totals), the bulk line of an assessment, and the workbook read back with the domain's labels."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime

from openpyxl import load_workbook

from chalicelib.documents.predicates import PredicateRow, predicates_workbook
from chalicelib.domain import quarter_assessment as qa
from chalicelib.domain.assessment import Predicate, Rating
from chalicelib.domain.predicates import NOT_ACKNOWLEDGED, PredicateLine, distribution, line_of

ABOVE, AS_EXPECTED, BELOW = Rating.DI_ATAS_EKSPEKTASI, Rating.SESUAI_EKSPEKTASI, Rating.DI_BAWAH_EKSPEKTASI


def line(nip: str, satker: str, results: Rating, behaviour: Rating, predicate: Predicate, **extra) -> PredicateLine:
    return PredicateLine(nip, satker, "199001012015011001", results, behaviour, predicate, **extra)


def test_counts_per_satker_in_the_skpd_order_with_zeros_and_totals():
    lines = [
        line("1", "SEK", ABOVE, ABOVE, Predicate.SANGAT_BAIK),
        line("2", "SEK", AS_EXPECTED, ABOVE, Predicate.BAIK),
        line("3", "BID", BELOW, AS_EXPECTED, Predicate.BUTUH_PERBAIKAN),
        line("4", "SEK", AS_EXPECTED, AS_EXPECTED, Predicate.BAIK),
        line("5", "OLD", BELOW, BELOW, Predicate.SANGAT_KURANG),  # a satker the SKPD no longer lists
    ]
    rows, totals = distribution(lines, ["BID", "SEK", "UPT"])
    assert [r.satker_id for r in rows] == ["BID", "SEK", "UPT", "OLD"]
    assert [list(r.counts.values()) for r in rows] == [[0, 0, 1, 0, 0], [1, 2, 0, 0, 0], [0] * 5, [0, 0, 0, 0, 1]]
    assert [r.assessed for r in rows] == [1, 3, 0, 1]
    assert list(totals.counts) == list(Predicate)  # best first
    assert (list(totals.counts.values()), totals.assessed, totals.satker_id) == ([1, 2, 1, 0, 1], 5, "")


def test_an_empty_quarter_still_lists_every_satker():
    rows, totals = distribution([], ["A", "B"])
    assert [(r.satker_id, r.assessed) for r in rows] == [("A", 0), ("B", 0)]
    assert totals.assessed == 0


def test_the_bulk_line_of_an_assessment_keeps_the_acknowledgement_only_once_acknowledged():
    at = datetime(2026, 12, 14, 2, 0, tzinfo=UTC)
    assessment = qa.Assessment(
        skp_id="198503152010011001.2026",
        quarter=4,
        nip="198503152010011001",
        year=2026,
        skpd_id="DINKES",
        satker_id="SEK",
        penilai_nip="197001012000011001",
        results=AS_EXPECTED,
        behaviour=BELOW,
        predicate=Predicate.KURANG,
    )
    bulk = line_of(assessment)
    assert (bulk.satker_id, bulk.predicate_label, bulk.acknowledged_at) == ("SEK", "Kurang/Misconduct", None)
    assert (bulk.results_label, bulk.behaviour_label) == ("Sesuai Ekspektasi", "Di Bawah Ekspektasi")
    acknowledged = qa.acknowledge(assessment, by=assessment.nip, now=at)
    assert line_of(acknowledged).acknowledged_at == at


def test_the_workbook_reads_back_with_labels_text_nips_and_dates():
    lines = [
        line("198503152010011001", "SEK", ABOVE, ABOVE, Predicate.SANGAT_BAIK),
        line("199201012019012001", "BID", AS_EXPECTED, BELOW, Predicate.KURANG),
    ]
    rows = [
        PredicateRow(lines[0], "Sari Uji", "Analis", "Sekretariat", "Atasan Uji", date(2026, 12, 14)),
        PredicateRow(lines[1], "Budi Uji", "Pengelola", "Bidang P2P", "Atasan Uji", None),
    ]
    counts, totals = distribution(lines, ["SEK", "BID"])
    data = predicates_workbook(
        unit="Dinas Kesehatan",
        period="Triwulan IV 2026",
        as_of=date(2026, 12, 20),
        rows=rows,
        counts=[*counts, totals],
        satker_names={"SEK": "Sekretariat", "BID": "Bidang P2P"},
    )
    book = load_workbook(io.BytesIO(data))
    sheet = book["Predikat"]
    header, first, second = (list(r) for r in sheet.iter_rows(min_row=1, max_row=3, values_only=True))
    assert header == [
        "No",
        "NIP",
        "Nama",
        "Jabatan",
        "Satker",
        "Pejabat penilai",
        "Rating hasil kerja",
        "Rating perilaku kerja",
        "Predikat kinerja",
        "Dibaca pegawai",
    ]
    assert first[:9] == [
        1,
        "198503152010011001",
        "Sari Uji",
        "Analis",
        "Sekretariat",
        "Atasan Uji",
        "Di Atas Ekspektasi",
        "Di Atas Ekspektasi",
        "Sangat Baik",
    ]
    assert first[9].date() == date(2026, 12, 14)
    assert (second[8], second[9]) == ("Kurang/Misconduct", NOT_ACKNOWLEDGED)
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref
    summary = [list(r) for r in book["Per satker"].iter_rows(values_only=True)]
    labels = ["Sangat Baik", "Baik", "Butuh Perbaikan", "Kurang/Misconduct", "Sangat Kurang"]
    assert summary[0] == ["Satker", *labels, "Jumlah dinilai"]
    assert summary[1:4] == [
        ["Sekretariat", 1, 0, 0, 0, 0, 1],
        ["Bidang P2P", 0, 0, 0, 1, 0, 1],
        ["Jumlah", 1, 0, 0, 1, 0, 2],
    ]
