"""A loopback attendance source that speaks docs/attendance-sync.md, with failures on demand."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlparse


class AttendanceServer:
    def __init__(self, records: list[dict[str, Any]], api_key: str = "kunci-uji") -> None:
        self.records, self.api_key = records, api_key
        self.fail_from_offset: int | None = None  # answer 503 for pages starting at or after this offset
        self.requests: list[dict[str, Any]] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                url = urlparse(self.path)
                params = {k: v[0] for k, v in parse_qs(url.query).items()}
                server.requests.append({"path": url.path, "params": params, "key": self.headers.get("X-API-Key")})
                if self.headers.get("X-API-Key") != server.api_key:
                    return self._send(401, {"error": "unauthorized"})
                offset = int(params.get("cursor", "0"))
                if server.fail_from_offset is not None and offset >= server.fail_from_offset:
                    return self._send(503, {"error": "maintenance"})
                limit = int(params.get("limit", "500"))
                page = server.records[offset : offset + limit]
                end = offset + len(page)
                self._send(200, {"records": page, "next_cursor": str(end), "has_more": end < len(server.records)})

            def _send(self, status, body):
                payload = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, *args):
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()
