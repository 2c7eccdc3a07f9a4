"""The local API server takes a room of people clicking at once (issue 16, "Under faults"): 32 requests opened
at the same instant all get their answer, none a reset (Python's listen backlog of 5 reset them)."""

from __future__ import annotations

import http.client
import subprocess
import threading
from urllib.parse import urlsplit

BURST = 32


def test_a_burst_of_32_simultaneous_requests_all_answer(server: str) -> None:
    host, port = urlsplit(server).hostname, urlsplit(server).port
    listening = subprocess.run(["ss", "-ltnH", f"sport = :{port}"], capture_output=True, text=True, check=True)
    assert int(listening.stdout.split()[2]) >= 64, listening.stdout  # a LISTEN socket's Send-Q is its backlog

    start = threading.Barrier(BURST)
    outcomes: list[object] = []
    lock = threading.Lock()

    def one() -> None:
        try:
            connection = http.client.HTTPConnection(host, port, timeout=30)
            start.wait(timeout=10)
            connection.request("GET", "/openapi.json")
            response = connection.getresponse()
            outcome: object = (response.status, response.read()[:1])
            connection.close()
        except Exception as exc:  # a reset or a timeout is an outcome too, counted below
            outcome = exc
        with lock:
            outcomes.append(outcome)

    threads = [threading.Thread(target=one) for _ in range(BURST)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert len(outcomes) == BURST
    assert outcomes == [(200, b"{")] * BURST
