"""The declared request and response models of the HTTP API (pydantic v2, imported only when needed).

Routes name their models (``body="ReportInput"``); `resolve` finds them here. The OpenAPI document
and the validation of every request come from these classes.
"""

from __future__ import annotations

from .accounts import *  # noqa: F403
from .archive import *  # noqa: F403
from .assessment import *  # noqa: F403
from .base import Error
from .checkin import *  # noqa: F403
from .citizen_requests import *  # noqa: F403
from .coach import *  # noqa: F403
from .complaints import *  # noqa: F403
from .decisions import *  # noqa: F403
from .discipline import *  # noqa: F403
from .ekinerja import *  # noqa: F403
from .exports import *  # noqa: F403
from .kritis import *  # noqa: F403
from .leave import *  # noqa: F403
from .month_closing import *  # noqa: F403
from .permissions import *  # noqa: F403
from .predicates import *  # noqa: F403
from .ptsp import *  # noqa: F403
from .records import *  # noqa: F403
from .skp import *  # noqa: F403
from .whatsapp import *  # noqa: F403
from .work import *  # noqa: F403
from .working_hours import *  # noqa: F403


def resolve(name: str) -> type:
    """The model called ``name``."""
    found = globals().get(name)
    if not isinstance(found, type):
        raise LookupError(f"no declared model {name!r} in chalicelib.schemas")
    return found


__all__ = ["Error", "resolve"]
