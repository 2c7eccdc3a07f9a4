"""Issue 16, hole 6: no route that takes a NIP tells a PEGAWAI whether that NIP exists.

Every ``…/employees/{nip}…`` route the API declares is asked, by a plain PEGAWAI, about a colleague of the same
SKPD (neither their supervisor nor their subordinate), an employee of another SKPD and a NIP nobody has: the
three answers are the same (status, code and message). A route added later without an entry here fails the test,
so it is looked at too.
"""

from __future__ import annotations

import pytest

from chalicelib.handlers.api import ROUTES
from tests.support import make_nip, today_wib

_YEAR = today_wib().year
#: a body (or query) each route accepts, so the answer is the route's authority check, not the request's shape
REQUESTS: dict[tuple[str, str], tuple[dict | None, str]] = {
    ("GET", "/employees/{nip}"): (None, ""),
    ("PATCH", "/employees/{nip}"): ({"jabatan": "Analis", "version": 1}, ""),
    ("PUT", "/employees/{nip}/supervisor"): ({"supervisor_nip": None}, ""),
    ("POST", "/employees/{nip}/password-reset"): (None, ""),
    ("PUT", "/employees/{nip}/roles"): ({"roles": ["OPERATOR_SKPD"]}, ""),
    ("DELETE", "/employees/{nip}/authenticator"): (None, ""),
    ("GET", "/employees/{nip}/devices"): (None, ""),
    ("DELETE", "/employees/{nip}/devices/{device_id}"): (None, ""),
    ("GET", "/employees/{nip}/subordinates"): (None, "?limit=5"),
    ("GET", "/employees/{nip}/history"): (None, "?limit=5"),
    ("PUT", "/employees/{nip}/leave-opening"): ({"year": 2025, "remaining": 12}, ""),
    ("PUT", "/employees/{nip}/leave-bersama-worked"): ({"year": _YEAR, "days": 1}, ""),
    ("GET", "/archive/employees/{nip}"): (None, ""),
    ("PUT", "/archive/employees/{nip}/profile"): ({"conditions": []}, ""),
    ("POST", "/archive/employees/{nip}/documents/{category}/upload"): (
        {"filename": "sk.pdf", "content_type": "application/pdf", "size": 1000},
        "",
    ),
    ("POST", "/archive/employees/{nip}/documents/{category}/confirm"): ({"upload_token": "x" * 40}, ""),
    ("DELETE", "/archive/employees/{nip}/documents/{category}"): (None, "?version=1"),
}
#: the routes whose answer to a PEGAWAI about someone else is a plain refusal (the others may first refuse the
#: request for another reason, e.g. an unknown category; equal answers is what matters)
REFUSED = {key for key in REQUESTS if "/documents/" not in key[1]}


def _nip_routes() -> set[tuple[str, str]]:
    import app  # noqa: F401 - registers every route

    return {(method, spec.path) for spec in ROUTES if "{nip}" in spec.path for method in spec.methods}


def test_every_route_that_takes_a_nip_is_asked():
    assert _nip_routes() == set(REQUESTS), "a route that takes a NIP: add it to REQUESTS"


@pytest.fixture
def people(http, factory):
    skpd, other = factory.skpd(), factory.skpd()
    boss = factory.employee(skpd, name="Kepala Bidang")
    pegawai = factory.employee(skpd, supervisor=boss, name="Pegawai Biasa")
    return {
        "token": http.login(pegawai),
        "colleague": factory.employee(skpd, supervisor=boss, name="Rekan Sejawat"),
        "stranger": factory.employee(other, name="Pegawai SKPD Lain"),
        "unknown": make_nip(),
    }


@pytest.mark.parametrize(("method", "path"), sorted(REQUESTS))
def test_a_pegawai_gets_the_same_answer_for_an_unknown_nip_and_a_colleagues(http, people, method, path):
    body, query = REQUESTS[(method, path)]
    answers = {}
    for who in ("colleague", "stranger", "unknown"):
        url = path.format(nip=people[who], category="SK-CPNS", device_id="0" * 32) + query
        status, error = http.call(method, url, body, token=people["token"])
        answers[who] = (status, error.get("code"), error.get("message"))
    assert answers["unknown"] == answers["colleague"] == answers["stranger"], (method, path, answers)
    if (method, path) in REFUSED:
        assert answers["unknown"][:2] == (403, "FORBIDDEN"), (method, path, answers)
