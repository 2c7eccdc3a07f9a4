"""NIP, WhatsApp, e-mail, zone and code rules (pure)."""

from __future__ import annotations

import pytest

from chalicelib.domain.errors import ValidationError
from chalicelib.domain.identity import (
    TimeZone,
    normalise_email,
    normalise_whatsapp,
    parse_time_zone,
    validate_code,
    validate_nip,
)


@pytest.mark.parametrize("nip", ["198503152010011001", "199912312022122999", " 198503152010012001 "])
def test_valid_nips(nip):
    assert validate_nip(nip) == nip.strip()


@pytest.mark.parametrize(
    ("nip", "reason"),
    [
        ("19850315201001100", "18 digit"),
        ("1985031520100110011", "18 digit"),
        ("19850315201001100A", "18 digit"),
        ("198502302010011001", "tanggal lahir"),
        ("198503152010001001", "bulan TMT"),
        ("198503152010131001", "bulan TMT"),
        ("198503151990011001", "TMT"),
        ("198503152010013001", "jenis kelamin"),
        ("198503152010010001", "jenis kelamin"),
        ("198503152010011000", "nomor urut"),
    ],
)
def test_invalid_nips_say_why(nip, reason):
    with pytest.raises(ValidationError) as error:
        validate_nip(nip)
    assert error.value.code == "INVALID_NIP" and reason in error.value.message


@pytest.mark.parametrize(
    ("raw", "normalised"),
    [
        ("081234567890", "6281234567890"),
        ("+62 812-3456-7890", "6281234567890"),
        ("6281234567890", "6281234567890"),
        ("81234567890", "6281234567890"),
        ("(0812) 3456.7890", "6281234567890"),
        # every common way of typing the edit form's "+62 812-3456-7801" (issue 18, item 7)
        ("+62 812-3456-7801", "6281234567801"),
        ("0812 3456 7801", "6281234567801"),
        (" 0812-3456-7801 ", "6281234567801"),
        ("62 812 3456 7801", "6281234567801"),
        ("+62 (812) 3456-7801", "6281234567801"),
        ("0812\u00a03456\u00a07801", "6281234567801"),  # pasted with no-break spaces
    ],
)
def test_whatsapp_numbers_are_normalised(raw, normalised):
    assert normalise_whatsapp(raw) == normalised


@pytest.mark.parametrize("raw", ["0215551234", "+6591234567", "0812", "08123456789012345", "nomor"])
def test_non_mobile_numbers_are_refused(raw):
    with pytest.raises(ValidationError):
        normalise_whatsapp(raw)


def test_email_zone_code_version():
    assert normalise_email("  Dewi@Kemenkes.go.id ") == "dewi@kemenkes.go.id"
    assert normalise_email("") is None and normalise_email(None) is None
    with pytest.raises(ValidationError):
        normalise_email("dewi@")
    assert parse_time_zone("wit") is TimeZone.WIT and TimeZone.WITA.iana == "Asia/Makassar"
    with pytest.raises(ValidationError):
        parse_time_zone("WITT")
    assert validate_code("pkm-kota", "satker_id") == "PKM-KOTA"
    for bad in ("A", "a b", "-X", "X" * 33):
        with pytest.raises(ValidationError):
            validate_code(bad, "satker_id")
