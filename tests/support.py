"""Helpers shared by the integration and security tests: an HTTP wrapper, factories, stream delivery."""

from __future__ import annotations

import itertools
import json
import time
from dataclasses import dataclass, field
from typing import Any

SECRET = "test-secret-0123456789-abcdefghijklmnopqrstuvwxyz"  # what ephemeral_stack("test") sets
PASSWORD = "Laporan-Harian-2026"
_counter = itertools.count(1)


class Api:
    """Small wrapper over Chalice's test client: JSON in, JSON out, optional bearer token."""

    def __init__(self, client: Any) -> None:
        self.client = client

    def call(
        self,
        method: str,
        path: str,
        body: Any = None,
        token: str | None = None,
        raw: bytes | None = None,
        headers: dict[str, str] | None = None,
    ) -> tuple[int, Any]:
        all_headers = {"Content-Type": "application/json", **(headers or {})}
        if token:
            all_headers["Authorization"] = f"Bearer {token}"
        data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
        response = self.client.http.request(method, path, headers=all_headers, body=data)
        text = response.body.decode() if response.body else ""
        try:
            payload = json.loads(text) if text else None
        except ValueError:
            payload = text
        content_type = response.headers.get("Content-Type") or response.headers.get("content-type") or ""
        if content_type.startswith("application/json"):
            conforms(method, path, response.status_code, payload)
        return response.status_code, payload

    def login(self, username: str, password: str = PASSWORD) -> str:
        """A session token; an account with an authenticator also gives its app's code (`authenticator_code`)."""
        status, body = self.call("POST", "/auth/login", {"username": username, "password": password})
        assert status == 200, body
        return self.second_step(username, body)

    def second_step(self, username: str, body: dict[str, Any]) -> str:
        """The token of a sign-in answer (`/auth/login`, `/auth/code/login`): a session's as it is, or after the
        second step with the code of the officer's authenticator, as their app would show it now."""
        if body.get("must_enrol_authenticator"):
            return self.enrol(username, str(body["token"]))
        if "second_factor" not in body:
            return str(body["token"])
        code = authenticator_code(username, clock=_service_clock())
        status, session = self.call("POST", "/auth/totp/login", {"challenge": body["challenge"], "code": code})
        assert status == 200, session
        return str(session["token"])

    def enrol(self, nip: str, token: str) -> str:
        """What an officer without an authenticator does at the first sign-in: enrol one (the app's code from the
        secret shown) and keep its recovery codes; the full session's token."""
        status, started = self.call("POST", "/auth/totp/enrolment", token=token)
        assert status == 201, started
        AUTHENTICATORS[nip] = Authenticator(started["secret"])
        code = authenticator_code(nip, clock=_service_clock())
        status, confirmed = self.call("POST", "/auth/totp/enrolment/confirm", {"code": code}, token=token)
        assert status == 200, confirmed
        AUTHENTICATORS[nip].recovery_codes = list(confirmed["recovery_codes"])
        return str(confirmed["session"]["token"])


def conforms(method: str, path: str, status: int, payload: Any) -> None:
    """Fail unless ``payload`` is what the served OpenAPI document says ``method path`` answers with ``status``.

    Every JSON answer the integration and security tests receive passes through here, so the document
    and the API cannot drift apart. A path no route serves is the gateway's business, not the document's.
    """
    operation = _operation(method, path.split("?", 1)[0])
    if operation is None:
        return
    responses = operation["responses"]
    assert str(status) in responses, f"{method} {path} answered {status}, which its documentation does not list"
    content = responses[str(status)].get("content", {}).get("application/json")
    assert content is not None, f"{method} {path} answered {status} with JSON, documented without a JSON body"
    errors = sorted(_validator(content["schema"]["$ref"]).iter_errors(payload), key=lambda e: e.path)
    assert not errors, f"{method} {path} {status}: {errors[0].message} at {list(errors[0].path)}"


def _document() -> dict[str, Any]:
    from chalicelib import openapi

    return openapi.document()


def _operation(method: str, path: str) -> dict[str, Any] | None:
    import re

    paths = _document()["paths"]
    for template in sorted(paths, key=lambda t: t.count("{")):
        if re.fullmatch(re.sub(r"\\{\w+\\}", "[^/]+", re.escape(template)), path):
            return paths[template].get(method.lower(), _NOT_ALLOWED)
    return None


_ERROR = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
_NOT_ALLOWED = {"responses": {"405": {"content": _ERROR}}}  # a documented path, an undocumented method
_VALIDATORS: dict[str, Any] = {}


