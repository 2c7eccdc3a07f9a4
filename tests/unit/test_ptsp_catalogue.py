"""The PTSP catalogue's and desk's pure rules (issue 22, seed 003 §3): what an information type must say, how its
keywords are kept, the menu order, the greeting a visitor gets, and who may keep an SKPD's desk."""

from __future__ import annotations

from datetime import date

import pytest

from chalicelib.domain.accounts import Actor, Role
from chalicelib.domain.errors import Forbidden, ValidationError
from chalicelib.domain.ptsp.catalogue import (
    InformationType,
    duplicate_name,
    in_menu_order,
    information_type,
    normalise_keywords,
)
from chalicelib.domain.ptsp.desk import check_range, clean_note, clean_visitor_name, greeting
from chalicelib.domain.ptsp.officers import require_ptsp_officer


def _make(**change):
    fields = {
        "name": "  Surat   keterangan sehat ",
        "requirements": ["KTP asli", "", "  Pas foto 3x4  "],
        "procedure": "1. Daftar di loket.   \n2. Pemeriksaan dokter.\n",
        "keywords": [" Sehat ", "SURAT SEHAT", "sehat", ""],
        **change,
    }
    return information_type("DINKES", "t1", **fields)


def test_a_type_is_trimmed_and_its_keywords_lower_cased_once_each():
    t = _make()
    assert t.name == "Surat keterangan sehat"
    assert t.requirements == ("KTP asli", "Pas foto 3x4")
    assert t.procedure == "1. Daftar di loket.\n2. Pemeriksaan dokter."
    assert t.keywords == ("sehat", "surat sehat")
    assert normalise_keywords(["Cerai  Gugat", "cerai gugat"]) == ("cerai gugat",)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"name": "  "}, "name"),
        ({"name": "x" * 121}, "name"),
        ({"requirements": ["", " "]}, "requirements"),
        ({"requirements": [f"butir {n}" for n in range(31)]}, "requirements"),
        ({"requirements": ["x" * 301]}, "requirements"),
        ({"procedure": " \n "}, "procedure"),
        ({"procedure": "x" * 3001}, "procedure"),
        ({"keywords": ["x" * 41]}, "keywords"),
        ({"keywords": [f"kata {n}" for n in range(31)]}, "keywords"),
        ({"order": -1}, "order"),
    ],
)
def test_a_bad_type_names_its_field_in_indonesian(change, field):
    with pytest.raises(ValidationError) as refused:
        _make(**change)
    assert refused.value.code == "INVALID_INFORMATION_TYPE" and refused.value.details == {"field": field}
    assert refused.value.message[0].isupper() and "must" not in refused.value.message


def test_the_menu_order_is_order_then_name_and_duplicates_ignore_case_and_spacing():
    def t(type_id: str, name: str, order: int) -> InformationType:
        return InformationType("DINKES", type_id, name, ("KTP",), "x", order=order)

    types = [t("a", "legalisir", 1), t("b", "Akta", 1), t("c", "Zebra", 0)]
    assert [x.type_id for x in in_menu_order(types)] == ["c", "b", "a"]
    assert duplicate_name(" LEGALISIR ", types) and not duplicate_name("legalisir", types, type_id="a")
    assert not duplicate_name("Baru", types)


def test_the_greeting_says_received_lists_the_requirements_and_the_next_steps():
    text = greeting("Siti Aminah", "Dinas Kesehatan", _make())
    assert text.startswith("Yth. Siti Aminah,")
    assert "PTSP Dinas Kesehatan telah kami terima: *Surat keterangan sehat*" in text
    assert "1. KTP asli\n2. Pas foto 3x4" in text
    assert "Langkah selanjutnya:\n1. Daftar di loket.\n2. Pemeriksaan dokter." in text


def test_visitor_fields_and_the_range_of_a_list():
    assert clean_visitor_name("  Siti\tAminah ") == "Siti Aminah"
    assert clean_note(None) == "" and clean_note("  catatan ") == "catatan"
    for bad in ("", "x" * 121):
        with pytest.raises(ValidationError):
            clean_visitor_name(bad)
    with pytest.raises(ValidationError):
        clean_note("x" * 1001)
    check_range(date(2026, 12, 1), date(2026, 12, 31))  # 31 days
    for first, last in ((date(2026, 12, 1), date(2027, 1, 1)), (date(2026, 12, 2), date(2026, 12, 1))):
        with pytest.raises(ValidationError) as refused:
            check_range(first, last)
        assert refused.value.code == "INVALID_DATE_RANGE"


def test_only_the_offices_own_officers_and_the_admin_keep_its_desk():
    def actor(skpd: str, *roles: Role) -> Actor:
        return Actor(nip="198806122010012005", skpd_id=skpd, roles=frozenset(roles))

    require_ptsp_officer(actor("DINKES", Role.LAYANAN), "DINKES")
    require_ptsp_officer(actor("BKD", Role.ADMIN), "DINKES")
    for outsider in (actor("DISDIK", Role.LAYANAN), actor("DINKES", Role.PIMPINAN), actor("DINKES", Role.KEPEGAWAIAN)):
        with pytest.raises(Forbidden):
            require_ptsp_officer(outsider, "DINKES")


def test_the_demo_catalogue_keeps_the_rules():
    from devtools.demo import PTSP_TYPES

    for name, requirements, procedure, keywords in PTSP_TYPES:
        made = information_type(
            "DINKES", "t", name=name, requirements=requirements, procedure=procedure, keywords=keywords
        )
        assert made.name == name and len(made.requirements) == len(requirements)
