"""HTTP sessions for outside services: timeouts are per call, retries with back-off live here."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import requests

#: connections kept per host: at least the threads sending through one session at once (a reminder page's
#: `services.reminders.SEND_WORKERS` WhatsApp calls); requests' default is 10, the rest would wait or reconnect
POOL_MAXSIZE = 50


def http_session(retries: int = 3, *, read_retries: bool = False) -> requests.Session:
    """A session retrying connection errors and 429/5xx answers with exponential back-off.

    Read time-outs are retried only when ``read_retries`` (idempotent reads): a message that
    may have been received is never sent twice because of one.
    """
    import requests
    from requests.adapters import HTTPAdapter
    from urllib3.util.retry import Retry

    retry = Retry(
        total=retries,
        connect=retries,
        read=retries if read_retries else 0,
        status=retries,
        backoff_factor=0.5,
        status_forcelist=(429, 500, 502, 503, 504),
        allowed_methods=frozenset({"GET", "POST"}),
        respect_retry_after_header=True,
        raise_on_status=False,
    )
    session = requests.Session()
    session.mount("https://", HTTPAdapter(max_retries=retry, pool_maxsize=POOL_MAXSIZE))
    session.mount("http://", HTTPAdapter(max_retries=retry, pool_maxsize=POOL_MAXSIZE))
    return session
