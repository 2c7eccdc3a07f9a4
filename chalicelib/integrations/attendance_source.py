"""Client of the attendance system (E-NTAGO / Pusaka style) over HTTPS + JSON; contract in docs/attendance-sync.md."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .http import http_session

if TYPE_CHECKING:
    import requests

CONNECT_TIMEOUT = 3.05
READ_TIMEOUT = 20
PAGE_SIZE = 500


class AttendanceSourceError(Exception):
    """The source could not be read after retries; the run stops and the next one resumes."""


@dataclass(frozen=True)
class SourcePage:
    records: list[Any]
    next_cursor: str | None
    has_more: bool


class HttpAttendanceSource:
    def __init__(
        self, base_url: str, api_key: str, session: requests.Session | None = None, page_size: int = PAGE_SIZE
    ) -> None:
        self._url = base_url.rstrip("/") + "/attendance"
        self._api_key, self._page_size = api_key, page_size
        self._session = session or http_session(retries=4, read_retries=True)

    def fetch(self, cursor: str | None) -> SourcePage:
        """One page of records after ``cursor`` (``None``: from the beginning)."""
        import requests

        params: dict[str, Any] = {"limit": self._page_size}
        if cursor:
            params["cursor"] = cursor
        try:
            response = self._session.get(
                self._url,
                params=params,
                headers={"X-API-Key": self._api_key, "Accept": "application/json"},
                timeout=(CONNECT_TIMEOUT, READ_TIMEOUT),
            )
        except requests.RequestException as exc:
            raise AttendanceSourceError(f"attendance source unreachable: {type(exc).__name__}") from exc
        if response.status_code != 200:
            raise AttendanceSourceError(f"attendance source answered HTTP {response.status_code}")
        try:
            body = response.json()
            records, next_cursor, has_more = body["records"], body.get("next_cursor"), bool(body.get("has_more"))
        except (ValueError, KeyError, TypeError) as exc:
            raise AttendanceSourceError("attendance source answered outside the contract") from exc
        if not isinstance(records, list):
            raise AttendanceSourceError("attendance source answered outside the contract")
        return SourcePage(records, str(next_cursor) if next_cursor else None, has_more)
