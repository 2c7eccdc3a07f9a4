"""The SKP (sasaran kinerja pegawai) use cases, by concern: the service (read, start, edit, submit, versions),
the supervisor's cascade, the report's link to an RHK, who may read, the views, the quarterly assessment and a
quarter's predicates in bulk."""

from __future__ import annotations

from .assessment import QuarterAssessments
from .cascade import SkpCascade
from .links import RhkLinks
from .predicates import PredicateService
from .service import SkpService

__all__ = ["PredicateService", "QuarterAssessments", "RhkLinks", "SkpCascade", "SkpService"]
