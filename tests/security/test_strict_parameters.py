"""Issue 16, hole 5 and the fuzz findings: every whole number a client sends is parsed in one strict place
(ASCII digits, bounded), every list with from/to refuses a reversed range, and a refusal names the parameter
as sent (``from``, ``for``), never the Python field."""

from __future__ import annotations

import uuid

import pytest

from tests.support import attend, report_body, today_wib

#: what `str.isdigit` takes but `int` refuses or what no version can be
BAD_NUMBERS = ("²", "１", "99999999999999999999", "0", "-1", "1.0", "1e3", "%201", "1%0A", "%C2%B2", "")


@pytest.fixture
def people(http, factory):
    skpd = factory.skpd()
    boss = factory.employee(skpd, name="Atasan Uji")
    staff = factory.employee(skpd, supervisor=boss)
    hr = factory.employee(skpd, roles=("KEPEGAWAIAN",))
    admin = factory.employee(skpd, roles=("ADMIN",))
    attend(staff, today_wib())
    tokens = {name: http.login(nip) for name, nip in (("boss", boss), ("staff", staff), ("hr", hr), ("admin", admin))}
    report = http.call("POST", "/reports", report_body(today_wib()), token=tokens["staff"])[1]
    template = http.call(
        "POST",
        "/templates",
        {
            "name": "Rapat",
            "title": "Rapat koordinasi",
            "description": "Rapat",
            "output": "Notulen",
            "duration_minutes": 30,
        },
        token=tokens["staff"],
    )[1]
    return {"skpd": skpd, "staff": staff, "tokens": tokens, "report": report, "template": template}


def _refused(status: int, body, code: str) -> bool:
    return (
        status == 400 and isinstance(body, dict) and body.get("code") == code and {"message", "details"} <= body.keys()
    )


@pytest.mark.parametrize("number", BAD_NUMBERS)
def test_a_malformed_version_on_every_delete_is_a_400_and_changes_nothing(http, people, number):
    t = people["tokens"]
    report, template = people["report"], people["template"]
    for path, token in (
        (f"/reports/{report['report_id']}", t["staff"]),
        (f"/templates/{template['template_id']}", t["staff"]),
        (f"/records/{uuid.uuid4().hex}", t["staff"]),
        (f"/archive/employees/{people['staff']}/documents/KTP", t["staff"]),
        ("/archive/categories/KTP", t["admin"]),
    ):
        status, body = http.call("DELETE", f"{path}?version={number}", token=token)
        assert _refused(status, body, "VERSION_REQUIRED"), (path, number, status, body)
        assert body["details"] == {"field": "version"}
    status, after = http.call("GET", f"/reports/{report['report_id']}", token=t["staff"])
    assert (status, after["status"], after["version"]) == (200, report["status"], report["version"])
    status, kept = http.call("GET", f"/templates/{template['template_id']}", token=t["staff"])
    assert (status, kept["version"]) == (200, template["version"])


@pytest.mark.parametrize("number", ("²", "１", "99999999999999999999", "0", "101"))
def test_a_malformed_limit_is_a_400_on_every_paged_list(http, people, number):
    t = people["tokens"]
    for path, token in (
        ("/reports", t["staff"]),
        ("/complaints", t["staff"]),
        ("/records", t["staff"]),
        ("/verifications?kind=report", t["boss"]),
    ):
        status, body = http.call("GET", f"{path}{'&' if '?' in path else '?'}limit={number}", token=token)
        assert _refused(status, body, "INVALID_LIMIT"), (path, number, status, body)


def test_a_malformed_holiday_year_is_a_400(http, people):
    for year in ("²０２６", "２０２６", "20²6", "2⁰26", "0"):
        status, body = http.call("GET", f"/admin/holidays?year={year}", token=people["tokens"]["admin"])
        assert _refused(status, body, "INVALID_YEAR"), (year, status, body)


def test_a_reversed_date_range_is_a_400_on_every_list(http, people):
    t = people["tokens"]
    reversed_range = "from=2026-12-08&to=2026-11-06"
    answers = []
    for path, token in (
        ("/reports", t["staff"]),
        ("/complaints", t["staff"]),
        ("/verifications?kind=report", t["boss"]),
        ("/verifications?kind=complaint", t["hr"]),
        (f"/leave/skpd?skpd_id={people['skpd'][0]}", t["hr"]),
        ("/exports/preview?period=range", t["staff"]),
    ):
        status, body = http.call("GET", f"{path}{'&' if '?' in path else '?'}{reversed_range}", token=token)
        assert _refused(status, body, "INVALID_DATE_RANGE"), (path, status, body)
        assert body["details"]["field"] == "to"
        answers.append(body["message"])
    assert len(set(answers)) == 1, answers  # one check, one message
    # the same day at both ends is a range, not a refusal
    assert http.call("GET", "/reports?from=2026-11-06&to=2026-11-06", token=t["staff"])[0] == 200


def test_a_refusal_names_the_parameter_as_sent(http, people):
    t = people["tokens"]
    status, body = http.call("GET", "/reports?from=2026-13-01", token=t["staff"])
    assert (status, body["code"], body["details"]["field"]) == (400, "INVALID_DATE", "from")
    assert "'from'" in body["message"] and "from_" not in body["message"]
    status, body = http.call("GET", "/verifications?kind=report&for=123", token=t["boss"])
    assert (status, body["details"]["field"]) == (400, "for"), body
    assert "for_" not in body["message"]


def test_the_document_says_what_the_server_requires():
    from chalicelib import openapi

    paths = openapi.document()["paths"]
    for path in (
        "/reports/{report_id}",
        "/templates/{template_id}",
        "/records/{record_id}",
        "/archive/employees/{nip}/documents/{category}",
        "/archive/categories/{category}",
    ):
        [version] = [p for p in paths[path]["delete"]["parameters"] if p["name"] == "version"]
        assert version["required"] is True and version["schema"]["type"] == "integer", (path, version)
    assert "422" in paths["/leave/{leave_id}/letter"]["get"]["responses"]
