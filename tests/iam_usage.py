"""A pytest plugin that records which AWS actions each Lambda of the app really makes during the tests.

Enable it with ``-p tests.iam_usage`` (e.g. over the integration and security suites). Every botocore call
(and every presigned URL, which S3 later checks against the signer's role) made while a Lambda's handler is on
the stack is attributed to that Lambda (its Chalice name, as `infra.template.ACCESS` declares it). At the end
of the session each call is checked against `infra.template.ACCESS` — a call its role would not allow fails
the run — and, with ``IAM_USAGE_OUT=<file>``, the calls are written as JSON.

Calls made by test code itself (fixtures, factories, direct service calls) belong to no Lambda and are ignored.
"""

from __future__ import annotations

import json
import os
import sys
import threading
from collections.abc import Iterator
from typing import Any

import pytest

#: (lambda, service, action, resource) → how often
CALLS: dict[tuple[str, str, str, str], int] = {}
_LOCK = threading.Lock()
_CODES: dict[Any, str] = {}
_INHERITED = threading.local()  # the Lambda whose handler handed work to this pool thread


def _lambda_codes() -> dict[Any, str]:
    """Code object of each handler function → the Chalice name of the Lambda that runs it."""
    if _CODES:
        return _CODES
    import chalice.app

    from app import app
    from devtools.runner import resolve

    codes = {chalice.app.Chalice.__call__.__code__: "api_handler"}
    for source in [*app.event_sources, *app.pure_lambda_functions]:
        codes[_code(resolve(source.handler_string))] = source.name
    for paths in app.routes.values():
        for route in paths.values():
            if route.authorizer:
                codes[_code(route.authorizer)] = route.authorizer.name
    _CODES.update(codes)
    return _CODES


def _code(handler: Any) -> Any:
    """The code object of the function a Chalice wrapper (event source, pure Lambda, authorizer) runs."""
    while not hasattr(handler, "__code__"):
        handler = getattr(handler, "func", None) or handler._original_func
    return handler.__code__


def _current_lambda() -> str | None:
    codes = _lambda_codes()
    frame = sys._getframe(2)
    while frame is not None:
        name = codes.get(frame.f_code)
        if name:
            return name
        frame = frame.f_back
    return getattr(_INHERITED, "name", None)


def _table(name: str) -> str:
    """The logical name of a table (or queue): the stage's prefix removed."""
    return name.removeprefix(os.environ.get("TABLE_PREFIX", "kinerja-local-"))


def _prefix(key: str) -> str:
    head, slash, _ = key.partition("/")
    return head + slash


def _resources(service: str, operation: str, params: dict[str, Any]) -> Iterator[tuple[str, str]]:
    """(IAM action, resource) pairs one API call needs."""
    if service == "dynamodb":
        if operation in ("BatchGetItem", "BatchWriteItem"):
            for table in params.get("RequestItems", {}):
                yield f"dynamodb:{operation}", _table(table)
        elif operation in ("TransactWriteItems", "TransactGetItems"):
            action = {"Put": "PutItem", "Update": "UpdateItem", "Delete": "DeleteItem", "Get": "GetItem"}
            action["ConditionCheck"] = "ConditionCheckItem"
            for item in params.get("TransactItems", []):
                [(kind, body)] = item.items()
                yield f"dynamodb:{action[kind]}", _table(body["TableName"])
        else:
            table = _table(params.get("TableName", "?"))
            if params.get("IndexName"):
                table += "/index/" + params["IndexName"]
            yield f"dynamodb:{operation}", table
    elif service == "s3":
        if operation in ("ListObjectsV2", "ListObjects"):
            yield "s3:ListBucket", _prefix(params.get("Prefix", ""))
        elif operation == "HeadObject":
            yield "s3:GetObject", _prefix(params["Key"])
        elif operation in ("CreateMultipartUpload", "UploadPart", "CompleteMultipartUpload"):
            yield "s3:PutObject", _prefix(params["Key"])  # IAM allows a multipart upload's steps by PutObject
        elif operation == "CopyObject":
            source = params["CopySource"]
            source_key = source["Key"] if isinstance(source, dict) else source.split("/", 1)[1]
            yield "s3:GetObject", _prefix(source_key)
            yield "s3:PutObject", _prefix(params["Key"])
        elif "Key" in params:
            yield f"s3:{operation}", _prefix(params["Key"])
        else:
            yield f"s3:{operation}", "*"
    elif service == "sqs":
        action = "SendMessage" if operation == "SendMessageBatch" else operation
        yield f"sqs:{action}", _table(params.get("QueueUrl", "?").rsplit("/", 1)[-1])
    elif service == "secretsmanager":
        yield f"secretsmanager:{operation}", params.get("SecretId", "?")
    else:
        yield f"{service}:{operation}", "*"


