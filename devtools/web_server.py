"""Serve the built web client (`web/dist`) on loopback, as S3 + CloudFront do on AWS.

- `/config.json` is answered from memory with the API's URL (on AWS the deploy step writes the file),
  so one build serves every stage and nothing is written into `web/dist`;
- a path that is not a file gets `index.html`, so the client's routes (`/laporan/…`) survive a reload;
  a missing file under `/assets/` stays a 404 (a stale chunk must fail, not turn into HTML);
- hashed files under `/assets/` are cached for a year, everything else is revalidated;
- text is gzipped when the browser accepts it (CloudFront compresses too).

Usage: python -m devtools.web_server PORT API_URL [DIST]
"""

from __future__ import annotations

import gzip
import json
import mimetypes
import sys
import threading
from functools import lru_cache
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .processes import ROOT

DIST = ROOT / "web" / "dist"
TYPES = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".json": "application/json; charset=utf-8",
    ".webmanifest": "application/manifest+json; charset=utf-8",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".ico": "image/x-icon",
    ".txt": "text/plain; charset=utf-8",
}
COMPRESSIBLE = (".html", ".js", ".css", ".json", ".webmanifest", ".svg", ".txt")


@lru_cache(maxsize=512)
def _read(path: Path, mtime: float, compressed: bool) -> bytes:
    data = path.read_bytes()
    return gzip.compress(data, 6, mtime=0) if compressed else data


class WebHandler(BaseHTTPRequestHandler):
    server_version = "kinerja-web"
    dist: Path = DIST
    config: bytes = b"{}"
    quiet = True

    def do_HEAD(self) -> None:
        self._serve(head=True)

    def do_GET(self) -> None:
        self._serve(head=False)

    def _serve(self, head: bool) -> None:
        path = unquote(urlsplit(self.path).path)
        if path == "/config.json":
            self._send(HTTPStatus.OK, self.config, ".json", "no-store", head)
            return
        target = self._file(path)
        if target is None:
            if path.startswith("/assets/") or (Path(path).suffix in TYPES and path != "/"):
                self._send(HTTPStatus.NOT_FOUND, b"Not found", ".txt", "no-store", head)
                return
            target = self.dist / "index.html"  # a client route
        cache = "public, max-age=31536000, immutable" if path.startswith("/assets/") else "no-cache"
        self._send(HTTPStatus.OK, target, target.suffix, cache, head)

    def _file(self, path: str) -> Path | None:
        relative = path.lstrip("/") or "index.html"
        candidate = (self.dist / relative).resolve()
        root = self.dist.resolve()
        if root not in candidate.parents and candidate != root:
            return None
        return candidate if candidate.is_file() else None

    def _send(self, status: HTTPStatus, body: bytes | Path, suffix: str, cache: str, head: bool) -> None:
        compressed = suffix in COMPRESSIBLE and "gzip" in (self.headers.get("Accept-Encoding") or "")
        if isinstance(body, Path):
            data = _read(body, body.stat().st_mtime, compressed)
        else:
            data = gzip.compress(body, 6, mtime=0) if compressed else body
        self.send_response(status)
        kind = TYPES.get(suffix) or mimetypes.guess_type("x" + suffix)[0] or "application/octet-stream"
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", cache)
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "strict-origin-when-cross-origin")
        if compressed:
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        if not head:
            self.wfile.write(data)

    def log_message(self, format: str, *args: object) -> None:
        if not self.quiet:
            super().log_message(format, *args)


def make_server(port: int, api_url: str, dist: Path = DIST, quiet: bool = True) -> ThreadingHTTPServer:
    """A server (not yet serving) for ``dist`` whose /config.json points the client at ``api_url``."""
    if not (dist / "index.html").is_file():
        raise FileNotFoundError(f"{dist / 'index.html'} is missing: build the client first (`make web`)")
    handler = type(
        "Handler",
        (WebHandler,),
        {"dist": dist, "config": json.dumps({"apiUrl": api_url}).encode(), "quiet": quiet},
    )
    server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    server.daemon_threads = True
    return server


def serve_in_thread(port: int, api_url: str, dist: Path = DIST) -> ThreadingHTTPServer:
    """Start serving in a daemon thread (tests); stop with ``server.shutdown()``."""
    server = make_server(port, api_url, dist)
    threading.Thread(target=server.serve_forever, name="web-server", daemon=True).start()
    return server


def main(port: int, api_url: str, dist: str | None = None) -> None:
    make_server(port, api_url, Path(dist) if dist else DIST).serve_forever()


if __name__ == "__main__":
    main(int(sys.argv[1]), sys.argv[2], *(sys.argv[3:4]))
