"""What every HTTP route shares: the JWT authorizer, the `endpoint` decorator, body and query parsing.

`endpoint` turns domain errors into the JSON error shape, refuses requests the authorizer
marked as unauthenticated, and hands the view the calling `Actor`.
"""

from __future__ import annotations

import functools
import json
import time
from collections.abc import Callable, Mapping
from typing import Any

from aws_lambda_powertools import Logger
from chalice import AuthResponse, Blueprint, Response

from ..domain.accounts import Actor, Role
from ..domain.errors import DomainError, Forbidden, NotFound, PayloadTooLarge, Unauthorized, ValidationError
from ..domain.identity import TimeZone, is_id, validate_code, validate_nip
from ..domain.reports import parse_day

bp = Blueprint(__name__)
logger = Logger(service="kinerja")

MAX_JSON_BYTES = 64 * 1024
MAX_PATH_PARAM = 2048
_ID_PARAMS = frozenset({"report_id", "evidence_id", "template_id", "delegation_id", "job_id"})
_TYPE_NAMES = {str: "teks", int: "bilangan bulat", bool: "boolean", dict: "objek", list: "daftar", float: "angka"}
_INTERNAL = "Terjadi kesalahan pada server; coba lagi nanti."
PASSWORD_CHANGE_ROUTE = "/auth/password"  # noqa: S105 - a route, not a secret


@bp.authorizer(ttl_seconds=0)
def jwt_auth(auth_request: Any) -> AuthResponse:
    """Verify the bearer token; the route then sees who calls, or that the token was refused."""
    from ..services import container

    scheme, _, token = (auth_request.token or "").partition(" ")
    context: dict[str, Any] = {"nip": ""}
    principal = "anonymous"
    if scheme.lower() == "bearer" and token:
        try:
            employee, claims = container.accounts().authenticate(token.strip())
        except Unauthorized:
            pass
        else:
            actor = container.accounts().actor_of(employee)
            principal = employee.nip
            context = {
                "nip": actor.nip,
                "skpd_id": actor.skpd_id,
                "satker_id": actor.satker_id,
                "timezone": actor.timezone.value,
                "supervisor_nip": actor.supervisor_nip or "",
                "roles": ",".join(sorted(r.value for r in actor.roles)),
                "token_type": claims.token_type,
            }
    return AuthResponse(routes=["*"], principal_id=principal, context=context)


def endpoint(
    blueprint: Blueprint,
    path: str,
    *,
    methods: tuple[str, ...] = ("GET",),
    public: bool = False,
    status: int = 200,
    content_types: list[str] | None = None,
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Register a route. Authenticated views receive the `Actor` first; results become JSON bodies."""

    def register(view: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(view)
        def handle(**params: Any) -> Response:
            request = blueprint.current_request
            started = time.perf_counter()
            request_id = request.context.get("requestId") or getattr(request.lambda_context, "aws_request_id", None)
            logger.append_keys(request_id=request_id)
            try:
                checked = _path_params(params)
                result = view(**checked) if public else view(_actor(request.context, path), **checked)
                response = result if isinstance(result, Response) else _json(status, result)
            except DomainError as exc:
                response = error_response(exc)
            except Exception:
                logger.exception("unhandled error", extra={"route": path})
                response = _json(500, {"code": "INTERNAL_ERROR", "message": _INTERNAL, "details": {}})
            elapsed_ms = round((time.perf_counter() - started) * 1000, 1)
            logger.info(
                "request",
                extra={
                    "request_id": request_id,
                    "method": request.method,
                    "route": path,
                    "status": response.status_code,
                    "ms": elapsed_ms,
                },
            )
            logger.remove_keys(["request_id"])
            return response

        blueprint.route(
            path,
            methods=list(methods),
            authorizer=None if public else jwt_auth,
            content_types=content_types or ["application/json"],
        )(handle)
        return handle

    return register


def _path_params(params: Mapping[str, str]) -> dict[str, str]:
    """Path parameters checked at the edge: an id that cannot exist is a 404, a bad NIP, code or date a 400."""
    for name, value in params.items():
        if len(value) > MAX_PATH_PARAM or (name in _ID_PARAMS and not is_id(value)):
            raise NotFound("Data yang diminta tidak ditemukan.")
        if name == "nip":
            validate_nip(value)
        elif name in ("skpd_id", "satker_id"):
            validate_code(value, name)
        elif name == "day":
            parse_day(value, name)
    return dict(params)


def error_response(exc: DomainError) -> Response:
    return _json(exc.status, {"code": exc.code, "message": exc.message, "details": exc.details})


def _json(status: int, body: Any) -> Response:
    if status == 204:
        return Response(body="", status_code=204)
    return Response(
        body=json.dumps(body, ensure_ascii=False, default=str),
        status_code=status,
        headers={"Content-Type": "application/json; charset=utf-8"},
    )


def _actor(context: Mapping[str, Any], path: str) -> Actor:
    auth = context.get("authorizer") or {}
    if not auth.get("nip"):
        raise Unauthorized("Sesi tidak valid atau telah berakhir; silakan masuk kembali.")
    if auth.get("token_type") != "access" and path != PASSWORD_CHANGE_ROUTE:
        raise Forbidden(
            "Anda harus mengganti kata sandi sementara sebelum dapat menggunakan aplikasi.",
            code="PASSWORD_CHANGE_REQUIRED",
        )
    roles = frozenset(Role(r) for r in str(auth.get("roles", "")).split(",") if r)
    return Actor(
        nip=str(auth["nip"]),
        skpd_id=str(auth["skpd_id"]),
        roles=roles,
        satker_id=str(auth["satker_id"]),
        timezone=TimeZone(auth["timezone"]),
        supervisor_nip=str(auth["supervisor_nip"]) or None,
    )


def json_body(
    request: Any, types: Mapping[str, type | tuple[type, ...]], *, max_bytes: int = MAX_JSON_BYTES
) -> dict[str, Any]:
    """The JSON object body, with each known field checked against its expected type."""
    raw = request.raw_body or b""
    if len(raw) > max_bytes:
        raise PayloadTooLarge(f"Isi permintaan terlalu besar (maksimal {max_bytes // 1024} KB).")
    try:
        body = json.loads(raw) if raw else None
    except (ValueError, UnicodeDecodeError):
        raise ValidationError("Isi permintaan bukan JSON yang valid.", code="INVALID_JSON") from None
    if not isinstance(body, dict):
        raise ValidationError("Isi permintaan harus berupa objek JSON.", code="INVALID_JSON")
    for name, expected in types.items():
        value = body.get(name)
        if value is None:
            continue
        allowed = expected if isinstance(expected, tuple) else (expected,)
        if (isinstance(value, bool) and bool not in allowed) or not isinstance(value, allowed):
            names = " atau ".join(_TYPE_NAMES.get(t, t.__name__) for t in allowed)
            raise ValidationError(f"Kolom '{name}' harus berupa {names}.", code="INVALID_TYPE", details={"field": name})
    return body


def query(request: Any, name: str) -> str | None:
    value = (request.query_params or {}).get(name)
    return value or None


def page_limit(request: Any, default: int = 50, maximum: int = 100) -> int:
    raw = query(request, "limit")
    if raw is None:
        return default
    if not raw.isdigit() or not 1 <= int(raw) <= maximum:
        raise ValidationError(
            f"Parameter limit harus bilangan 1-{maximum}.", code="INVALID_LIMIT", details={"field": "limit"}
        )
    return int(raw)
