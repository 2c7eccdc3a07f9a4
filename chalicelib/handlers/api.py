"""What every HTTP route shares: the JWT authorizer and the `endpoint` decorator.

`endpoint` records what a route declares (models, summary, statuses) for the OpenAPI document,
validates path parameters, body and query against them, turns domain errors into the JSON error
shape, refuses requests the authorizer marked as unauthenticated, and hands the view the `Actor`.
"""

from __future__ import annotations

import functools
import json
import sys
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from aws_lambda_powertools import Logger
from chalice import AuthResponse, Blueprint, Response

from ..domain.accounts import Actor, Role
from ..domain.errors import (
    DomainError,
    Forbidden,
    NotFound,
    PayloadTooLarge,
    ServiceUnavailable,
    Unauthorized,
    ValidationError,
)
from ..domain.identity import TimeZone, is_id, validate_code, validate_nip
from . import refusals

bp = Blueprint(__name__)
logger = Logger(service="kinerja")

MAX_JSON_BYTES = 64 * 1024
MAX_PATH_PARAM = 2048
_ID_PARAMS = frozenset(
    {
        "report_id",
        "evidence_id",
        "template_id",
        "delegation_id",
        "job_id",
        "complaint_id",
        "record_id",
        "leave_id",
        "type_id",
    }
)
_INTERNAL = "Terjadi kesalahan pada server; coba lagi nanti."
_UNAVAILABLE = refusals.UNAVAILABLE
#: error codes of AWS answers that mean "the service is busy or down right now", not "the request is wrong"
_UNAVAILABLE_CODES = frozenset(
    {
        "ProvisionedThroughputExceededException",
        "ThrottlingException",
        "RequestLimitExceeded",
        "ServiceUnavailable",
        "InternalServerError",
        "SlowDown",
    }
)
PASSWORD_CHANGE_ROUTE = "/auth/password"  # noqa: S105 - a route, not a secret
#: what a session of an officer who must first enrol an authenticator may reach
ENROLMENT_ROUTES = frozenset({"/auth/totp/enrolment", "/auth/totp/enrolment/confirm", "/auth/logout", "/me"})


@bp.authorizer(ttl_seconds=0)
def jwt_auth(auth_request: Any) -> AuthResponse:
    """Verify the bearer token; the route then sees who calls, or that the token was refused.

    It never raises: API Gateway would answer a bare 500 and the local server drop the connection. When the
    check itself fails the context says so (no ``nip``: nobody is let in) and `_actor` answers in the error
    shape — 503 when a dependency was unavailable, 500 otherwise.
    """
    from ..services import container

    scheme, _, token = (auth_request.token or "").partition(" ")
    context: dict[str, Any] = {"nip": ""}
    principal = "anonymous"
    if scheme.lower() == "bearer" and token:
        try:
            employee, claims = container.accounts().authenticate(token.strip())
            actor = container.accounts().actor_of(employee)
        except Unauthorized:
            pass
        except Exception as exc:
            if dependency_unavailable(exc):
                logger.warning("dependency unavailable in the token check", exc_info=True)
                context = {"nip": "", "unavailable": "1"}
            else:
                logger.exception("token check failed")
                context = {"nip": "", "failed": "1"}
        else:
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


@dataclass(frozen=True)
class RouteSpec:
    """What a route declares: the OpenAPI document is built from these and the named models."""

    path: str
    methods: tuple[str, ...]
    operation_id: str
    summary: str
    tag: str
    public: bool
    status: int
    body: str | None
    form: str | None
    query: str | None
    response: str | None
    html: bool
    errors: tuple[int, ...]
    #: the success answer is text/plain (a provider's handshake; ``response`` names its string model), not JSON
    plain: bool = False


#: every route registered through `endpoint`, in registration order
ROUTES: list[RouteSpec] = []


@bp.middleware("http")
def shape_every_answer(event: Any, get_response: Callable[[Any], Response]) -> Response:
    """Chalice answers a wrong method (405), content type (415) or binary Accept (400) itself, in English:
    reshape those; and let the web client's origin (``WEB_ORIGIN``, nobody else) read every answer."""
    _bare_post_is_an_empty_form(event)
    response = get_response(event)
    if response.status_code >= 400:
        reshaped = refusals.reshape(response.status_code, response.body)
        if reshaped is not None:
            response.status_code, response.body = reshaped
            response.headers = {**response.headers, "Content-Type": "application/json; charset=utf-8"}
    response.headers = {**response.headers, **cors_headers(event.headers.get("origin"))}
    return response


