"""e-Kinerja (issue 19, "isi sekali"): the month's "Progres Harian" export and the scheduled handoff of approved
reports (docs/ekinerja.md)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from chalice import Blueprint, Rate

from ..domain.accounts import Actor
from ..services import container
from .api import endpoint, logger

if TYPE_CHECKING:
    from ..schemas import EkinerjaExportQuery

bp = Blueprint(__name__)


@endpoint(
    bp,
    "/ekinerja/progress",
    summary="A month's reports in e-Kinerja's Progres Harian fields: JSON rows, or a link to the CSV or workbook",
    tag="exports",
    query="EkinerjaExportQuery",
    response="EkinerjaExport",
    errors=(404,),
)
def ekinerja_progress(actor: Actor, params: EkinerjaExportQuery) -> dict[str, Any]:
    return container.ekinerja_export().export(actor, params)


@bp.schedule(Rate(15, unit=Rate.MINUTES), name="ekinerja_handoff")
def ekinerja_handoff(event: Any) -> dict[str, int]:
    """Enqueue one page per shard of the work list on the exports queue, whose worker hands each due report on to
    e-Kinerja (each once; failures retried: services/ekinerja/handoff.py)."""
    queued = {"queued": container.ekinerja_handoff().dispatch()}
    logger.info("e-Kinerja handoff", extra=queued)
    return queued