def _validator(ref: str) -> Any:
    if ref not in _VALIDATORS:
        from jsonschema import Draft202012Validator

        schema = {"$ref": ref, "components": _document()["components"]}
        _VALIDATORS[ref] = Draft202012Validator(schema)
    return _VALIDATORS[ref]


@dataclass
class Authenticator:
    """An officer's authenticator app as the tests hold it: the secret, the recovery codes not used yet, and the
    last step whose code was given (the API accepts a step only once)."""

    secret: str
    recovery_codes: list[str] = field(default_factory=list)
    last_step: int | None = None


#: the authenticator of every officer the factory enrolled (and of the demo officers), by NIP
AUTHENTICATORS: dict[str, Authenticator] = {}
#: seconds of margin: a code is given only from a step still acceptable this long after it was computed
_MARGIN = 2.0


def authenticator_code(nip: str, clock: Any = None) -> str:
    """The code the officer's app shows that the API will still accept: a step once accepted never is again
    (RFC 6238 §5.2), so a second sign-in within the same 30 s gives the next step's code (the window is ±1 step);
    when no step is left a recovery code is given, and only when none is left either, the next step is awaited."""
    from chalicelib.domain.authenticator import STEP_SECONDS, acceptable_steps, step_of
    from chalicelib.security import totp

    app = _authenticator_of(nip)
    while True:
        now = clock().timestamp() if clock else time.time()
        soon = set(acceptable_steps(step_of(now + _MARGIN), app.last_step))
        steps = [s for s in acceptable_steps(step_of(now), app.last_step) if s in soon]
        if steps:
            app.last_step = steps[0]
            return str(totp.code_at(app.secret, steps[0]))
        if app.recovery_codes:
            return app.recovery_codes.pop()
        time.sleep(STEP_SECONDS - now % STEP_SECONDS + 0.1)
        later = clock().timestamp() if clock else time.time()
        assert step_of(later) > step_of(now), f"the API's clock stands still: no authenticator code left for {nip}"


def _authenticator_of(username: str) -> Authenticator:
    """The authenticator of the account ``username`` (a NIP or an e-mail) names; the demo officers share the
    documented demo secret (`devtools.demo`)."""
    from chalicelib.domain.authenticator import must_have_authenticator
    from devtools import demo

    if "@" in username:
        from chalicelib.store.employees import DynamoEmployeeRepository

        found = DynamoEmployeeRepository().get_by_email(username.strip().lower())
        assert found is not None, username
        username = found.nip
    officers = {p[0] for p in demo.PEOPLE if must_have_authenticator(p[7])}
    if username not in AUTHENTICATORS and username in officers:
        AUTHENTICATORS[username] = Authenticator(demo.DEMO_AUTHENTICATOR_SECRET)
    assert username in AUTHENTICATORS, f"no known authenticator for {username}"
    return AUTHENTICATORS[username]


def enrol_authenticator(nip: str, secret: str | None = None) -> Authenticator:
    """Give ``nip`` an authenticator straight in the table, sealed as the service seals it, with recovery codes;
    the tests then answer its second step (`Api.login`, `Browse.sign_in`)."""
    from dataclasses import replace

    from chalicelib.domain.authenticator import generate_recovery_codes, normalise_recovery_code
    from chalicelib.security import totp
    from chalicelib.services import container
    from chalicelib.store.employees import DynamoEmployeeRepository

    repo = DynamoEmployeeRepository()
    employee = repo.get(nip)
    assert employee is not None, nip
    app = Authenticator(secret or totp.new_secret(), generate_recovery_codes())
    hashes = frozenset(totp.hash_recovery_code(normalise_recovery_code(c) or "") for c in app.recovery_codes)
    sealed = totp.seal_secret(container.root().keys, app.secret)
    repo.save(replace(employee, totp_secret=sealed, recovery_code_hashes=hashes, totp_last_step=None))
    AUTHENTICATORS[nip] = app
    return app


def _service_clock() -> Any:
    """The clock of the API the tests call in this process (a test may have installed its own)."""
    from chalicelib.services import container

    return container.root().clock


def unique() -> int:
    return next(_counter)