def _bare_post_is_an_empty_form(request: Any) -> None:
    """A form's fields are optional (an e-mailed decision link's note): a POST with no body and no Content-Type
    sends an empty form. Chalice takes a missing type for JSON and would refuse the form route with 415, so such a
    request is given the form's type here, before Chalice checks it; a body without its type stays refused."""
    if request.method != "POST" or "content-type" in request.headers or request.raw_body:
        return
    route = request.context.get("resourcePath")
    if any(spec.form and spec.path == route and "POST" in spec.methods for spec in ROUTES):
        from chalice.app import CaseInsensitiveMapping

        request.headers = CaseInsensitiveMapping({**request.headers, "content-type": FORM_CONTENT_TYPE})


FORM_CONTENT_TYPE = "application/x-www-form-urlencoded"


def cors_headers(origin: str | None) -> dict[str, str]:
    """CORS for the web client's origin only (the API is otherwise same-origin-only in a browser)."""
    from ..config import settings

    allowed = settings().web_origin
    if not origin or not allowed or origin.rstrip("/") != allowed:
        return {"Vary": "Origin"}
    return {
        "Access-Control-Allow-Origin": allowed,
        "Access-Control-Allow-Methods": "GET, POST, PUT, PATCH, DELETE, OPTIONS",
        "Access-Control-Allow-Headers": "Authorization, Content-Type",
        "Access-Control-Max-Age": "600",
        "Vary": "Origin",
    }


