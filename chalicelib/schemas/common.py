"""Field types shared by several areas: identities, dates, times, pages."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Annotated, Any

from pydantic import BeforeValidator, Field, WithJsonSchema, model_validator

from ..domain.errors import ValidationError
from ..domain.identity import (
    TimeZone,
    normalise_email,
    normalise_whatsapp,
    parse_time_zone,
    validate_code,
    validate_nip,
    version_required,
)
from ..domain.reports import check_date_range, parse_day, parse_month, parse_time
from .base import REQUIRED, Body, Out, Query, Version, checked, choice, located, text, values_of, written

Nip = checked(validate_nip, {"type": "string", "pattern": "^[0-9]{18}$", "examples": ["198503152010011001"]})
Code = checked(validate_code, {"type": "string", "pattern": "^[A-Za-z0-9][A-Za-z0-9-]{1,31}$"})
#: a `date`
Day = checked(parse_day, {"type": "string", "format": "date", "description": "YYYY-MM-DD, 2000-2100"}, date.isoformat)
#: the month's first day (a `date`)
Month = checked(
    parse_month, {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}$", "examples": ["2026-11"]}, lambda d: f"{d:%Y-%m}"
)
#: a `time`
ClockTime = checked(
    parse_time, {"type": "string", "pattern": "^[0-2][0-9]:[0-5][0-9]$", "examples": ["08:00"]}, lambda t: f"{t:%H:%M}"
)
ZONES = list(values_of(TimeZone))
Zone = checked(parse_time_zone, {"type": "string", "enum": [*ZONES]})
WhatsApp = checked(
    normalise_whatsapp,
    {"type": "string", "description": "08…, +62… or 62…; stored as 62…", "examples": ["081234567890"]},
)
Email = checked(normalise_email, {"type": "string", "format": "email"})
Cursor = checked(
    lambda value, _field: _cursor_length(value),
    {"type": "string", "maxLength": 4096, "description": "the next_cursor of the previous page"},
)
Id = text(32, pattern="^[0-9a-f]{32}$", description="an id this service made")


def _version_sent(value: object) -> object:
    if value is None:
        raise version_required()
    return value


#: ``version`` of a PATCH body (declare it ``= None``): the version last read, documented required; absent or null is
#: 400 ``VERSION_REQUIRED`` (the code clients know), a wrong type or number the usual ``INVALID_TYPE``/``OUT_OF_RANGE``
RequiredVersion = Annotated[
    Version,
    BeforeValidator(located(_version_sent)),
    Field(validate_default=True),
    WithJsonSchema({"type": "integer", "minimum": 1, "description": "the version last read (optimistic locking)"}),
    REQUIRED,
]

#: how path parameters look, by name (any other is an `Id`); `handlers.api` checks them with the same rules
PATH_PARAMETERS: dict[str, Any] = {
    "nip": Nip,
    "skpd_id": Code,
    "satker_id": Code,
    "category": Code,
    "day": Day,
    "month": text(7, pattern="^[0-9]{4}-[0-9]{2}$", examples=["2026-11"], description="YYYY-MM"),
    "token": text(2048, description="the signed link from the e-mail"),
    "import_id": text(64, pattern="^[A-Za-z0-9]+$"),
    "kind": text(32, pattern="^[a-z_]+$", description="a verifiable kind (docs/verification.md)"),
    "skp_id": text(23, pattern="^[0-9]{18}[.][0-9]{4}$", description="<nip>.<year>"),
    "permission_id": text(
        42, pattern="^[0-9]{18}[.][0-9]{4}-[0-9]{2}-[0-9]{2}[.][0-9a-f]{12}$", description="<nip>.<date>.<token>"
    ),
    "item_id": text(64, pattern="^[0-9a-zA-Z.-]+$", description="the item's id (a document: <nip>.<category>)"),
    "request_no": text(
        2048, description="a tracked request's number LY-YYYY-XXXXXXXX (a malformed one is 404 like an unknown one)"
    ),
}


class DateRangeQuery(Query):
    """The ``from``/``to`` filter of a list: dates, ``to`` not before ``from`` (else ``INVALID_DATE_RANGE``, the
    check every list and export with a range shares); every query model with from/to extends this one."""

    from_: Day | None = Field(None, alias="from")
    to: Day | None = None

    @model_validator(mode="after")
    def _in_order(self) -> DateRangeQuery:
        check_date_range(self.from_, self.to)
        return self


def _cursor_length(value: str) -> None:
    """A cursor is opaque: one too long to be ours is refused like any other foreign cursor."""
    if len(value) > 4096:
        raise ValidationError(
            "Parameter cursor tidak valid atau kedaluwarsa; muat ulang daftar dari awal.",
            code="INVALID_CURSOR",
            details={"field": "cursor"},
        )


def upload_request(name: str, doc: str, types: Iterable[str], max_bytes: int | None = None) -> type[Body]:
    """A file the client is about to upload: its name, declared type and size (bytes, refused by the domain as
    ``INVALID_SIZE`` below 1 and 413 above the kind's limit; the content itself is checked after the upload)."""
    from pydantic import create_model

    size = {"minimum": 1, **({"maximum": max_bytes} if max_bytes else {})}
    return create_model(  # type: ignore[call-overload, no-any-return]
        name,
        __base__=Body,
        __doc__=doc,
        filename=(written(255), ...),
        content_type=(choice(*types, code="UNSUPPORTED_FILE_TYPE"), ...),
        size=(int, Field(json_schema_extra=size, description="bytes")),
    )


def page_of(item: type[Out], name: str) -> type[Out]:
    """A page of ``item``: ``items`` and the cursor of the next page (null on the last)."""
    from pydantic import create_model

    return create_model(name, __base__=Out, items=(list[item], ...), next_cursor=(str | None, None))


def zone_field() -> Any:
    return Field(json_schema_extra={"enum": ZONES})
