"""Refusals made before a view runs — by API Gateway or Chalice's router — in the API's one error shape.

One table serves three places: the gateway responses of the AWS template, the middleware that reshapes
Chalice's own 405/415/400 answers, and the local API server (which plays API Gateway's part).
"""

from __future__ import annotations

import json
from typing import Any

_SIGN_IN_AGAIN = "Sesi tidak valid atau telah berakhir; silakan masuk kembali."
UNAVAILABLE = "Layanan sedang tidak dapat dijangkau; coba lagi beberapa saat lagi."

#: API Gateway response type → (status, code, message)
GATEWAY: dict[str, tuple[int, str, str]] = {
    "UNAUTHORIZED": (401, "UNAUTHORIZED", _SIGN_IN_AGAIN),
    "ACCESS_DENIED": (401, "UNAUTHORIZED", _SIGN_IN_AGAIN),
    "MISSING_AUTHENTICATION_TOKEN": (404, "NOT_FOUND", "Alamat yang diminta tidak ditemukan."),
    "REQUEST_TOO_LARGE": (413, "PAYLOAD_TOO_LARGE", "Isi permintaan terlalu besar."),
    "THROTTLED": (429, "THROTTLED", "Terlalu banyak permintaan; coba lagi sebentar lagi."),
    # the authorizer never raises (`api.jwt_auth`): its failing means its function crashed, timed out or
    # was throttled — the token could not be checked now
    "AUTHORIZER_FAILURE": (503, "SERVICE_UNAVAILABLE", UNAVAILABLE),
    # the function did not answer within API Gateway's 29 s
    "INTEGRATION_TIMEOUT": (504, "GATEWAY_TIMEOUT", "Server tidak menjawab tepat waktu; coba lagi beberapa saat lagi."),
    # any other failure before or around the function (a crash, an integration or configuration error)
    "DEFAULT_5XX": (500, "INTERNAL_ERROR", "Terjadi kesalahan pada server; coba lagi nanti."),
}

#: Chalice's error code → (status, code, message)
ROUTER: dict[str, tuple[int, str, str]] = {
    "MethodNotAllowedError": (405, "METHOD_NOT_ALLOWED", "Metode permintaan ini tidak didukung untuk alamat ini."),
    "UnsupportedMediaType": (
        415,
        "UNSUPPORTED_MEDIA_TYPE",
        "Jenis isi permintaan tidak didukung; kirim JSON (Content-Type: application/json).",
    ),
    "BadRequest": (400, "BAD_REQUEST", "Permintaan tidak dapat diproses."),
}


def body(code: str, message: str) -> str:
    return json.dumps({"code": code, "message": message, "details": {}}, ensure_ascii=False)


def reshape(status: int, payload: Any) -> tuple[int, str] | None:
    """Chalice's ``{"Code", "Message"}`` answer as the error shape; ``None`` when it is already ours."""
    if not isinstance(payload, dict) or "Code" not in payload or "code" in payload:
        return None
    known = ROUTER.get(str(payload["Code"]))
    if known is None:
        return status, body("ERROR", "Permintaan tidak dapat diproses.")
    return known[0], body(known[1], known[2])
