"""The domain rule of issue 16 hole 2 (nobody changes what decides their own entitlements) and hole 6 (HR's
answer about one employee never tells whether a NIP exists), and how a roster import knows its uploader."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from chalicelib.domain.accounts import (
    Actor,
    Employee,
    EmploymentStatus,
    Role,
    changed_entitlements,
    forbid_own_entitlement,
    require_hr_over,
)
from chalicelib.domain.errors import Forbidden, NotFound
from chalicelib.domain.identity import TimeZone
from chalicelib.services.roster import _scope_of

NIP, OTHER = "199001152015032001", "198505052010011002"
PERSON = Employee(NIP, "Dewi", "Analis", "DINKES", "SEK", "628123", TimeZone.WIB)


def test_nobody_changes_their_own_entitlements_not_even_the_admin():
    with pytest.raises(Forbidden) as refused:
        forbid_own_entitlement(NIP, NIP, "peran")
    assert refused.value.code == "OWN_ENTITLEMENT" and refused.value.details == {"what": "peran"}
    assert "(peran)" in refused.value.message
    forbid_own_entitlement(OTHER, NIP, "peran")  # someone else: allowed


def test_changed_entitlements_names_supervisor_tmt_and_employment_only():
    assert changed_entitlements(PERSON, replace(PERSON, name="Dewi S.", whatsapp="62811")) == []
    changed = replace(PERSON, supervisor_nip=OTHER, tmt=date(2000, 1, 3), employment_status=EmploymentStatus.PPPK)
    assert changed_entitlements(PERSON, changed) == ["atasan", "TMT", "kedudukan kepegawaian"]


@pytest.mark.parametrize(
    ("roles", "skpd", "unknown"),
    [
        ({Role.PEGAWAI}, "DINKES", Forbidden),
        ({Role.KEPEGAWAIAN}, "DISDIK", Forbidden),
        ({Role.KEPEGAWAIAN}, "DINKES", Forbidden),  # even one's own SKPD cannot tell which NIPs exist
        ({Role.BKD}, "DISDIK", NotFound),
        ({Role.ADMIN}, "DISDIK", NotFound),
    ],
)
def test_an_unknown_nip_is_refused_like_another_skpds_employee(roles, skpd, unknown):
    actor = Actor(OTHER, skpd, frozenset(roles))
    with pytest.raises(unknown):
        require_hr_over(actor, None)
    if (skpd == "DINKES" and Role.KEPEGAWAIAN in roles) or roles & {Role.BKD, Role.ADMIN}:
        assert require_hr_over(actor, PERSON) is PERSON
    else:
        with pytest.raises(Forbidden):
            require_hr_over(actor, PERSON)


def test_a_roster_uploaded_through_the_api_acts_as_its_uploader():
    import_id = "a" * 32
    found, actor = _scope_of(f"imports/skpd/DINKES/{import_id}{NIP}.csv")
    assert (found, actor.nip, actor.skpd_id, actor.roles) == (import_id, NIP, "DINKES", {Role.OPERATOR_SKPD})
    found, actor = _scope_of(f"imports/admin/{import_id}{NIP}.xlsx")
    assert (found, actor.nip, actor.is_admin) == (import_id, NIP, True)
    found, actor = _scope_of(f"imports/skpd/DINKES/{import_id}.csv")  # an older name: the system
    assert (found, actor.nip) == (import_id, "SYSTEM-IMPORT")
    found, actor = _scope_of("imports/dari-konsol/roster november.csv")
    assert len(found) == 32 and actor.nip == "SYSTEM-IMPORT" and actor.is_admin
