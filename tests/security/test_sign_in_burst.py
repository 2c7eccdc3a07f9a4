"""Finding 4: a burst of wrong passwords gets exactly five password checks; the template limits each source."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

from chalicelib.domain.accounts import MAX_FAILED_SIGN_INS

BURST = 30


def _burst(username: str, monkeypatch) -> tuple[list[int], int]:
    from chalicelib.domain.errors import DomainError
    from chalicelib.security import passwords
    from chalicelib.services import container

    checks, lock = [0], threading.Lock()
    real_verify = passwords.verify_password

    def counted(stored: str, password: str) -> bool:
        with lock:
            checks[0] += 1
        return real_verify(stored, password)

    monkeypatch.setattr(passwords, "verify_password", counted)
    start = threading.Barrier(BURST)

    def guess(n: int) -> int:
        start.wait()
        try:
            container.accounts().sign_in(username, f"salah-tebakan-{n}")
        except DomainError as exc:
            return exc.status
        return 200

    with ThreadPoolExecutor(BURST) as pool:
        statuses = list(pool.map(guess, range(BURST)))
    return statuses, checks[0]


def _exactly_five_checks(statuses: list[int], checks: int) -> None:
    """Exactly five passwords are checked (not "at most", which a burst that checks none would pass too): the first
    four wrong ones answer 401, the fifth locks the account and answers 429 like every attempt not checked."""
    assert checks == MAX_FAILED_SIGN_INS, checks
    assert len(statuses) == BURST, statuses
    assert statuses.count(401) == MAX_FAILED_SIGN_INS - 1, statuses
    assert statuses.count(429) == BURST - (MAX_FAILED_SIGN_INS - 1), statuses


def test_thirty_parallel_wrong_passwords_get_exactly_five_checks(factory, monkeypatch):
    nip = factory.employee(factory.skpd())
    _exactly_five_checks(*_burst(nip, monkeypatch))


def test_the_same_holds_for_an_unknown_username(stack, monkeypatch):
    from tests.support import unique

    _exactly_five_checks(*_burst(f"tidak.ada.{unique()}@contoh.go.id", monkeypatch))


def test_the_right_password_is_locked_out_after_the_burst(http, factory, monkeypatch):
    nip = factory.employee(factory.skpd())
    _burst(nip, monkeypatch)
    status, body = http.call("POST", "/auth/login", {"username": nip, "password": "Laporan-Harian-2026"})
    assert status == 429 and body["code"] == "ACCOUNT_LOCKED"


def test_the_template_limits_sign_in_per_source_address():
    from app import app
    from infra.template import merge_template

    resources = merge_template(app)["Resources"]
    acl = next(r for r in resources.values() if r.get("Type") == "AWS::WAFv2::WebACL")
    rule = next(r for r in acl["Properties"]["Rules"] if "RateBasedStatement" in r["Statement"])
    rate = rule["Statement"]["RateBasedStatement"]
    assert rate["AggregateKeyType"] == "IP" and rate["Limit"] <= 100
    assert "/auth/login" in str(rate["ScopeDownStatement"])
    assert any(r.get("Type") == "AWS::WAFv2::WebACLAssociation" for r in resources.values())


def test_thirty_parallel_wrong_authenticator_codes_count_in_the_same_guard(factory):
    """After the right password (counted until the code is right too), a burst of wrong authenticator codes gets
    the rest of the five attempts: three answer 401, the fifth attempt locks, every other one answers 429."""
    from chalicelib.domain.errors import DomainError
    from chalicelib.services import container

    nip = factory.employee(factory.skpd(), roles=("KEPEGAWAIAN",))
    challenge = container.accounts().sign_in(nip, "Laporan-Harian-2026").challenge
    start = threading.Barrier(BURST)

    def guess(n: int) -> int:
        start.wait()
        try:
            container.authenticator().sign_in(challenge, f"{n:06d}")
        except DomainError as exc:
            return exc.status
        return 200

    with ThreadPoolExecutor(BURST) as pool:
        statuses = list(pool.map(guess, range(BURST)))
    assert statuses.count(401) == MAX_FAILED_SIGN_INS - 2, statuses
    assert statuses.count(429) == BURST - (MAX_FAILED_SIGN_INS - 2), statuses
