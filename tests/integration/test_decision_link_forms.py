"""The form behind an e-mailed decision link takes an optional body: a POST without any body and without a
Content-Type (what a mail client's or a proxy's bare POST sends) is an empty form, not a 415; other content types
stay refused in the error shape."""

from __future__ import annotations

import pytest

from tests.support import attend, report_body, today_wib


@pytest.fixture
def link(http, factory):
    """An approving link for a report waiting for its supervisor, and how to read the report back."""
    from chalicelib.domain.decisions import Verdict
    from chalicelib.services import container

    skpd = factory.skpd()
    boss = factory.employee(skpd, name="Atasan Tautan")
    staff = factory.employee(skpd, supervisor=boss, name="Pegawai Tautan")
    attend(staff, today_wib())
    token = http.login(staff)
    status, report = http.call("POST", "/reports", report_body(today_wib()), token=token)
    assert status == 201, report
    url = container.links().link("report", report["report_id"], boss, Verdict.APPROVE)
    return {
        "path": "/decision-links/" + url.rsplit("/", 1)[1],
        "status": lambda: http.call("GET", f"/reports/{report['report_id']}", token=token)[1]["status"],
    }


def _post(http, path: str, headers: dict[str, str], body: bytes | None) -> tuple[int, str, str]:
    """A POST exactly as given: the test client's wrapper would add a JSON Content-Type."""
    response = http.client.http.request("POST", path, headers=headers, body=body)
    content_type = response.headers.get("Content-Type") or response.headers.get("content-type") or ""
    return response.status_code, content_type, (response.body or b"").decode()


def test_a_body_less_post_without_content_type_decides_as_an_empty_form(http, link):
    assert link["status"]() == "SUBMITTED"
    status, content_type, page = _post(http, link["path"], {}, None)
    assert status == 200, (status, page)
    assert content_type.startswith("text/html") and "<html" in page.lower()
    assert link["status"]() == "APPROVED"
    status, _, _ = _post(http, link["path"], {}, b"")  # used: the same page any second use gets
    assert status == 409


@pytest.mark.parametrize(
    ("headers", "body"),
    [
        ({"Content-Type": "text/plain"}, b"note=x"),
        ({"Content-Type": "application/json"}, b'{"note": "x"}'),
        ({}, b"note=x"),  # a body without its type is not taken for a form
    ],
)
def test_other_content_types_stay_refused_in_shape_and_decide_nothing(http, link, headers, body):
    import json

    status, content_type, answer = _post(http, link["path"], headers, body)
    assert status == 415 and content_type.startswith("application/json"), (status, answer)
    assert json.loads(answer)["code"] == "UNSUPPORTED_MEDIA_TYPE"
    assert link["status"]() == "SUBMITTED"
