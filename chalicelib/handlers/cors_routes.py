"""CORS preflight (OPTIONS) for every API path, answered for the web client's origin only.

The preflight routes are added when the blueprint is registered — app.py registers it last — so every
route declared through `endpoint` gets one. API Gateway sends OPTIONS to them like to any route; no
authorizer runs for a preflight.
"""

from __future__ import annotations

from typing import Any

from chalice import Blueprint, Response

from .api import ROUTES, cors_headers


class _Preflights(Blueprint):
    def register(self, app: Any, options: dict[str, Any]) -> None:
        for path in dict.fromkeys(spec.path for spec in ROUTES):
            self.route(path, methods=["OPTIONS"], name=f"preflight {path}")(_preflight)
        super().register(app, options)


bp = _Preflights(__name__)


def _preflight(**_params: str) -> Response:
    return Response(body="", status_code=204, headers=cors_headers(bp.current_request.headers.get("origin")))
