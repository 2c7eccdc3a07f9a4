"""The predicate matrix of PermenPANRB 6/2022 over all nine cells, BerAKHLAK, and the quarter boundaries."""

from __future__ import annotations

from datetime import date
from itertools import pairwise

import pytest

from chalicelib.domain.assessment import (
    BERAKHLAK,
    PREDICATE_LABELS,
    RATING_LABELS,
    Predicate,
    Rating,
    predicate,
    quarter_label,
    quarter_of,
    quarter_span,
)
from chalicelib.domain.errors import ValidationError

ABOVE, AS_EXPECTED, BELOW = Rating.DI_ATAS_EKSPEKTASI, Rating.SESUAI_EKSPEKTASI, Rating.DI_BAWAH_EKSPEKTASI

#: (work results, work behaviour) → predicate: the whole matrix, one row per cell
MATRIX = [
    (ABOVE, ABOVE, Predicate.SANGAT_BAIK),
    (ABOVE, AS_EXPECTED, Predicate.BAIK),
    (AS_EXPECTED, ABOVE, Predicate.BAIK),
    (AS_EXPECTED, AS_EXPECTED, Predicate.BAIK),
    (BELOW, ABOVE, Predicate.BUTUH_PERBAIKAN),
    (BELOW, AS_EXPECTED, Predicate.BUTUH_PERBAIKAN),
    (ABOVE, BELOW, Predicate.KURANG),
    (AS_EXPECTED, BELOW, Predicate.KURANG),
    (BELOW, BELOW, Predicate.SANGAT_KURANG),
]


@pytest.mark.parametrize(("results", "behaviour", "expected"), MATRIX)
def test_each_cell_of_the_matrix(results: Rating, behaviour: Rating, expected: Predicate) -> None:
    assert predicate(results, behaviour) is expected


def test_the_table_covers_every_cell_once() -> None:
    assert sorted((r, b) for r, b, _ in MATRIX) == sorted((r, b) for r in Rating for b in Rating)


def test_labels_are_the_regulation_s_words() -> None:
    assert [PREDICATE_LABELS[p] for p in Predicate] == [
        "Sangat Baik",
        "Baik",
        "Butuh Perbaikan",
        "Kurang/Misconduct",
        "Sangat Kurang",
    ]
    assert [RATING_LABELS[r] for r in Rating] == ["Di Atas Ekspektasi", "Sesuai Ekspektasi", "Di Bawah Ekspektasi"]


def test_berakhlak_spells_its_name() -> None:
    assert len(BERAKHLAK) == 7
    assert "".join(v[0] for v in BERAKHLAK) == "BAKHLAK"
    assert BERAKHLAK[0] == "Berorientasi Pelayanan" and BERAKHLAK[-1] == "Kolaboratif"


@pytest.mark.parametrize(
    ("day", "quarter"),
    [
        (date(2026, 1, 1), 1),
        (date(2026, 3, 31), 1),
        (date(2026, 4, 1), 2),
        (date(2026, 6, 30), 2),
        (date(2026, 7, 1), 3),
        (date(2026, 9, 30), 3),
        (date(2026, 10, 1), 4),
        (date(2026, 12, 31), 4),
        (date(2028, 2, 29), 1),
    ],
)
def test_quarter_of_a_day(day: date, quarter: int) -> None:
    assert quarter_of(day) == quarter


@pytest.mark.parametrize(
    ("quarter", "first", "last"),
    [
        (1, date(2026, 1, 1), date(2026, 3, 31)),
        (2, date(2026, 4, 1), date(2026, 6, 30)),
        (3, date(2026, 7, 1), date(2026, 9, 30)),
        (4, date(2026, 10, 1), date(2026, 12, 31)),
    ],
)
def test_quarter_span(quarter: int, first: date, last: date) -> None:
    assert quarter_span(2026, quarter) == (first, last)
    assert quarter_of(first) == quarter_of(last) == quarter


def test_the_quarters_tile_the_year() -> None:
    spans = [quarter_span(2028, q) for q in (1, 2, 3, 4)]
    assert spans[0][0] == date(2028, 1, 1) and spans[-1][1] == date(2028, 12, 31)
    for (_, last), (first, _) in pairwise(spans):
        assert (first - last).days == 1
    assert sum((last - first).days + 1 for first, last in spans) == 366


@pytest.mark.parametrize("quarter", [0, 5, -1])
def test_a_quarter_outside_1_to_4_is_refused(quarter: int) -> None:
    with pytest.raises(ValidationError) as caught:
        quarter_span(2026, quarter)
    assert caught.value.code == "INVALID_QUARTER"


def test_quarter_label() -> None:
    assert quarter_label(2026, 3) == "Triwulan III 2026"
