"""The quarterly assessment's fixed rules: ratings, the predicate matrix, BerAKHLAK, and quarter boundaries.

A supervisor rates each staff member's work results (hasil kerja) and work behaviour (perilaku kerja) against
the expectation; the performance predicate (predikat kinerja) then follows from the two ratings alone, by the
matrix of PermenPANRB 6/2022 tentang Pengelolaan Kinerja Pegawai Aparatur Sipil Negara (Lampiran, penetapan
predikat kinerja pegawai: kuadran rating hasil kerja × rating perilaku kerja). Nobody picks a predicate by hand,
so it lives here as a pure function, tested over all nine cells.

Peraturan BKN 2/2026 (seed 004) has e-Kinerja assessed per quarter (triwulan) of the calendar year, so the
quarter boundaries are here too.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from .errors import ValidationError


class Rating(StrEnum):
    """A rating of work results or of work behaviour against the supervisor's expectation."""

    DI_ATAS_EKSPEKTASI = "DI_ATAS_EKSPEKTASI"
    SESUAI_EKSPEKTASI = "SESUAI_EKSPEKTASI"
    DI_BAWAH_EKSPEKTASI = "DI_BAWAH_EKSPEKTASI"


RATING_LABELS = {
    Rating.DI_ATAS_EKSPEKTASI: "Di Atas Ekspektasi",
    Rating.SESUAI_EKSPEKTASI: "Sesuai Ekspektasi",
    Rating.DI_BAWAH_EKSPEKTASI: "Di Bawah Ekspektasi",
}


class Predicate(StrEnum):
    """Predikat kinerja pegawai (PermenPANRB 6/2022), best first."""

    SANGAT_BAIK = "SANGAT_BAIK"
    BAIK = "BAIK"
    BUTUH_PERBAIKAN = "BUTUH_PERBAIKAN"
    KURANG = "KURANG"
    SANGAT_KURANG = "SANGAT_KURANG"


PREDICATE_LABELS = {
    Predicate.SANGAT_BAIK: "Sangat Baik",
    Predicate.BAIK: "Baik",
    Predicate.BUTUH_PERBAIKAN: "Butuh Perbaikan",
    Predicate.KURANG: "Kurang/Misconduct",
    Predicate.SANGAT_KURANG: "Sangat Kurang",
}


def predicate(results: Rating, behaviour: Rating) -> Predicate:
    """The predicate of a rating of work results and one of work behaviour (PermenPANRB 6/2022, Lampiran):

    - both above expectation → Sangat Baik;
    - neither below expectation, and not both above → Baik;
    - results below, behaviour as expected or above → Butuh Perbaikan;
    - behaviour below, results as expected or above → Kurang/Misconduct (behaviour weighs as misconduct: good
      results do not make up for it);
    - both below → Sangat Kurang.
    """
    below = Rating.DI_BAWAH_EKSPEKTASI
    if results is below and behaviour is below:
        return Predicate.SANGAT_KURANG
    if behaviour is below:
        return Predicate.KURANG
    if results is below:
        return Predicate.BUTUH_PERBAIKAN
    if results is Rating.DI_ATAS_EKSPEKTASI and behaviour is Rating.DI_ATAS_EKSPEKTASI:
        return Predicate.SANGAT_BAIK
    return Predicate.BAIK


#: The seven core values of ASN, BerAKHLAK (SE MenPANRB 20/2021; the behaviour rated under PermenPANRB 6/2022),
#: in their official order — the first letters spell the name.
BERAKHLAK = (
    "Berorientasi Pelayanan",
    "Akuntabel",
    "Kompeten",
    "Harmonis",
    "Loyal",
    "Adaptif",
    "Kolaboratif",
)

QUARTERS = (1, 2, 3, 4)
_FIRST_MONTH = {1: 1, 2: 4, 3: 7, 4: 10}
_LAST_DAY = {1: (3, 31), 2: (6, 30), 3: (9, 30), 4: (12, 31)}


def quarter_of(day: date) -> int:
    """The quarter (1-4) of the calendar year ``day`` falls in: Q1 January-March … Q4 October-December."""
    return (day.month - 1) // 3 + 1


def quarter_span(year: int, quarter: int) -> tuple[date, date]:
    """The first and last day of ``quarter`` (1-4) of ``year``, both included."""
    if quarter not in QUARTERS:
        raise ValidationError("Triwulan harus 1-4.", code="INVALID_QUARTER", details={"field": "quarter"})
    month, day = _LAST_DAY[quarter]
    return date(year, _FIRST_MONTH[quarter], 1), date(year, month, day)


def quarter_label(year: int, quarter: int) -> str:
    """``Triwulan III 2026``: how screens and documents name a quarter."""
    return f"Triwulan {('I', 'II', 'III', 'IV')[quarter - 1]} {year}"
