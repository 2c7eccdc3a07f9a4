"""The HTML shell of the small pages behind e-mailed links (Bahasa Indonesia)."""

from __future__ import annotations

from html import escape

from chalice import Response

_STYLE = (
    "body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#222}"
    "h1{font-size:1.3rem}.box{border:1px solid #ccc;border-radius:8px;padding:1rem;margin:1rem 0}"
    "label{display:block;margin-top:.8rem}textarea,select{width:100%;padding:.4rem}"
    "button{margin-top:1rem;padding:.6rem 1.2rem;font-size:1rem}.err{color:#b00020}"
)


def page(title: str, body: str, status: int) -> Response:
    """A small, uncached HTML page (the pages behind e-mailed links; ``body`` is already escaped HTML)."""
    html = (
        '<!doctype html><html lang="id"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        f"<title>{escape(title)} · Kinerja</title><style>{_STYLE}</style></head>"
        f"<body><h1>{escape(title)}</h1>{body}</body></html>"
    )
    return Response(
        body=html,
        status_code=status,
        headers={
            "Content-Type": "text/html; charset=utf-8",
            "Cache-Control": "no-store",
            "Referrer-Policy": "no-referrer",
        },
    )
