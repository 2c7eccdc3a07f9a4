"""Device keys (issue 20): a registered public JWK is validated (EC P-256, 32-byte base64url coordinates, a point
on the curve, no private part), a check-in's signature (IEEE P1363 r||s, as WebCrypto gives it) is verified over
the documented canonical text, and ``signed_at`` must lie within 5 minutes of the server's clock."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature

from chalicelib.domain.devices import canonical_text, parse_signed_at, split_item_id, within_window
from chalicelib.domain.errors import ValidationError
from chalicelib.security.device_keys import b64url, read_public_jwk, thumbprint, verify


def key_pair() -> tuple[ec.EllipticCurvePrivateKey, dict[str, str]]:
    private = ec.generate_private_key(ec.SECP256R1())
    numbers = private.public_key().public_numbers()
    jwk = {
        "kty": "EC",
        "crv": "P-256",
        "x": b64url(numbers.x.to_bytes(32, "big")),
        "y": b64url(numbers.y.to_bytes(32, "big")),
    }
    return private, jwk


def p1363(private: ec.EllipticCurvePrivateKey, text: str) -> str:
    """Sign as WebCrypto does: r and s, 32 bytes each, concatenated (not DER)."""
    r, s = decode_dss_signature(private.sign(text.encode("utf-8"), ec.ECDSA(hashes.SHA256())))
    return b64url(r.to_bytes(32, "big") + s.to_bytes(32, "big"))


def test_a_p256_public_jwk_is_kept_with_its_rfc7638_thumbprint():
    _, jwk = key_pair()
    kept, thumb = read_public_jwk({**jwk, "ext": True, "key_ops": ["verify"]})
    assert kept == jwk and thumb == thumbprint(jwk) and len(thumb) == 43


def test_the_rfc7638_example_thumbprint():
    """RFC 7638 §3.1 gives an RSA example; the rule (required members, sorted, no spaces) is the same for EC."""
    jwk = {"kty": "EC", "crv": "P-256", "x": "a", "y": "b"}
    assert thumbprint(jwk) == thumbprint({"y": "b", "x": "a", "crv": "P-256", "kty": "EC"})


@pytest.mark.parametrize(
    "change",
    [
        {"kty": "RSA"},
        {"crv": "P-384"},
        {"x": "not base64!"},
        {"x": "AAAA"},  # 3 bytes
        {"y": b64url(b"\x01" * 32)},  # not on the curve
        {"x": b64url(b"\x00" * 33)},
        {"d": "secret"},
        {"x": 5},
    ],
)
def test_anything_but_a_public_p256_point_is_refused(change):
    _, jwk = key_pair()
    with pytest.raises(ValidationError) as refused:
        read_public_jwk({**jwk, **change})
    assert refused.value.code == "INVALID_PUBLIC_KEY" and refused.value.details == {"field": "public_key"}


def test_not_a_jwk_at_all_is_refused():
    with pytest.raises(ValidationError):
        read_public_jwk(["EC"])


def test_a_signature_over_the_canonical_text_verifies_and_nothing_else_does():
    private, jwk = key_pair()
    text = canonical_text("198503152010011001", "PAGI", -6.2, 106.816666, "2026-12-07T00:30:00.000Z")
    assert text == "kinerja-presensi|198503152010011001|PAGI|-6.200000|106.816666|2026-12-07T00:30:00.000Z"
    signature = p1363(private, text)
    assert verify(jwk, text, signature)
    assert not verify(jwk, text.replace("PAGI", "SORE"), signature)
    assert not verify(key_pair()[1], text, signature)  # another device's key
    assert not verify(jwk, text, signature[:-4])  # truncated
    assert not verify(jwk, text, "!!!")
    assert not verify(jwk, text, b64url(b"\x00" * 64))


def test_a_missing_coordinate_is_an_empty_field():
    assert canonical_text("1" * 18, "SORE", None, None, "t") == f"kinerja-presensi|{'1' * 18}|SORE|||t"


def test_signed_at_must_carry_its_offset_and_lie_within_five_minutes():
    now = datetime(2026, 12, 7, 0, 30, tzinfo=UTC)
    assert parse_signed_at("2026-12-07T00:30:00.000Z") == now
    assert parse_signed_at("2026-12-07T00:30:00") is None and parse_signed_at("kemarin") is None
    assert within_window(now + timedelta(minutes=5), now) and within_window(now - timedelta(minutes=5), now)
    assert not within_window(now + timedelta(minutes=5, seconds=1), now)


def test_a_decision_id_names_the_employee_and_the_device():
    assert split_item_id(f"{'1' * 18}.{'a' * 32}") == ("1" * 18, "a" * 32)
    assert split_item_id("x") is None and split_item_id(f"{'1' * 18}.{'A' * 32}") is None
