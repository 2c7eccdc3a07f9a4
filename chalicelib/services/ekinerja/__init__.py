"""Handing daily reports on to BKN's e-Kinerja (issue 19, "isi sekali"): the "Progres Harian" export of a month
(`export.py`), the client interface and its recording default (`clients.py`) and the job that hands each approved
report on once (`handoff.py`). docs/ekinerja.md."""

from .clients import EKinerjaClient, RecordingEKinerjaClient, client_for
from .export import ProgressExport
from .handoff import HandOn

__all__ = ["EKinerjaClient", "HandOn", "ProgressExport", "RecordingEKinerjaClient", "client_for"]
