"""Tokens, sealing and hashing (no I/O)."""

from __future__ import annotations

from datetime import timedelta

import jwt
import pytest

from chalicelib.domain.errors import Unauthorized
from chalicelib.security import passwords, sealing, tokens
from chalicelib.security.keys import derive_key

SECRET = "s" * 40


def test_token_round_trip_and_refusals():
    token, ttl = tokens.issue_token(SECRET, "198503152010011001", 3, tokens.ACCESS, timedelta(hours=8))
    claims = tokens.read_token(SECRET, token)
    assert (claims.nip, claims.token_type, claims.token_version, ttl) == ("198503152010011001", "access", 3, 28800)
    unsigned = jwt.encode(jwt.decode(token, options={"verify_signature": False}), None, algorithm="none")
    hs512 = jwt.encode(
        jwt.decode(token, options={"verify_signature": False}), derive_key(SECRET, "jwt"), algorithm="HS512"
    )
    missing_tv = jwt.encode(
        {"sub": "1", "aud": tokens.AUDIENCE, "iss": tokens.ISSUER, "typ": "access", "iat": 1, "exp": 4102444800},
        derive_key(SECRET, "jwt"),
        algorithm="HS256",
    )
    for bad in (unsigned, hs512, missing_tv, token + "x", ""):
        with pytest.raises(Unauthorized):
            tokens.read_token(SECRET, bad)
    with pytest.raises(Unauthorized):
        tokens.read_token("t" * 40, token)


def test_keys_are_bound_to_their_purpose():
    assert derive_key(SECRET, "jwt") != derive_key(SECRET, "sealing") != derive_key("x" * 40, "jwt")


def test_sealing_round_trip_tamper_and_age():
    sealed = sealing.seal(SECRET, {"password": "Abc123xyz"})
    assert "Abc123xyz" not in sealed
    assert sealing.unseal(SECRET, sealed, 60) == {"password": "Abc123xyz"}
    assert sealing.unseal("o" * 40, sealed, 60) is None
    assert sealing.unseal(SECRET, sealed[:-4] + "AAAA", 60) is None


def test_argon2id_hashes_verify_and_resist_garbage():
    hashed = passwords.hash_password("kalimat sandi panjang")
    assert hashed.startswith("$argon2id$") and "m=19456,t=2,p=1" in hashed
    assert passwords.verify_password(hashed, "kalimat sandi panjang")
    assert not passwords.verify_password(hashed, "salah")
    assert not passwords.verify_password("bukan-hash", "x")
    assert "123456" in passwords.common_passwords() and len(passwords.common_passwords()) > 9000
