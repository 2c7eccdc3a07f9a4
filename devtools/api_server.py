"""`chalice local`, with Nagle's algorithm off and an access log that names route templates, not paths.

Chalice's dev server writes a response's headers and body in separate small writes; with Nagle
on, the body waits for the client's delayed ACK (~40 ms a request on Linux). That is an artefact
of the dev server, not of the app, so the local stack and the benchmarks turn it off.

Its access log would print each request line, e-mailed action tokens included; this one prints
the method, the route template (``/decision-links/{token}``) and the status, never a path segment
or query value.

It answers each connection on its own thread (Chalice's `ThreadedHTTPServer`) and queues up to 128
connections waiting to be accepted (socketserver's default is 5: a burst of 32 clicks got resets).

With `KINERJA_DYNAMODB_TIMING=1` every answer carries `Server-Timing: dynamodb;dur=…` — the time the request spent
in its own DynamoDB calls (`devtools/request_timing.py`), which `benchmarks.api_latency` holds the route's time
against.

Usage: python -m devtools.api_server PORT [STAGE]
"""

from __future__ import annotations

import os
import sys
from typing import Any

from chalice.cli.factory import CLIFactory
from chalice.deploy.validate import validate_routes
from chalice.local import (
    ChaliceRequestHandler,
    ForbiddenError,
    LocalDevServer,
    LocalGatewayException,
    RouteMatcher,
    ThreadedHTTPServer,
)

from chalicelib.handlers import refusals

from . import request_timing
from .processes import ROOT


class Server(ThreadedHTTPServer):
    """A thread per connection and a listen backlog for a room of people clicking at once."""

    request_queue_size = 128


class RequestHandler(ChaliceRequestHandler):
    disable_nagle_algorithm = True
    routes = RouteMatcher([])
    timing = False  # the Server-Timing header (`main` sets it from the environment)

    def route(self) -> str:
        """The route template the request matched, or a placeholder (never the path itself)."""
        try:
            return self.routes.match_route(getattr(self, "path", "")).route
        except ValueError:
            return "(no route)"

    def log_request(self, code: Any = "-", size: Any = "-") -> None:
        self.log_message("%s %s %s", getattr(self, "command", None) or "-", self.route(), code)

    def log_error(self, fmt: str, *args: Any) -> None:
        self.log_message("error in request to %s", self.route())

    def _generic_handle(self) -> None:
        """As API Gateway: an authorizer or function that raises gets a 5xx in the error shape (`DEFAULT_5XX`),
        never a dropped connection."""
        if self.timing:
            request_timing.start()
        try:
            super()._generic_handle()
        except Exception:
            self.log_message("unhandled error in request to %s", self.route())
            status, code, message = refusals.GATEWAY["DEFAULT_5XX"]
            self._send_http_response(
                status, {"Content-Type": "application/json; charset=utf-8"}, refusals.body(code, message)
            )

    # Chalice binds its own `_generic_handle` to these names, so they are bound again to this one
    do_GET = do_PUT = do_POST = do_HEAD = do_DELETE = do_PATCH = do_OPTIONS = _generic_handle

    def _send_http_response_with_body(self, code: int, headers: dict[str, Any], body: str | bytes) -> None:
        """Chalice's, with the headers and the body in one write: apart they are two segments, and the client
        wakes up for each (≈0.05 ms of every answer; `python -m benchmarks.api_latency`)."""
        if self.request_version == "HTTP/0.9":  # no headers at all: Chalice's own way
            super()._send_http_response_with_body(code, headers, body)
            return
        self.send_response(code)
        data = body if isinstance(body, bytes) else body.encode("utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Content-Type", headers.pop("Content-Type", "application/json"))
        if self.timing:
            self.send_header("Server-Timing", request_timing.header())
        for name, value in headers.items():
            for one in value if isinstance(value, list) else [value]:
                self.send_header(name, one)
        self._headers_buffer.append(b"\r\n")  # what `end_headers` adds before it writes
        self._headers_buffer.append(data)
        self.flush_headers()

    def _send_error_response(self, error: LocalGatewayException) -> None:
        """What API Gateway answers itself (no such route, authorizer refusal), in the API's error shape."""
        kind = "MISSING_AUTHENTICATION_TOKEN" if isinstance(error, ForbiddenError) else "UNAUTHORIZED"
        status, code, message = refusals.GATEWAY[kind]
        self._send_http_response(
            status, {"Content-Type": "application/json; charset=utf-8"}, refusals.body(code, message)
        )


def main(port: int, stage: str = "local") -> None:
    config = CLIFactory(project_dir=str(ROOT)).create_config_obj(chalice_stage_name=stage)
    app = config.chalice_app
    validate_routes(app.routes)
    timing = os.environ.get(request_timing.ENV) == "1"
    if timing:
        request_timing.install()
    handler = type("RequestHandler", (RequestHandler,), {"routes": RouteMatcher(list(app.routes)), "timing": timing})
    LocalDevServer(app, config, "127.0.0.1", port, handler_cls=handler, server_cls=Server).serve_forever()


if __name__ == "__main__":
    main(int(sys.argv[1]), *(sys.argv[2:3]))
