"""A loopback attendance source that speaks docs/attendance-sync.md, with failures on demand."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, urlparse

from .http_stub import JsonServer


class AttendanceServer:
    def __init__(self, records: list[dict[str, Any]], api_key: str = "kunci-uji") -> None:
        self.records, self.api_key = records, api_key
        self.fail_from_offset: int | None = None  # answer 503 for pages starting at or after this offset
        self.requests: list[dict[str, Any]] = []
        self._server = JsonServer(self._respond)
        self.url = self._server.url

    def _respond(self, method: str, path: str, headers: dict[str, str], body: str) -> tuple[int, Any]:
        url = urlparse(path)
        params = {k: v[0] for k, v in parse_qs(url.query).items()}
        self.requests.append({"path": url.path, "params": params, "key": headers.get("X-API-Key")})
        if headers.get("X-API-Key") != self.api_key:
            return 401, {"error": "unauthorized"}
        offset = int(params.get("cursor", "0"))
        if self.fail_from_offset is not None and offset >= self.fail_from_offset:
            return 503, {"error": "maintenance"}
        page = self.records[offset : offset + int(params.get("limit", "500"))]
        end = offset + len(page)
        return 200, {"records": page, "next_cursor": str(end), "has_more": end < len(self.records)}

    def close(self) -> None:
        self._server.close()
