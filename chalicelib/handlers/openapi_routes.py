"""Serves the OpenAPI document."""

from __future__ import annotations

from typing import Any

from chalice import Blueprint

from .. import openapi
from .api import endpoint

bp = Blueprint(__name__)


@endpoint(bp, "/openapi.json", public=True, summary="This document", tag="meta", response="OpenApiDocument")
def openapi_document() -> dict[str, Any]:
    return openapi.document()
