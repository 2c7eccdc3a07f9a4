"""Roster header mapping and drafts (pure)."""

from __future__ import annotations

import pytest

from chalicelib.domain.errors import ValidationError
from chalicelib.domain.roster import draft_from_mapping, is_blank, map_header, row_to_mapping

HEADER = ["NIP", "Nama", "Jabatan", "Kode Satker", "NIP_Atasan", "WhatsApp", "Email", "Zona_Waktu", "Catatan"]


def test_header_is_mapped_case_and_space_insensitively():
    assert map_header(HEADER) == [
        "nip",
        "name",
        "jabatan",
        "satker_id",
        "supervisor_nip",
        "whatsapp",
        "email",
        "timezone",
        None,
    ]


def test_missing_required_columns_are_named():
    with pytest.raises(ValidationError) as error:
        map_header(["nip", "nama"])
    assert error.value.details["missing"] == ["jabatan", "kode_satker", "whatsapp", "zona_waktu"]


def test_row_becomes_a_validated_draft():
    header = map_header(HEADER)
    row = row_to_mapping(
        header, ["198503152010011001", " Dewi ", "Perawat", "pkm", "", "0812 3456 7890", "", "wib", "x"]
    )
    draft = draft_from_mapping(row, skpd_id="dinkes")
    assert (draft.name, draft.skpd_id, draft.satker_id, draft.whatsapp) == ("Dewi", "DINKES", "PKM", "6281234567890")
    assert draft.supervisor_nip is None and draft.email is None


def test_numbers_excel_stored_as_floats_are_refused_but_ints_accepted():
    header = map_header(HEADER)
    with pytest.raises(ValidationError) as error:
        row_to_mapping(header, [1.985031520100110e17, "Dewi", "P", "PKM", "", "0812", "", "WIB", ""])
    assert error.value.code == "ROSTER_NUMBER_AS_FLOAT"
    row = row_to_mapping(header, [198503152010011001, "Dewi", "P", "PKM", None, 6281234567890, None, "WIB", None])
    assert draft_from_mapping(row, skpd_id="DINKES").nip == "198503152010011001"


def test_self_supervision_and_blank_rows():
    row = {
        "nip": "198503152010011001",
        "name": "A",
        "jabatan": "B",
        "satker_id": "PKM",
        "whatsapp": "0812345678",
        "timezone": "WIB",
        "supervisor_nip": "198503152010011001",
    }
    with pytest.raises(ValidationError):
        draft_from_mapping(row, skpd_id="DINKES")
    assert is_blank(["", None, "  "]) and not is_blank(["", "x"])
