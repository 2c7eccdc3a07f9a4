"""The one integration interface to e-Kinerja, and its local default.

BKN publishes no API contract, so Kinerja calls none: an office that holds BKN's integration credentials writes a
class with `send` and names it in `EKINERJA_CLIENT` (`client_for`). The default, ``recording``, records what would
be sent in the outbox table, as the WhatsApp ``outbox`` provider does (recipient ``e-kinerja:<nip>``, the JSON
as text, kept 30 days).
"""

from __future__ import annotations

import json
from typing import Protocol

from ...domain.ekinerja import DailyProgress, progress_json

RECIPIENT_PREFIX = "e-kinerja:"


class EKinerjaClient(Protocol):
    def send(self, progress: DailyProgress) -> str:
        """Hand one day's progress on; the external id e-Kinerja gave it. Raise on failure (the job records the
        error and retries). ``progress.report_id`` is the idempotency key: a resend after a lost answer must not
        make a second entry."""
        ...


class _Recorder(Protocol):
    def add(self, recipient: str, text: str) -> object: ...


class RecordingEKinerjaClient:
    """Records each send in the outbox instead of calling e-Kinerja; the external id is ``REC-<message id>``."""

    def __init__(self, outbox: _Recorder) -> None:
        self._outbox = outbox

    def send(self, progress: DailyProgress) -> str:
        text = json.dumps(progress_json(progress), ensure_ascii=False, sort_keys=True)
        message = self._outbox.add(f"{RECIPIENT_PREFIX}{progress.nip}", text)
        return f"REC-{getattr(message, 'message_id', '')}"


def client_for(name: str, outbox: _Recorder) -> EKinerjaClient:
    """The client `EKINERJA_CLIENT` names; an unknown name stops the job at start rather than fail report by
    report."""
    if name == "recording":
        return RecordingEKinerjaClient(outbox)
    raise RuntimeError(f"unknown EKINERJA_CLIENT {name!r}")
