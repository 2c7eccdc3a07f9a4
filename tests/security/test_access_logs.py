"""Finding 8: e-mailed decision-link tokens (capabilities) never reach a log; logs name the route template."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from datetime import timedelta
from pathlib import Path

from tests.support import attend, make_nip, report_body, today_wib

ROOT = Path(__file__).resolve().parents[2]


def _get(url: str, form: bytes | None = None) -> int:
    """GET ``url``, or POST ``form`` (urlencoded) to it."""
    try:
        with urllib.request.urlopen(url, data=form, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


#: every kind whose decision links are e-mailed (reports to the supervisor, leave to the supervisor and the official)
LINKED = (
    ("report", "APPROVE"),
    ("leave_consideration", "REJECT"),
    ("leave_consideration", "DEFER"),
    ("leave_decision", "APPROVE"),
)


def _tokens() -> list[str]:
    """Decision-link tokens of every kind that e-mails them (items that do not exist: the page says so)."""
    from chalicelib.domain.decisions import Verdict
    from chalicelib.services import container

    return [
        container.links().link(kind, "0" * 32, make_nip(), Verdict(verdict)).rsplit("/", 1)[1]
        for kind, verdict in LINKED
    ]


def test_the_local_api_server_logs_the_route_template_not_the_token(stack, tmp_path):
    from devtools.processes import free_port, stop, wait_for_port

    tokens = _tokens()
    port, log = free_port(), tmp_path / "api.log"
    with log.open("wb") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "devtools.api_server", str(port)],
            cwd=ROOT,
            env=os.environ.copy(),
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        wait_for_port(port, server)
        base = f"http://127.0.0.1:{port}"
        for token in tokens:
            assert _get(f"{base}/decision-links/{token}") in (200, 400, 404, 409, 410)
            assert _get(f"{base}/decision-links/{token}?again={token}") in (200, 400, 404, 409, 410)
            assert _get(f"{base}/decision-links/{token}", f"note={token}".encode()) in (200, 400, 404, 409, 410)
            assert _get(f"{base}/decision-links/{token}", b"") in (200, 400, 404, 409, 410)  # a body-less POST
            assert _get(f"{base}/no-such-route/{token}") in (403, 404)
        time.sleep(0.2)
    finally:
        stop(server)
    logged = log.read_text()
    for token in tokens:
        assert token not in logged and token[:20] not in logged
    assert "GET /decision-links/{token}" in logged and "POST /decision-links/{token}" in logged


def test_the_function_logs_of_a_decision_link_hold_no_token(http, factory, caplog):
    from chalicelib.domain.decisions import Verdict
    from chalicelib.domain.workdays import is_working_day
    from chalicelib.handlers.api import logger
    from chalicelib.services import container

    skpd = factory.skpd()
    boss = factory.employee(skpd)
    staff = factory.employee(skpd, supervisor=boss)
    attend(staff, today_wib())
    staff_token = http.login(staff)
    report = http.call("POST", "/reports", report_body(today_wib()), token=staff_token)[1]
    real = container.links().link("report", report["report_id"], boss, Verdict.APPROVE).rsplit("/", 1)[1]
    day = today_wib() + timedelta(days=120)
    while not is_working_day(day):
        day += timedelta(days=1)
    status, leave = http.call("POST", "/leave", _leave(day), token=staff_token)
    assert status == 201, leave
    real_leave = container.links().link("leave_consideration", leave["leave_id"], boss, Verdict.APPROVE)
    # two that open a form and decide (a report, a leave), and one of every linked kind whose item does not exist
    tokens = [real, real_leave.rsplit("/", 1)[1], *_tokens()]
    form = {"Content-Type": "application/x-www-form-urlencoded"}
    logger.setLevel("DEBUG")
    caplog.clear()  # what the set-up above logged (at whatever level an earlier test left) is not under test
    try:
        with caplog.at_level("DEBUG"):
            for token in tokens:
                http.call("GET", f"/decision-links/{token}")
                http.call("POST", f"/decision-links/{token}", raw=b"note=Baik", headers=form)
    finally:
        logger.setLevel("WARNING")
    lines = [logger.registered_formatter.format(record) for record in caplog.records]
    requests = [json.loads(line) for line in lines if '"request"' in line]
    assert [(r["method"], r["route"], r["status"]) for r in requests[:4]] == [
        ("GET", "/decision-links/{token}", 200),
        ("POST", "/decision-links/{token}", 200),
    ] * 2
    assert [(r["method"], r["route"]) for r in requests] == [
        ("GET", "/decision-links/{token}"),
        ("POST", "/decision-links/{token}"),
    ] * len(tokens)
    assert http.call("GET", f"/leave/{leave['leave_id']}", token=staff_token)[1]["status"] != "PENDING_CONSIDERATION"
    for token in tokens:
        assert token not in "\n".join(lines) + caplog.text
        assert token[:20] not in "\n".join(lines) + caplog.text


def _leave(day) -> dict:
    return {
        "type": "ALASAN_PENTING",
        "reason": "Mengurus keluarga",
        "start_date": day.isoformat(),
        "end_date": day.isoformat(),
        "address": "Jl. Merdeka 1, Kota Contoh",
        "phone": "081234567890",
    }
