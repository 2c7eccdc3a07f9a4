"""Finding 8: e-mailed action tokens (capabilities) never reach a log; logs name the route template."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from tests.support import make_nip

ROOT = Path(__file__).resolve().parents[2]


def _get(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_the_local_api_server_logs_the_route_template_not_the_token(stack, tmp_path):
    from chalicelib.services import container
    from devtools.processes import free_port, stop, wait_for_port

    token = container.action_links().link("report-x", make_nip(), "approve").rsplit("/", 1)[1]
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
        assert _get(f"{base}/email-actions/{token}") in (200, 404, 409, 410)
        assert _get(f"{base}/email-actions/{token}?again={token}") in (200, 404, 409, 410)
        assert _get(f"{base}/no-such-route/{token}") in (403, 404)
        time.sleep(0.2)
    finally:
        stop(server)
    logged = log.read_text()
    assert token not in logged and token[:20] not in logged
    assert "GET /email-actions/{token}" in logged


def test_the_function_logs_of_an_email_action_hold_no_token(http, caplog):
    from chalicelib.handlers.api import logger
    from chalicelib.services import container

    token = container.action_links().link("report-y", make_nip(), "approve").rsplit("/", 1)[1]
    logger.setLevel("DEBUG")
    try:
        with caplog.at_level("DEBUG"):
            http.call("GET", f"/email-actions/{token}")
    finally:
        logger.setLevel("WARNING")
    lines = [logger.registered_formatter.format(record) for record in caplog.records]
    requests = [json.loads(line) for line in lines if '"request"' in line]
    assert [r["route"] for r in requests] == ["/email-actions/{token}"]
    assert token not in "\n".join(lines) + caplog.text
