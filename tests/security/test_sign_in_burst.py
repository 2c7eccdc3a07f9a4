"""Finding 4: a burst of wrong passwords gets at most five password checks; the template limits each source."""

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


def test_thirty_parallel_wrong_passwords_get_at_most_five_checks(factory, monkeypatch):
    nip = factory.employee(factory.skpd())
    statuses, checks = _burst(nip, monkeypatch)
    assert checks <= MAX_FAILED_SIGN_INS, checks
    assert sum(1 for s in statuses if s != 429) <= MAX_FAILED_SIGN_INS, statuses
    assert set(statuses) <= {401, 429}


def test_the_same_holds_for_an_unknown_username(stack, monkeypatch):
    statuses, checks = _burst("tidak.ada@contoh.go.id", monkeypatch)
    assert checks <= MAX_FAILED_SIGN_INS and sum(1 for s in statuses if s != 429) <= MAX_FAILED_SIGN_INS


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
