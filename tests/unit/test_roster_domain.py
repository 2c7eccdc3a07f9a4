"""Roster header mapping and drafts (pure), and the request models that check the same fields in a request."""

from __future__ import annotations

from datetime import date

import pytest

from chalicelib.domain.accounts import EmploymentStatus
from chalicelib.domain.errors import ValidationError
from chalicelib.domain.identity import TimeZone
from chalicelib.domain.organisation import OfficeLocation
from chalicelib.domain.roster import EmployeeDraft, draft_from_mapping, is_blank, map_header, row_to_mapping
from tests.support import payload

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


# -- the same fields in a request: checked once, by the request's model -------------------------------------------

NIP = "198503152010011001"
_OFFICE = {"latitude": -8.65, "longitude": 115.2, "radius_m": 200}
ACCOUNT = {"nip": NIP, "name": " Dewi ", "jabatan": "Perawat", "satker_id": "pkm", "whatsapp": "0812 3456 7890"}


def test_a_request_arrives_as_domain_values():
    body = payload("EmployeeInput", {**ACCOUNT, "timezone": "wita", "employment_status": "cpns", "tmt": "2010-01-04"})
    assert (body.name, body.satker_id, body.whatsapp) == ("Dewi", "PKM", "6281234567890")
    assert (body.timezone, body.employment_status, body.tmt) == (TimeZone.WITA, EmploymentStatus.CPNS, date(2010, 1, 4))


@pytest.mark.parametrize(
    ("model", "data", "code"),
    [
        ("EmployeeInput", {**ACCOUNT, "timezone": "WIB", "name": "   "}, "REQUIRED"),
        ("EmployeeInput", {**ACCOUNT, "timezone": "WIB", "employment_status": "honorer"}, "INVALID_EMPLOYMENT_STATUS"),
        ("EmployeeInput", {**ACCOUNT, "timezone": "WIB", "tmt": "2010-13-01"}, "INVALID_DATE"),
        ("EmployeePatch", {"jabatan": "Analis"}, "VERSION_REQUIRED"),
        ("EmployeePatch", {"jabatan": "Analis", "version": None}, "VERSION_REQUIRED"),
        ("EmployeePatch", {"jabatan": "Analis", "version": 0}, "OUT_OF_RANGE"),
        ("EmployeePatch", {"name": "", "version": 1}, "REQUIRED"),
        ("OrgPatch", {"name": "Dinas"}, "VERSION_REQUIRED"),
        ("SatkerInput", {"satker_id": "S-1", "name": "X", "office": "di sini"}, "INVALID_TYPE"),
        ("SatkerInput", {"satker_id": "S-1", "name": "X", "office": {"x": 1}}, "INVALID_OFFICE"),
        ("SatkerInput", {"satker_id": "S-1", "name": "X", "office": _OFFICE | {"latitude": 91}}, "INVALID_OFFICE"),
        ("SatkerInput", {"satker_id": "S-1", "name": "X", "office": _OFFICE | {"radius_m": 1}}, "INVALID_OFFICE"),
        ("SatkerInput", {"satker_id": "S-1", "name": "X", "office": _OFFICE | {"latitude": "1"}}, "INVALID_OFFICE"),
        ("SatkerInput", {"satker_id": "S-1", "name": "X", "office": _OFFICE | {"radius_m": 10.5}}, "INVALID_OFFICE"),
        ("RolesInput", {"roles": ["PEGAWAI"]}, "INVALID_ROLE"),
    ],
)
def test_a_request_is_refused_with_the_code_clients_know(model, data, code):
    with pytest.raises(ValidationError) as refused:
        payload(model, data)
    assert refused.value.code == code


def test_an_office_arrives_as_the_domains_location_and_null_clears_it():
    body = payload("OrgPatch", {"office": _OFFICE, "version": 2})
    assert body.office == OfficeLocation(-8.65, 115.2, 200) and body.version == 2
    assert payload("OrgPatch", {"office": None, "version": 2}).office is None


def test_a_draft_never_names_its_own_employee_as_supervisor():
    with pytest.raises(ValidationError) as refused:
        EmployeeDraft(NIP, "Dewi", "Perawat", "DINKES", "PKM", "628123", TimeZone.WIB, supervisor_nip=NIP)
    assert refused.value.code == "INVALID_SUPERVISOR"
