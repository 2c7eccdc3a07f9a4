"""Small helpers of the browser journeys."""

from __future__ import annotations

import struct
import zlib
from typing import Any


def png_bytes(width: int = 8, height: int = 8) -> bytes:
    """A real PNG (a small green square): the API checks uploads by their bytes."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    rows = b"".join(b"\x00" + b"\x20\xa0\x50" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def template(http: Any, token: str, **extra: Any) -> dict[str, Any]:
    body = {
        "name": "Rapat koordinasi",
        "title": "Rapat koordinasi program",
        "description": "Mengikuti rapat koordinasi program kesehatan masyarakat bersama lintas sektor.",
        "output": "Notulen rapat",
        "duration_minutes": 90,
        **extra,
    }
    status, created = http.call("POST", "/templates", body, token=token)
    assert status == 201, created
    return created


def upload(http: Any, token: str, path: str, body: dict[str, Any], data: bytes) -> str:
    """Ask ``path`` for an upload form, send ``data`` to the object store with it, answer the upload token."""
    import requests

    status, slip = http.call("POST", path, body, token=token)
    assert status == 201, slip
    form = slip["upload"]
    files = {"file": (body["filename"], data, body["content_type"])}
    assert requests.post(form["url"], data=form["fields"], files=files, timeout=10).status_code < 300
    return slip["upload_token"]


def type_report(page: Any, start: str, end: str, title: str, description: str, output: str) -> None:
    """Fill the report form's times and texts as a person types them (the form is open)."""
    page.get_by_label("Jam mulai").fill(start)
    page.get_by_label("Jam selesai").fill(end)
    page.get_by_label("Judul").fill(title)
    page.get_by_label("Uraian kegiatan").fill(description)
    page.get_by_label("Hasil").fill(output)


def leave_request(start: Any, end: Any, **extra: Any) -> dict[str, Any]:
    """A day or two of annual leave, as the leave form sends it."""
    return {
        "type": "TAHUNAN",
        "reason": "Menghadiri pernikahan adik kandung",
        "start_date": start.isoformat(),
        "end_date": end.isoformat(),
        "address": "Jl. Kenanga No. 8, Kota Medan",
        "phone": "081234567890",
        **extra,
    }