def _record(service: str, operation: str, params: dict[str, Any]) -> None:
    try:
        name = _current_lambda()
        pairs = list(_resources(service, operation, params)) if name else []
    except Exception as exc:  # the recorder never breaks the test it watches
        name, pairs = "recorder", [(f"error:{type(exc).__name__}", f"{service}:{operation}")]
    with _LOCK:
        for action, resource in pairs:
            key = (name or "", service, action, resource)
            CALLS[key] = CALLS.get(key, 0) + 1


def pytest_configure(config: pytest.Config) -> None:
    import botocore.client

    from chalicelib.integrations.storage import ObjectStore

    original_call = botocore.client.BaseClient._make_api_call

    def make_api_call(self: Any, operation_name: str, api_params: dict[str, Any]) -> Any:
        _record(self.meta.service_model.service_name, operation_name, api_params)
        return original_call(self, operation_name, api_params)

    botocore.client.BaseClient._make_api_call = make_api_call  # type: ignore[method-assign]

    original_post, original_get = ObjectStore.presigned_post, ObjectStore.presigned_get

    def presigned_post(self: ObjectStore, key: str, *args: Any, **kwargs: Any) -> Any:
        _record("s3", "PutObject", {"Key": key})
        return original_post(self, key, *args, **kwargs)

    def presigned_get(self: ObjectStore, key: str, *args: Any, **kwargs: Any) -> Any:
        _record("s3", "GetObject", {"Key": key})
        return original_get(self, key, *args, **kwargs)

    ObjectStore.presigned_post = presigned_post  # type: ignore[method-assign]
    ObjectStore.presigned_get = presigned_get  # type: ignore[method-assign]

    from concurrent.futures import ThreadPoolExecutor

    original_submit = ThreadPoolExecutor.submit

    def submit(self: ThreadPoolExecutor, fn: Any, /, *args: Any, **kwargs: Any) -> Any:
        name = _current_lambda()

        def run(*a: Any, **k: Any) -> Any:
            _INHERITED.name = name
            try:
                return fn(*a, **k)
            finally:
                _INHERITED.name = None

        return original_submit(self, run, *args, **kwargs)

    ThreadPoolExecutor.submit = submit  # type: ignore[method-assign]


def refused(calls: dict[tuple[str, str, str, str], int]) -> list[str]:
    """The recorded calls that the declared access of their Lambda does not allow."""
    from infra.template import ACCESS, allows

    return [
        f"{name}: {action} on {resource} (x{count})"
        for (name, _, action, resource), count in sorted(calls.items())
        if name not in ACCESS or not allows(ACCESS[name], action, resource)
    ]


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    out = os.environ.get("IAM_USAGE_OUT")
    if out:
        rows = [
            {"lambda": n, "service": s, "action": a, "resource": r, "count": c}
            for (n, s, a, r), c in sorted(CALLS.items())
        ]
        with open(out, "w") as handle:
            json.dump(rows, handle, indent=1)
    if not CALLS:
        return
    try:
        problems = refused(CALLS)
    except ImportError:
        return
    if problems:
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        if reporter:
            reporter.write_line("calls the functions' IAM roles would refuse:", red=True)
            for line in problems:
                reporter.write_line("  " + line, red=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
