"""Signed links, upload slips and cursors: JWTs (HS256) of one purpose each, checked against an injected clock."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import jwt
import pytest

from chalicelib.domain.errors import Unauthorized, ValidationError
from chalicelib.security import tokens
from chalicelib.security.keys import Keyring, derive_key

SECRET = "current-secret-" + "c" * 40
OLD = "previous-secret-" + "p" * 40
OTHER = "unknown-secret-" + "u" * 40
NOW = datetime(2026, 11, 25, 9, 30, tzinfo=UTC)


def _sign(purpose: str = tokens.DECISION_LINK, keys: Keyring | str = SECRET, ttl: int = 600, **claims: object) -> str:
    return tokens.sign_claims(keys, purpose, {"rid": "r1", **claims}, ttl, NOW)


def test_a_token_carries_its_claims_purpose_and_expiry():
    token = _sign(nip="197512102000031003")
    claims = tokens.read_claims(SECRET, tokens.DECISION_LINK, token, NOW)
    assert claims is not None and (claims["rid"], claims["nip"]) == ("r1", "197512102000031003")
    assert (claims["typ"], claims["aud"], claims["iss"]) == ("decision-link", "kinerja-decision-link", "kinerja")
    assert claims["exp"] == int(NOW.timestamp()) + 600
    assert jwt.get_unverified_header(token)["alg"] == "HS256"


def test_expiry_follows_the_injected_clock():
    token = _sign(ttl=600)
    assert tokens.read_claims(SECRET, tokens.DECISION_LINK, token, NOW + timedelta(seconds=599)) is not None
    assert tokens.read_claims(SECRET, tokens.DECISION_LINK, token, NOW + timedelta(seconds=600)) is None
    assert tokens.read_claims(SECRET, tokens.DECISION_LINK, _sign(ttl=-10), NOW) is None


def test_tampered_foreign_and_malformed_tokens_are_refused():
    token = _sign()
    header, payload, signature = token.split(".")
    forged_payload = jwt.utils.base64url_encode(b'{"rid":"r2","exp":9999999999}').decode()
    for bad in (
        f"{header}.{forged_payload}.{signature}",
        f"{header}.{payload}.{signature[:-2]}AA",
        token[:-1],
        "é.ü",
        "😀.😀",
        "abc.\u00ff\u0100",
        "",
        "a.b.c",
        "%%%",
        None,
        "x" * 5000,
    ):
        assert tokens.read_claims(SECRET, tokens.DECISION_LINK, bad, NOW) is None, bad
    # another purpose's token, another key's, a session token: each has its own key, audience and type
    assert tokens.read_claims(SECRET, tokens.EVIDENCE_UPLOAD, token, NOW) is None
    assert tokens.read_claims(SECRET, tokens.CURSOR, token, NOW) is None
    assert tokens.read_claims(SECRET, tokens.DECISION_LINK, _sign(keys=OTHER), NOW) is None
    session, _ = tokens.issue_token(SECRET, "197512102000031003", 0, tokens.ACCESS, timedelta(hours=1))
    assert tokens.read_claims(SECRET, tokens.DECISION_LINK, session, NOW) is None
    with pytest.raises(Unauthorized):
        tokens.read_token(SECRET, token)


@pytest.mark.filterwarnings("ignore::jwt.warnings.InsecureKeyLengthWarning")  # the HS512 forgery below
def test_only_hs256_with_the_purpose_key_and_all_claims_is_accepted():
    key = derive_key(SECRET, "jwt:decision-link")
    exp = int(NOW.timestamp()) + 600
    complete = {
        "rid": "r1",
        "iss": "kinerja",
        "aud": "kinerja-decision-link",
        "typ": "decision-link",
        "iat": 1,
        "exp": exp,
    }
    assert tokens.read_claims(SECRET, tokens.DECISION_LINK, jwt.encode(complete, key, algorithm="HS256"), NOW)
    assert tokens.read_claims(SECRET, tokens.DECISION_LINK, jwt.encode(complete, key, algorithm="HS512"), NOW) is None
    unsigned = jwt.encode(complete, None, algorithm="none")
    assert tokens.read_claims(SECRET, tokens.DECISION_LINK, unsigned, NOW) is None
    for missing in ("iss", "aud", "typ", "iat", "exp"):
        partial = {k: v for k, v in complete.items() if k != missing}
        assert tokens.read_claims(SECRET, tokens.DECISION_LINK, jwt.encode(partial, key), NOW) is None, missing
    wrong_type = {**complete, "typ": "access"}
    assert tokens.read_claims(SECRET, tokens.DECISION_LINK, jwt.encode(wrong_type, key), NOW) is None
    with pytest.raises(ValueError, match="may not set"):
        tokens.sign_claims(SECRET, tokens.DECISION_LINK, {"exp": 1}, 600, NOW)
    with pytest.raises(ValueError, match="unknown token purpose"):
        tokens.sign_claims(SECRET, "session", {}, 600, NOW)


def test_the_current_secret_signs_and_the_previous_one_still_verifies():
    rotated = Keyring.fixed(SECRET, OLD)
    before = _sign(keys=OLD)
    assert tokens.read_claims(rotated, tokens.DECISION_LINK, before, NOW)["rid"] == "r1"
    after = _sign(keys=rotated)
    assert tokens.read_claims(SECRET, tokens.DECISION_LINK, after, NOW) is not None
    assert tokens.read_claims(OLD, tokens.DECISION_LINK, after, NOW) is None
    assert tokens.read_claims(Keyring.fixed(SECRET), tokens.DECISION_LINK, before, NOW) is None  # OLD retired


def test_decision_links_use_their_clock():
    from chalicelib.domain.decisions import Verdict
    from chalicelib.services.decisions.links import DecisionLinks

    now = [NOW]
    links = DecisionLinks(SECRET, "http://kinerja.test/", 3600, clock=lambda: now[0])
    link = links.link("report", "r1", "197512102000031003", Verdict.APPROVE)
    token = link.removeprefix("http://kinerja.test/decision-links/")
    claims = links.read(token)
    assert claims is not None and (claims["k"], claims["id"], claims["v"]) == ("report", "r1", "APPROVE")
    now[0] = NOW + timedelta(hours=1)
    assert links.read(token) is None
    forged = {"k": "report", "id": "r1", "nip": "1", "v": "DELETE", "jti": "j1"}
    assert links.read(tokens.sign_claims(SECRET, tokens.DECISION_LINK, forged, 60, now[0])) is None  # no such verdict
    partial = {"k": "report", "id": "r1", "nip": "1", "v": "APPROVE"}  # no link id: could not be used only once
    assert links.read(tokens.sign_claims(SECRET, tokens.DECISION_LINK, partial, 60, now[0])) is None


def test_cursors_are_bound_to_their_list_and_expire_after_a_day():
    from chalicelib.store.paging import Cursors

    cursors = Cursors(Keyring.fixed(SECRET))
    key = {"nip": {"S": "199001152015032001"}}
    cursor = cursors.encode(key, "employees.by_supervisor:1", NOW)
    assert cursors.decode(cursor, "employees.by_supervisor:1", NOW + timedelta(hours=23)) == key
    for scope, when in (
        ("employees.by_supervisor:2", NOW),  # another list
        ("employees.by_supervisor:1", NOW + timedelta(days=1)),  # expired
    ):
        with pytest.raises(ValidationError) as refused:
            cursors.decode(cursor, scope, when)
        assert refused.value.code == "INVALID_CURSOR"
    upload_slip = tokens.sign_claims(SECRET, tokens.EVIDENCE_UPLOAD, {"k": key}, 600, NOW)
    with pytest.raises(ValidationError):
        cursors.decode(upload_slip, "employees.by_supervisor:1", NOW)
    with pytest.raises(ValidationError):  # another keyring's cursor
        Cursors(Keyring.fixed("another-secret-" + "x" * 40)).decode(cursor, "employees.by_supervisor:1", NOW)
    assert cursors.encode(None, "employees.by_supervisor:1", NOW) is None
    assert cursors.decode("", "employees.by_supervisor:1", NOW) is None
