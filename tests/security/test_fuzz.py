"""A bounded fuzz run: schemathesis sends generated requests for every documented operation, over HTTP to the
local API server, with an employee's, a supervisor's, an operator's and an admin's token. No answer may be a
5xx, and every JSON answer must be what the served OpenAPI document says (`tests.support.conforms`). The
document must also be exact about what it accepts: data valid by the document is never refused by the model's
shape checks (``SHAPE_CODES``: a required field the document calls optional, a limit it does not state…), and
data invalid by it is refused (never a 2xx, as schemathesis's ``negative_data_rejection`` judges, allowing for
what serialisation makes valid again) with a 4xx in the error shape.

Bounded: a few derandomised examples per operation (``FUZZ_EXAMPLES``), so the run takes a minute or two and
always tries the same inputs.
"""

from __future__ import annotations

import json
import os
from typing import Any

import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode

from tests.support import attend, authenticator_code, conforms, report_body, today_wib

FUZZ_EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "6"))
#: the codes of the request models' own refusals (`schemas.base._translate`, the edge's JSON and form checks):
#: one of these for data the document calls valid means the document says less than the server checks.
#: A domain check behind a field (a NIP's embedded date, a window of days, control characters) answers with its
#: own code: the document cannot state those, and they are not counted here
SHAPE_CODES = frozenset(
    {
        "REQUIRED",
        "VERSION_REQUIRED",
        "INVALID_TYPE",
        "TOO_LONG",
        "TOO_MANY_ITEMS",
        "OUT_OF_RANGE",
        "INVALID_VALUE",
        "VALIDATION_ERROR",
        "INVALID_JSON",
        "UNSUPPORTED_MEDIA_TYPE",
        "BAD_REQUEST",
    }
)


@pytest.fixture(scope="module")
def tokens(server: str) -> dict[str, str]:
    """Three callers with real data behind them, so generated ids and cursors meet existing items too."""
    from tests.support import Factory

    factory = Factory()
    skpd = factory.skpd()
    boss = factory.employee(skpd, name="Atasan Fuzz")
    staff = factory.employee(skpd, supervisor=boss, name="Pegawai Fuzz")
    operator = factory.employee(skpd, roles=("OPERATOR_SKPD",), name="Operator Fuzz")
    admin = factory.employee(factory.skpd(), roles=("ADMIN",), name="Admin Fuzz")
    attend(staff, today_wib())
    session = requests.Session()
    signed_in = {}
    for role, nip in (("employee", staff), ("supervisor", boss), ("operator", operator), ("admin", admin)):
        answer = session.post(f"{server}/auth/login", json={"username": nip, "password": "Laporan-Harian-2026"}).json()
        if "second_factor" in answer:  # an officer: the authenticator's code too
            second = {"challenge": answer["challenge"], "code": authenticator_code(nip)}
            answer = session.post(f"{server}/auth/totp/login", json=second).json()
        signed_in[role] = answer["token"]
    created = session.post(
        f"{server}/reports", json=report_body(today_wib()), headers={"Authorization": f"Bearer {signed_in['employee']}"}
    )
    assert created.status_code == 201, created.text
    return signed_in


