"""The configurable rules of discipline, per SKPD: the minute bands of late arrival (TL) and early leave (PSW), each
class's deduction of the allowance (percent of the month's Tukin/TPP), the deduction of a day absent without a
valid reason, and the caps.

Sources of the defaults (each is a configurable example; an SKPD sets its own Perbup/Pergub values):

- **Bands** 1–30, 31–60, 61–90 and over 90 minutes: the issue's bands, the common pattern of Tukin/TPP rules. A
  missing check-in (check-out) counts as over 90 minutes (TL4 / PSW4): Peraturan Menteri Koordinator Bidang
  Infrastruktur dan Pembangunan Kewilayahan Nomor 10 Tahun 2025 (tunjangan kinerja), Pasal 22 ayat (4) and (5)
  (pasal.id).
- **TL1–TL4 / PSW1–PSW4 = 0,5 / 1 / 1,25 / 1,5 %**: the scale many tunjangan kinerja and TPP regulations use. We did
  not find a current regulation's table with exactly these values in the sources we could read (the regulations
  we read in full use other scales, e.g. Peraturan Badan Gizi Nasional 4/2025 Pasal 15: 0,5 % up to 60 minutes,
  1 % beyond), so they are named here as the common pattern, not as a citation.
- **Absence without a valid reason 2,5 % a day, and 100 % after 10 consecutive working days** in the month:
  Peraturan Menteri Pendidikan Dasar dan Menengah Nomor 14 Tahun 2025, Pasal 19 ayat (1) and (2) (pasal.id).
- **Deductions add up over the month, to at most 100 %**: Peraturan Menteri Luar Negeri Nomor 3 Tahun 2025,
  Pasal 18 ayat (4) (pasal.id). A day's TL and PSW both count (no daily cap by default; ``daily_cap`` sets one,
  as some regional rules do).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import pairwise

from ..errors import ValidationError

LEVELS = (1, 2, 3, 4)
HUNDRED = Decimal(100)


@dataclass(frozen=True)
class Bands:
    """The upper bounds (minutes, included) of levels 1–3; anything above the last is level 4."""

    limits: tuple[int, int, int] = (30, 60, 90)

    def level(self, minutes: int) -> int:
        """0 for no minutes (on time), else the band 1–4 the minutes fall in."""
        if minutes <= 0:
            return 0
        return next((n for n, limit in enumerate(self.limits, start=1) if minutes <= limit), 4)


@dataclass(frozen=True)
class DisciplineRules:
    """Per SKPD. Percentages are of the month's allowance; ``late``/``early`` are levels 1–4 in order.

    ``permission_rates`` (kind value → percent a day) lets an SKPD deduct for an approved permission (some do for
    izin tidak masuk); none by default: an approved permission is a valid reason.
    """

    bands: Bands = field(default_factory=Bands)
    late: tuple[Decimal, Decimal, Decimal, Decimal] = (Decimal("0.5"), Decimal("1"), Decimal("1.25"), Decimal("1.5"))
    early: tuple[Decimal, Decimal, Decimal, Decimal] = (Decimal("0.5"), Decimal("1"), Decimal("1.25"), Decimal("1.5"))
    absent_per_day: Decimal = Decimal("2.5")
    #: consecutive working days absent without reason that forfeit the whole month (``None``: no such rule)
    absent_full_after: int | None = 10
    daily_cap: Decimal | None = None
    monthly_cap: Decimal = HUNDRED
    permission_rates: Mapping[str, Decimal] = field(default_factory=dict)
    version: int = 0


DEFAULT_RULES = DisciplineRules()


def check_rules(rules: DisciplineRules) -> DisciplineRules:
    """Bands strictly rising from 1 minute; every percentage from 0 to 100; the streak at least one day."""
    limits = rules.bands.limits
    if len(limits) != 3 or limits[0] < 1 or any(b <= a for a, b in pairwise(limits)):
        raise _invalid("Batas menit TL/PSW harus tiga angka yang naik, mulai 1 menit.", "bands", "INVALID_BANDS")
    for name in ("late", "early"):
        values = getattr(rules, name)
        if len(values) != 4:
            raise _invalid("Potongan TL/PSW harus empat angka (tingkat 1-4).", name, "INVALID_PERCENT")
        for level, value in zip(LEVELS, values, strict=True):
            _check_percent(value, f"{name}.{level}")
    _check_percent(rules.absent_per_day, "absent_per_day")
    _check_percent(rules.monthly_cap, "monthly_cap")
    if rules.daily_cap is not None:
        _check_percent(rules.daily_cap, "daily_cap")
    for kind, value in rules.permission_rates.items():
        _check_percent(value, f"permission_rates.{kind}")
    if rules.absent_full_after is not None and not 1 <= rules.absent_full_after <= 31:
        raise _invalid(
            "Jumlah hari berturut-turut tanpa keterangan harus 1-31 hari.", "absent_full_after", "INVALID_STREAK"
        )
    return rules


def _check_percent(value: Decimal, field: str) -> None:
    if not isinstance(value, Decimal) or not value.is_finite() or not 0 <= value <= HUNDRED:
        raise _invalid("Persentase potongan harus angka 0 sampai 100.", field, "INVALID_PERCENT")


def _invalid(message: str, field: str, code: str) -> ValidationError:
    return ValidationError(message, code=code, details={"field": field})
