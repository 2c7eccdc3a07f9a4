"""Sign-in, sessions and passwords through the API against DynamoDB Local."""

from __future__ import annotations

from tests.support import PASSWORD, make_nip


def test_sign_in_with_nip_or_email_returns_a_token_that_opens_me(http, factory):
    skpd = factory.skpd()
    nip = factory.employee(skpd, email="dewi.uji@example.go.id")
    for username in (nip, "Dewi.Uji@example.go.id"):
        status, body = http.call("POST", "/auth/login", {"username": username, "password": PASSWORD})
        assert status == 200, body
        assert body["token_type"] == "Bearer" and body["must_change_password"] is False
        status, me = http.call("GET", "/me", token=body["token"])
        assert status == 200
        assert me["nip"] == nip and me["roles"] == ["PEGAWAI"]
        assert "password_hash" not in me


def test_wrong_password_and_unknown_user_get_the_same_answer(http, factory):
    nip = factory.employee(factory.skpd())
    wrong = http.call("POST", "/auth/login", {"username": nip, "password": "bukan-sandinya"})
    unknown = http.call("POST", "/auth/login", {"username": make_nip(), "password": PASSWORD})
    assert wrong[0] == unknown[0] == 401
    assert wrong[1] == unknown[1]
    assert wrong[1]["code"] == "INVALID_CREDENTIALS"


def test_five_failures_lock_the_account_even_for_the_right_password(http, factory):
    nip = factory.employee(factory.skpd())
    for _ in range(4):
        assert http.call("POST", "/auth/login", {"username": nip, "password": "salah-salah"})[0] == 401
    status, body = http.call("POST", "/auth/login", {"username": nip, "password": "salah-salah"})
    assert status == 429 and body["code"] == "ACCOUNT_LOCKED"
    status, body = http.call("POST", "/auth/login", {"username": nip, "password": PASSWORD})
    assert status == 429 and body["code"] == "ACCOUNT_LOCKED"


def test_unknown_usernames_lock_the_same_way(http, stack):
    ghost = make_nip()
    answers = [http.call("POST", "/auth/login", {"username": ghost, "password": "x" * 9})[0] for _ in range(6)]
    assert answers == [401, 401, 401, 401, 429, 429]


def test_a_success_resets_the_failure_count(http, factory):
    nip = factory.employee(factory.skpd())
    for _ in range(4):
        http.call("POST", "/auth/login", {"username": nip, "password": "salah-salah"})
    http.login(nip)
    for _ in range(4):
        assert http.call("POST", "/auth/login", {"username": nip, "password": "salah-salah"})[0] == 401
    http.login(nip)


def test_lock_expires_after_fifteen_minutes(http, factory):
    from datetime import timedelta

    from chalicelib.services import container

    nip = factory.employee(factory.skpd())
    for _ in range(5):
        http.call("POST", "/auth/login", {"username": nip, "password": "salah-salah"})
    later = container.utc_now() + timedelta(minutes=15, seconds=1)
    assert container.production(clock=lambda: later).accounts.sign_in(nip, PASSWORD).token


def test_temporary_password_allows_only_the_password_change(http, factory):
    nip = factory.employee(factory.skpd(), must_change=True)
    status, body = http.call("POST", "/auth/login", {"username": nip, "password": PASSWORD})
    assert status == 200 and body["must_change_password"] is True
    temp_token = body["token"]
    status, body = http.call("GET", "/me", token=temp_token)
    assert status == 403 and body["code"] == "PASSWORD_CHANGE_REQUIRED"
    status, body = http.call(
        "POST", "/auth/password", {"old_password": PASSWORD, "new_password": "Sudah-Diganti-2026"}, token=temp_token
    )
    assert status == 200 and body["must_change_password"] is False
    assert http.call("GET", "/me", token=body["token"])[0] == 200
    assert (
        http.call("POST", "/auth/password", {"old_password": "x", "new_password": "y" * 9}, token=temp_token)[0] == 401
    )


