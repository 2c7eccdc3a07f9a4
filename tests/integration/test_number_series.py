"""The numbered series under a race, over HTTP: complaints filed at the same moment get different references
(``ADU/<year>/<n>``), team records submitted at the same moment different activity codes (``TK/<year>/<n>``).
Each number comes from one atomic update of its series; a read-then-write would hand two callers one number."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest

from tests.integration.test_complaints import _letter
from tests.integration.test_records import _body
from tests.support import today_wib

RACERS = 8


def _race(calls: list[Callable[[], tuple[int, Any]]]) -> list[tuple[int, Any]]:
    """Run ``calls`` at the same moment; every outcome, an exception included, is kept (none may vanish)."""
    start, lock, outcomes = threading.Barrier(len(calls)), threading.Lock(), []

    def run(call: Callable[[], tuple[int, Any]]) -> None:
        start.wait(timeout=30)
        try:
            outcome = call()
        except Exception as exc:  # reported by the count below
            outcome = (0, repr(exc))
        with lock:
            outcomes.append(outcome)

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert len(outcomes) == len(calls), outcomes
    return outcomes


def _serial(numbers: list[int]) -> None:
    """Different numbers, one unbroken run of them (nothing else numbers in this series meanwhile)."""
    assert len(set(numbers)) == len(numbers), sorted(numbers)
    assert sorted(numbers) == list(range(min(numbers), min(numbers) + len(numbers))), sorted(numbers)


@pytest.fixture
def staff(http, factory) -> list[tuple[str, str]]:
    skpd = factory.skpd()
    people = [factory.employee(skpd, name=f"Pegawai Balapan {n}") for n in range(RACERS)]
    return [(nip, http.login(nip)) for nip in people]


def test_complaints_filed_at_once_get_different_references(http, staff):
    today = today_wib()

    def filer(token: str, letter: str) -> Callable[[], tuple[int, Any]]:
        body = {
            "type": "TUGAS_LUAR",
            "date": str(today),
            "session": "PAGI",
            "reason": "Rapat koordinasi di Dinas Kesehatan Provinsi",
            "upload_token": letter,
        }
        return lambda: http.call("POST", "/complaints", body, token=token)

    outcomes = _race([filer(token, _letter(http, token)) for _, token in staff])
    assert [status for status, _ in outcomes] == [201] * RACERS, outcomes
    references = [answer["reference"] for _, answer in outcomes]
    assert all(r.startswith(f"ADU/{today.year}/") for r in references), references
    _serial([int(r.rsplit("/", 1)[1]) for r in references])


def test_team_records_submitted_at_once_get_different_activity_codes(http, staff):
    def submitter(token: str) -> Callable[[], tuple[int, Any]]:
        return lambda: http.call("POST", "/records", _body("TIM_KERJA"), token=token)

    outcomes = _race([submitter(token) for _, token in staff])
    assert [status for status, _ in outcomes] == [201] * RACERS, outcomes
    codes = [answer["team"]["activity_code"] for _, answer in outcomes]
    year = codes[0].split("/")[1]
    assert all(c.startswith(f"TK/{year}/") for c in codes), codes
    _serial([int(c.rsplit("/", 1)[1]) for c in codes])