def make_nip(n: int | None = None, sex: str = "1") -> str:
    """A valid NIP unique within the session."""
    n = unique() if n is None else n
    year = 1960 + (n // 998) % 40
    return f"{year}0312{year + 23}04{sex}{n % 998 + 1:03d}"


def make_whatsapp() -> str:
    return f"62812{unique():08d}"


class Factory:
    """Creates organisations and accounts straight through the repositories (known passwords)."""

    def skpd(self) -> tuple[str, str]:
        from chalicelib.domain.identity import TimeZone
        from chalicelib.domain.organisation import Satker, Skpd
        from chalicelib.store.organisation import DynamoOrgRepository

        n = unique()
        skpd_id, satker_id = f"SKPD-{n}", f"SATKER-{n}"
        repo = DynamoOrgRepository()
        repo.save_skpd(Skpd(skpd_id, f"Dinas Uji {n}", TimeZone.WIB))
        repo.save_satker(Satker(skpd_id, satker_id, f"Satker Uji {n}", TimeZone.WIB))
        return skpd_id, satker_id

    def employee(
        self,
        skpd: tuple[str, str],
        roles: tuple[str, ...] = (),
        supervisor: str | None = None,
        email: str | None = None,
        must_change: bool = False,
        name: str = "Pegawai Uji",
        authenticator: bool | None = None,
    ) -> str:
        """A new account; an officer whose roles demand an authenticator gets one (`enrol_authenticator`) unless
        ``authenticator=False`` (``True`` gives anyone one)."""
        from chalicelib.domain.accounts import Employee, Role
        from chalicelib.domain.authenticator import must_have_authenticator
        from chalicelib.domain.identity import TimeZone
        from chalicelib.store.employees import DynamoEmployeeRepository

        nip = make_nip()
        DynamoEmployeeRepository().add(
            Employee(
                nip=nip,
                name=name,
                jabatan="Analis",
                skpd_id=skpd[0],
                satker_id=skpd[1],
                whatsapp=make_whatsapp(),
                timezone=TimeZone.WIB,
                supervisor_nip=supervisor,
                email=email,
                granted_roles=frozenset(Role(r) for r in roles),
                password_hash=_password_hash(),
                must_change_password=must_change,
            )
        )
        if authenticator or (authenticator is None and must_have_authenticator(Role(r) for r in roles)):
            enrol_authenticator(nip)
        return nip


_HASH: list[str] = []


def _password_hash() -> str:
    from chalicelib.security.passwords import hash_password

    if not _HASH:
        _HASH.append(hash_password(PASSWORD))
    return _HASH[0]


class EmployeeStream:
    """The employees table's stream as DynamoDB Local produces it, delivered to the real handler."""

    def __init__(self) -> None:
        import boto3

        from chalicelib.config import settings
        from chalicelib.integrations.aws import client
        from devtools.streams import StreamReader

        cfg = settings()
        arn = client("dynamodb").describe_table(TableName=cfg.table("employees"))["Table"]["LatestStreamArn"]
        streams = boto3.client("dynamodbstreams", endpoint_url=cfg.dynamodb_endpoint, region_name=cfg.region)
        self.reader = StreamReader(streams, arn)
        self.sent: list[tuple[str, str]] = []  # WhatsApp texts in clear, as a real provider gets them

    def read(self) -> list[dict[str, Any]]:
        return self.reader.read()

    def deliver(self, records: list[dict[str, Any]]) -> dict[str, Any]:
        from chalice.local import LambdaContext

        from chalicelib.handlers.streams import employee_changes
        from chalicelib.services import container

        sender = container.whatsapp()  # the outbox, which keeps passwords masked
        sender.echo = lambda to, text: self.sent.append((to, text))
        try:
            return employee_changes({"Records": records}, LambdaContext("employee_changes", 512))
        finally:
            sender.echo = None

    def temporary_password(self, whatsapp: str) -> str:
        """The password in the last message sent to ``whatsapp`` (read from the clear text, not the outbox)."""
        text = next(text for to, text in reversed(self.sent) if to == whatsapp)
        return text.split("Kata sandi sementara: ")[1].split("\n")[0]

    def one_time_code(self, whatsapp: str) -> str:
        """The code in the last message sent to ``whatsapp`` (the clear text a real provider gets; the outbox
        keeps it masked)."""
        text = next(text for to, text in reversed(self.sent) if to == whatsapp)
        return text.split("Kode: ")[1].split("\n")[0]

    def drain(self) -> dict[str, Any]:
        records = self.read()
        return self.deliver(records) if records else {"batchItemFailures": []}


def outbox_for(whatsapp: str) -> list[Any]:
    from chalicelib.services import container

    return container.outbox().for_recipient(whatsapp)


def attend(nip: str, day: Any, check_in: str = "07:30", check_out: str | None = "16:00") -> None:
    """Give ``nip`` attendance on ``day`` as the sync would (in its satker's recap index when it has an account)."""
    from datetime import date, time

    from chalicelib.store.attendance import DynamoAttendanceRepository
    from chalicelib.store.employees import DynamoEmployeeRepository

    day = day if isinstance(day, date) else date.fromisoformat(day)
    employee = DynamoEmployeeRepository().get(nip)
    DynamoAttendanceRepository().upsert_sync(
        nip,
        day,
        time.fromisoformat(check_in),
        time.fromisoformat(check_out) if check_out else None,
        (employee.skpd_id, employee.satker_id) if employee else None,
    )


def today_wib() -> Any:
    from datetime import datetime
    from zoneinfo import ZoneInfo

    return datetime.now(ZoneInfo("Asia/Jakarta")).date()


def report_body(day: Any, start: str = "08:00", end: str = "09:00", **extra: Any) -> dict[str, Any]:
    return {
        "date": str(day),
        "start_time": start,
        "end_time": end,
        "title": "Menyusun laporan bulanan",
        "description": "Mengumpulkan data kunjungan pasien dan menyusun rekap.",
        "output": "Draf laporan bulanan",
        **extra,
    }


def decide(http: Api, token: str, kind: str, item_id: str, verdict: str, **fields: Any) -> tuple[int, Any]:
    """One decision through the one scheme: ``POST /verifications/{kind}/{id}`` (fields: note, rating, version)."""
    return http.call("POST", f"/verifications/{kind}/{item_id}", {"verdict": verdict, **fields}, token=token)


def decide_many(http: Api, token: str, kind: str, ids: list[Any], verdict: str, **fields: Any) -> tuple[int, Any]:
    """Many decisions at once: ``POST /verifications/{kind}`` (an id, or an (id, version) pair, per item)."""
    items = [{"id": i[0], "version": i[1]} if isinstance(i, tuple) else {"id": i} for i in ids]
    return http.call("POST", f"/verifications/{kind}", {"items": items, "verdict": verdict, **fields}, token=token)


def queue(http: Api, token: str, kind: str, **params: Any) -> tuple[int, Any]:
    """One kind's queue: ``GET /verifications?kind=…`` (``for_``/``from_`` for the ``for``/``from`` filters)."""
    from urllib.parse import urlencode

    query = {"kind": kind, **{k.rstrip("_"): v for k, v in params.items() if v is not None}}
    return http.call("GET", f"/verifications?{urlencode(query)}", token=token)


def payload(model: str, data: dict[str, Any] | None = None, **fields: Any) -> Any:
    """The request model called ``model``, validated from ``data``/``fields`` as the API's edge does: services
    take what the route hands them, never a raw dict."""
    from chalicelib import schemas
    from chalicelib.schemas.base import validate

    if hasattr(data, "model_dump"):  # already a model (a helper such as `tests.unit.world.body` built it): as sent
        data = data.model_dump(mode="json", by_alias=True, exclude_unset=True)
    return validate(schemas.resolve(model), {**(data or {}), **fields})


def verification_query(kind: str, data: dict[str, Any] | None = None) -> Any:
    """``GET /verifications?kind=…`` as the route hands it to the decision service."""
    return payload("VerificationQuery", {"kind": kind, **(data or {})})


def sqs_event(messages: list[dict[str, Any]]) -> dict[str, Any]:
    """The SQS event Lambda hands the notification worker for ``messages`` (one record each, in order)."""
    return {
        "Records": [
            {
                "messageId": f"m{n}",
                "receiptHandle": f"r{n}",
                "body": json.dumps(message),
                "attributes": {},
                "messageAttributes": {},
                "md5OfBody": "",
                "eventSource": "aws:sqs",
                "eventSourceARN": "arn:aws:sqs:ap-southeast-3:000000000000:notifications",
                "awsRegion": "ap-southeast-3",
            }
            for n, message in enumerate(messages)
        ]
    }


def local_runner(quiet: bool = False) -> Any:
    """The local runner over the test stack: the stream, schedule and queue deliveries `make run` drives, here
    driven by a test (the same handler functions as on AWS)."""
    import boto3

    from app import app
    from chalicelib.config import settings
    from chalicelib.integrations.aws import client
    from devtools.runner import LocalRunner

    cfg = settings()
    streams = boto3.client("dynamodbstreams", endpoint_url=cfg.dynamodb_endpoint, region_name=cfg.region)
    log = (lambda _: None) if quiet else print
    return LocalRunner(app, cfg, client("dynamodb"), streams, client("s3"), client("sqs"), log=log)


def has_authenticator(username: str) -> bool:
    """Whether the tests hold an authenticator for the account ``username`` names (enrolled by the factory or a
    demo officer)."""
    try:
        _authenticator_of(username)
    except AssertionError:
        return False
    return True