def test_password_policy(http, factory):
    nip = factory.employee(factory.skpd(), name="Ratna Sari")
    token = http.login(nip)
    cases = {
        "pendek": "PASSWORD_TOO_SHORT",
        "x" * 129: "PASSWORD_TOO_LONG",
        "password123": "PASSWORD_TOO_COMMON",
        "iloveyou": "PASSWORD_TOO_COMMON",
        "aaaaaaaaaaaa": "PASSWORD_TOO_COMMON",
        f"a{nip}": "PASSWORD_CONTAINS_IDENTITY",
        "ratna-2026-kinerja": "PASSWORD_CONTAINS_IDENTITY",
        PASSWORD: "PASSWORD_UNCHANGED",
    }
    for new, code in cases.items():
        status, body = http.call("POST", "/auth/password", {"old_password": PASSWORD, "new_password": new}, token=token)
        assert (status, body["code"]) == (400, code), new
    status, body = http.call(
        "POST", "/auth/password", {"old_password": "salah", "new_password": "z" * 64 + "Q1"}, token=token
    )
    assert (status, body["code"]) == (400, "WRONG_PASSWORD")
    long_ok = "kalimat sandi yang panjang sekali dan mudah diingat oleh saya sendiri 2026"
    assert len(long_ok) > 64
    status, body = http.call("POST", "/auth/password", {"old_password": PASSWORD, "new_password": long_ok}, token=token)
    assert status == 200
    assert http.login(nip, long_ok)


def test_password_change_and_sign_out_end_earlier_sessions(http, factory):
    nip = factory.employee(factory.skpd())
    first, second = http.login(nip), http.login(nip)
    status, body = http.call(
        "POST", "/auth/password", {"old_password": PASSWORD, "new_password": "Ganti-Sandi-Baru-1"}, token=first
    )
    assert status == 200
    assert http.call("GET", "/me", token=first)[0] == 401
    assert http.call("GET", "/me", token=second)[0] == 401
    fresh = body["token"]
    assert http.call("GET", "/me", token=fresh)[0] == 200
    assert http.call("POST", "/auth/logout", token=fresh)[0] == 204
    status, body = http.call("GET", "/me", token=fresh)
    assert status == 401 and body["code"] == "UNAUTHORIZED"


def test_tampered_expired_and_foreign_tokens_are_refused(http, factory):
    import jwt

    from chalicelib.security.keys import derive_key
    from chalicelib.security.tokens import issue_token
    from tests.support import SECRET

    nip = factory.employee(factory.skpd())
    good = http.login(nip)
    header, payload, signature = good.split(".")
    forged_none = jwt.encode(
        {"sub": nip, "aud": "kinerja-api", "iss": "kinerja", "typ": "access", "tv": 0}, None, algorithm="none"
    )
    expired, _ = issue_token(SECRET, nip, 0, "access", __import__("datetime").timedelta(seconds=-5))
    wrong_key, _ = issue_token("another-secret-" * 3, nip, 0, "access", __import__("datetime").timedelta(hours=1))
    wrong_aud = jwt.encode(
        {"sub": nip, "aud": "other", "iss": "kinerja", "typ": "access", "tv": 0, "iat": 1, "exp": 4102444800},
        derive_key(SECRET, "jwt"),
        algorithm="HS256",
    )
    wrong_type = jwt.encode(
        {"sub": nip, "aud": "kinerja-api", "iss": "kinerja", "typ": "refresh", "tv": 0, "iat": 1, "exp": 4102444800},
        derive_key(SECRET, "jwt"),
        algorithm="HS256",
    )
    for token in (
        f"{header}.{payload}.{signature[:-2]}AA",
        forged_none,
        expired,
        wrong_key,
        wrong_aud,
        wrong_type,
        "garbage",
    ):
        assert http.call("GET", "/me", token=token)[0] == 401, token
    assert http.call("GET", "/me")[0] == 401


def test_login_input_errors_are_400(http, stack):
    assert http.call("POST", "/auth/login", raw=b"{not json")[1]["code"] == "INVALID_JSON"
    assert http.call("POST", "/auth/login", [1, 2])[1]["code"] == "INVALID_JSON"
    assert http.call("POST", "/auth/login", {"username": 123, "password": "x"})[1]["code"] == "INVALID_TYPE"
    status, body = http.call("POST", "/auth/login", {"username": "198503152010011001"})
    assert status == 400 and body["code"] == "REQUIRED" and body["details"] == {"field": "password", "rule": "missing"}
    assert http.call("POST", "/auth/login", raw=b'{"username": "' + b"x" * 70000 + b'"}')[0] == 413