@pytest.fixture(scope="module")
def operations(server: str) -> list[Any]:
    """Every documented operation but signing out and changing the password (they would only end the
    sessions this run needs; both have their own tests)."""
    document = requests.get(f"{server}/openapi.json", timeout=10).json()
    schema = schemathesis.openapi.from_dict(document)
    # this run sends each caller's own bearer token: invalid data goes into paths, queries and bodies instead
    schema.config.generation.update(with_security_parameters=False)
    found = [result.ok() for result in schema.get_all_operations()]
    return [op for op in found if op.path not in ("/auth/logout", "/auth/password")]


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_every_request_is_answered_as_documented(
    operations: list[Any], server: str, tokens: dict[str, str], mode: Any
) -> None:
    from schemathesis.specs.openapi.checks import negative_data_rejection

    server_errors: list[str] = []
    drift: list[str] = []
    valid_refused: list[str] = []
    invalid_accepted: list[str] = []
    calls, judged = [0], [0]
    for operation in operations:

        @settings(
            max_examples=FUZZ_EXAMPLES,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        @given(case=operation.as_strategy(generation_mode=mode))
        def call_as_everyone(case: Any) -> None:
            for role, token in tokens.items():
                response = case.call(base_url=server, headers={"Authorization": f"Bearer {token}"}, timeout=30)
                calls[0] += 1
                said = (
                    f"{role} {case.method} {case.formatted_path} {case.query} {case.body!r:.200}"
                    f" -> {response.status_code} {response.text[:200]}"
                )
                if response.status_code != 204 and _content_type(response).startswith("application/json"):
                    try:
                        conforms(case.method, case.formatted_path, response.status_code, json.loads(response.text))
                    except AssertionError as exc:
                        drift.append(f"{role}: {exc}")
                    except ValueError:
                        drift.append(f"JSON announced, none sent: {said}")
                if response.status_code >= 500:
                    server_errors.append(said)
                elif (
                    mode is GenerationMode.POSITIVE
                    and _shape_refusal(response) in SHAPE_CODES
                    and not _integral_float_refused(case, response)
                ):
                    valid_refused.append(said)
                elif mode is GenerationMode.NEGATIVE and not _mutates_headers(case):
                    judged[0] += 1
                    try:
                        case.validate_response(response, checks=[negative_data_rejection])
                    except (AssertionError, BaseExceptionGroup) as exc:  # schemathesis's failure (or a group)
                        invalid_accepted.append(f"{said}: {str(exc)[:300]}")
                    if 400 <= response.status_code < 500 and not _in_shape(case, response):
                        invalid_accepted.append(f"{said}: refused outside the error shape")

        try:
            call_as_everyone()
        except Unsatisfiable:  # nothing of this operation can be made invalid (no parameters, no body)
            continue
    assert calls[0] >= len(operations) * len(tokens) // 2, calls  # the run really reached the API
    if mode is GenerationMode.NEGATIVE:  # most invalid requests were judged (not only those we cannot send)
        assert judged[0] >= calls[0] // 2, (judged, calls)
    assert not server_errors, "\n".join(server_errors[:20])
    assert not drift, "\n".join(dict.fromkeys(drift).keys())
    assert not valid_refused, "valid by the document, refused by the server:\n" + "\n".join(valid_refused[:20])
    assert not invalid_accepted, "invalid by the document, not refused in shape:\n" + "\n".join(invalid_accepted[:20])


def _content_type(response: Any) -> str:
    """The answer's Content-Type. Schemathesis's response keeps headers lower-cased, each a list of values (a
    ``headers.get("Content-Type", "")`` always found nothing, and the contract check above never ran)."""
    values = response.headers.get("content-type") or [""]
    return values[0] if isinstance(values, list) else str(values)


def _mutates_headers(case: Any) -> bool:
    """A negative case made invalid (also) in its headers: this run sends its own Authorization header, so what
    the server answers says nothing about that mutation; such a case is not judged."""
    from schemathesis.core.parameters import ParameterLocation

    data = case.meta.phase.data if case.meta is not None else None
    mutations = getattr(data, "mutations", ()) or ()
    return getattr(data, "parameter_location", None) is ParameterLocation.HEADER or any(
        m.parameter_location is ParameterLocation.HEADER for m in mutations
    )


def _shape_refusal(response: Any) -> str | None:
    """The error code of a 400/422 answer (``None`` for anything else)."""
    if response.status_code not in (400, 422) or not _content_type(response).startswith("application/json"):
        return None
    body = response.json()
    return body.get("code") if isinstance(body, dict) else None


def _in_shape(case: Any, response: Any) -> bool:
    """A refusal in the error shape (the pages behind e-mailed links may answer people in HTML instead)."""
    content_type = _content_type(response)
    if case.path.startswith("/decision-links/") and content_type.startswith("text/html"):
        return True
    if not content_type.startswith("application/json"):
        return False
    body = response.json()
    return isinstance(body, dict) and {"code", "message", "details"} <= body.keys()


def _integral_float_refused(case: Any, response: Any) -> bool:
    """``INVALID_TYPE`` for a whole number written with a fraction (``2295.0``): JSON Schema counts it an
    integer, the server wants an integer literal (as every client sends). Not counted as a mismatch."""
    body = response.json()
    if body.get("code") != "INVALID_TYPE" or not isinstance(case.body, dict):
        return False
    value: Any = case.body
    for part in str(body.get("details", {}).get("field", "")).split("."):
        if isinstance(value, list) and part.isdigit() and int(part) < len(value):
            value = value[int(part)]  # an item of a list (``items.3.version``)
        else:
            value = value.get(part) if isinstance(value, dict) else None
    return isinstance(value, float) and value.is_integer()