def endpoint(
    blueprint: Blueprint,
    path: str,
    *,
    summary: str,
    tag: str,
    methods: tuple[str, ...] = ("GET",),
    public: bool = False,
    status: int = 200,
    body: str | None = None,
    form: str | None = None,
    query: str | None = None,
    response: str | None = None,
    html: bool = False,
    errors: tuple[int, ...] = (),
    max_body: int = MAX_JSON_BYTES,
    empty_body: bool = False,
    raw: bool = False,
    plain: bool = False,
    content_types: tuple[str, ...] = (),
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Register a route with its declared models (names in `chalicelib.schemas`).

    The view receives the calling `Actor` first (unless ``public``), then its path parameters, ``body``
    (the validated JSON body — or ``form``, an HTML form) and ``params`` (the validated query) when declared:
    instances of the declared models, which the view hands its service as they are (what was sent:
    ``model_fields_set``). Its result becomes the JSON body (``html``: a `Response` the
    view builds); a refusal becomes the error shape. ``empty_body``: no body at all means ``{}``.

    ``raw`` (a provider's webhook, whose signature covers the exact bytes): nothing is parsed before the view,
    which receives ``request`` (Chalice's: ``raw_body``, ``headers``) and parses the declared ``body`` itself with
    `validated` once it has verified the call (only the size is checked first); ``content_types`` then lists what
    the provider may send. ``plain``: the view answers text/plain (documented so).
    """

    def register(view: Callable[..., Any]) -> Callable[..., Any]:
        ROUTES.append(
            RouteSpec(
                path,
                methods,
                view.__name__,
                summary,
                tag,
                public,
                status,
                body,
                form,
                query,
                response,
                html,
                errors,
                plain,
            )
        )

        @functools.wraps(view)
        def handle(**params: Any) -> Response:
            request = blueprint.current_request
            started = time.perf_counter()
            request_id = request.context.get("requestId") or getattr(request.lambda_context, "aws_request_id", None)
            logger.append_keys(request_id=request_id)
            try:
                kwargs = _path_params(params)
                if raw:
                    if len(request.raw_body or b"") > max_body:
                        raise PayloadTooLarge(f"Isi permintaan terlalu besar (maksimal {max_body // 1024} KB).")
                    kwargs["request"] = request
                elif body:
                    data = {} if empty_body and not request.raw_body else _json_object(request, max_body)
                    kwargs["body"] = _validated(body, data)
                if form:
                    kwargs["body"] = _validated(form, _form(request, max_body))
                if query:
                    kwargs["params"] = _validated(query, dict(request.query_params or {}))
                result = view(**kwargs) if public else view(_actor(request.context, path), **kwargs)
                response = result if isinstance(result, Response) else _json(status, result)
            except DomainError as exc:
                response = error_response(exc)
            except Exception as exc:
                if dependency_unavailable(exc):
                    logger.warning("dependency unavailable", extra={"route": path}, exc_info=True)
                    response = error_response(ServiceUnavailable(_UNAVAILABLE))
                else:
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
            content_types=list(content_types) or ["application/x-www-form-urlencoded" if form else "application/json"],
        )(handle)
        return handle

    return register


def client_ip(blueprint: Blueprint) -> str:
    """The caller's IP address as API Gateway saw it (``identity.sourceIp``; the local server fills it too).

    Public routes count their rate limits by it (`services/rate_limits.py`); it is never logged or stored
    in clear. An empty string when no address is known (the limit then counts all such callers together).
    """
    identity = blueprint.current_request.context.get("identity") or {}
    return str(identity.get("sourceIp") or "")


def validated(model_name: str, data: Any) -> Any:
    """``data`` checked against the named model: what a ``raw`` view parses once the call is verified."""
    return _validated(model_name, data)


def json_body(request: Any, max_bytes: int = MAX_JSON_BYTES) -> dict[str, Any]:
    """A ``raw`` view's JSON object (400 ``INVALID_JSON`` when it is none)."""
    return _json_object(request, max_bytes)


def form_body(request: Any, max_bytes: int = MAX_JSON_BYTES, max_fields: int = 10) -> dict[str, str]:
    """A ``raw`` view's HTML form fields (first value of each)."""
    return _form(request, max_bytes, max_fields)


def _validated(model_name: str, data: Any) -> Any:
    """``data`` checked against the named model, which the view hands its service (pydantic is imported here, at
    the first request)."""
    from .. import schemas
    from ..schemas.base import validate

    return validate(schemas.resolve(model_name), data)


def _path_params(params: Mapping[str, str]) -> dict[str, str]:
    """Path parameters checked at the edge: an id that cannot exist is a 404, a bad NIP, code or date a 400."""
    for name, value in params.items():
        if len(value) > MAX_PATH_PARAM or (name in _ID_PARAMS and not is_id(value)):
            raise NotFound("Data yang diminta tidak ditemukan.")
        if name == "nip":
            validate_nip(value)
        elif name in ("skpd_id", "satker_id", "category"):
            validate_code(value, name)
        elif name == "day":
            from ..domain.reports import parse_day  # not at import: the reports domain is no cold-start cost

            parse_day(value, name)
    return dict(params)


def dependency_unavailable(exc: BaseException) -> bool:
    """True when ``exc`` (or what it wraps) says a dependency timed out, could not be reached or throttled us.

    botocore's connection errors (``EndpointConnectionError``, ``ConnectTimeoutError``…) and HTTP client
    errors (``ReadTimeoutError``, ``ConnectionClosedError``…), an AWS answer with a throttling or
    unavailability code, and the socket-level ``TimeoutError``/``ConnectionError``. PynamoDB wraps
    botocore's errors (``GetError``, ``QueryError``, ``TransactWriteError``… keep them in ``cause``), other
    libraries chain them (``raise … from``): the whole chain is looked at. botocore is looked up, never
    imported: when it is not loaded, none of its errors can have been raised.
    """
    botocore = sys.modules.get("botocore.exceptions")
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, (TimeoutError, ConnectionError)):
            return True
        if botocore is not None:
            if isinstance(current, (botocore.ConnectionError, botocore.HTTPClientError)):
                return True
            if (
                isinstance(current, botocore.ClientError)
                and current.response.get("Error", {}).get("Code") in _UNAVAILABLE_CODES
            ):
                return True
        cause = getattr(current, "cause", None)
        if isinstance(cause, BaseException):
            current = cause
        elif current.__cause__ is not None or current.__suppress_context__:
            current = current.__cause__
        else:
            current = current.__context__
    return False


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
    if auth.get("unavailable"):
        raise ServiceUnavailable(_UNAVAILABLE)
    if auth.get("failed"):
        raise RuntimeError("the token check failed (logged by the authorizer)")
    if not auth.get("nip"):
        raise Unauthorized("Sesi tidak valid atau telah berakhir; silakan masuk kembali.")
    if auth.get("token_type") == "authenticator_enrolment":
        if path not in ENROLMENT_ROUTES:
            raise Forbidden(
                "Anda harus mengaktifkan aplikasi autentikator sebelum dapat menggunakan aplikasi.",
                code="AUTHENTICATOR_ENROLMENT_REQUIRED",
            )
    elif auth.get("token_type") != "access" and path != PASSWORD_CHANGE_ROUTE:
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


def _json_object(request: Any, max_bytes: int) -> dict[str, Any]:
    """The request's JSON object (its fields are checked by the route's model)."""
    raw = request.raw_body or b""
    if len(raw) > max_bytes:
        raise PayloadTooLarge(f"Isi permintaan terlalu besar (maksimal {max_bytes // 1024} KB).")
    try:
        body = json.loads(raw) if raw else None
    except (ValueError, UnicodeDecodeError):
        raise ValidationError("Isi permintaan bukan JSON yang valid.", code="INVALID_JSON") from None
    if not isinstance(body, dict):
        raise ValidationError("Isi permintaan harus berupa objek JSON.", code="INVALID_JSON")
    return body


def _form(request: Any, max_bytes: int, max_fields: int = 10) -> dict[str, str]:
    """An HTML form's fields (first value of each)."""
    from urllib.parse import parse_qs

    raw = request.raw_body or b""
    if len(raw) > max_bytes:
        raise PayloadTooLarge("Isi formulir terlalu besar.")
    try:
        fields = parse_qs(raw.decode("utf-8", "replace"), max_num_fields=max_fields)
    except ValueError:
        raise ValidationError("Formulir tidak valid.", code="INVALID_FORM") from None
    return {k: v[0] for k, v in fields.items()}
