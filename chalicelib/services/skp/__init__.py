"""The SKP (sasaran kinerja pegawai) use cases, by concern: the service (read, start, edit, submit, versions),
the supervisor's cascade, the report's link to an RHK, who may read, the views, and the quarterly assessment."""

from __future__ import annotations

from .assessment import QuarterAssessments
from .cascade import SkpCascade
from .links import RhkLinks
from .service import SkpService

__all__ = ["QuarterAssessments", "RhkLinks", "SkpCascade", "SkpService"]
