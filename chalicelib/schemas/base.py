"""Building blocks of the declared payloads: strict request bodies, query models, documented responses.

A request model says shape, types, lengths, formats and enums — nothing more; the business rules stay
in `chalicelib.domain`. Where the domain already has a validator with its own error code (a NIP, a
date, a WhatsApp number, an enum with a code such as ``INVALID_PERIOD``), the model calls it, so a
client sees one code for one mistake wherever it is caught. Every string anywhere in a request is
refused when it holds C0/C1 control characters other than newline and tab.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    StrictBool,
    StrictFloat,
    StrictInt,
    StrictStr,
    ValidationInfo,
    WithJsonSchema,
    model_validator,
)
from pydantic import ValidationError as PydanticError
from pydantic_core import PydanticCustomError

from ..domain.errors import ValidationError
from ..domain.identity import parse_whole, validate_text, version_required

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_TYPE_NAMES = {
    "string_type": "teks",
    "int_type": "bilangan bulat",
    "bool_type": "boolean",
    "float_type": "angka",
    "list_type": "daftar",
    "dict_type": "objek",
    "model_type": "objek",
    "model_attributes_type": "objek",
}


class _Required:
    """Marks a field that may be left out of the model's input but is refused when absent (by its own validator,
    with a domain code): the document lists it as required."""


REQUIRED = _Required()


def _document_required(schema: dict[str, Any], model: type[BaseModel]) -> None:
    names = [
        field.alias or name
        for name, field in model.model_fields.items()
        if any(isinstance(m, _Required) for m in field.metadata)
    ]
    if names:
        schema["required"] = [*schema.get("required", []), *(n for n in names if n not in schema.get("required", []))]


#: a value that counts as given: not null and, for text, not blank (``minLength``/``pattern`` bind only strings)
_GIVEN = {"not": {"type": "null"}, "minLength": 1, "pattern": "\\S"}


def required_when(field: str, cases: dict[str, tuple[str, ...]]) -> Callable[[dict[str, Any], type[BaseModel]], None]:
    """A model's ``json_schema_extra`` adding the document's ``allOf``: the fields required (and not null) when
    ``field`` has each value (a rule across fields, which the model or the domain checks with its own code)."""

    def extra(schema: dict[str, Any], model: type[BaseModel]) -> None:
        _document_required(schema, model)
        schema["allOf"] = [
            {
                "if": {"properties": {field: {"const": value}}, "required": [field]},
                "then": {"required": list(names), "properties": {n: _GIVEN for n in names}},
            }
            for value, names in cases.items()
        ]

    return extra


def given_unless(field: str, names: tuple[str, ...]) -> Callable[[dict[str, Any], type[BaseModel]], None]:
    """A model's ``json_schema_extra``: ``names`` are required (and not null) unless ``field`` is given (it fills
    them, as a report's template does)."""

    def extra(schema: dict[str, Any], model: type[BaseModel]) -> None:
        _document_required(schema, model)
        schema["anyOf"] = [
            {"required": [field], "properties": {field: _GIVEN}},
            {"required": list(names), "properties": {n: _GIVEN for n in names}},
        ]

    return extra


class Body(BaseModel):
    """A JSON request body: strict types (no ``"1"`` for 1, no ``true`` for 1), unknown fields ignored."""

    model_config = ConfigDict(strict=True, extra="ignore", json_schema_extra=_document_required)

    @model_validator(mode="after")
    def _no_control_characters(self) -> Body:
        for name, value in self:
            _refuse_control(value, name)
        return self


class Query(BaseModel):
    """Query-string parameters (all arrive as text; numbers are parsed)."""

    model_config = ConfigDict(extra="ignore", json_schema_extra=_document_required)

    @model_validator(mode="after")
    def _no_control_characters(self) -> Query:
        for name, value in self:
            _refuse_control(value, name)
        return self


class Out(BaseModel):
    """A documented response (the API builds it as a dict; tests check each one against the document)."""

    model_config = ConfigDict(extra="allow")


class Error(Out):
    """Every refusal: a stable code, a Bahasa Indonesia message, and details such as the field concerned."""

    code: str = Field(examples=["VALIDATION_ERROR"])
    message: str = Field(description="Bahasa Indonesia, for people")
    details: dict[str, Any]


def _refuse_control(value: Any, field: str) -> None:
    if isinstance(value, str):
        if _CONTROL.search(value):
            raise ValidationError(
                f"Kolom '{field}' memuat karakter kontrol yang tidak diizinkan.",
                code="CONTROL_CHARACTERS",
                details={"field": field},
            )
    elif isinstance(value, BaseModel):
        for name, inner in value:
            _refuse_control(inner, f"{field}.{name}")
    elif isinstance(value, dict):
        for key, inner in value.items():
            _refuse_control(key, field)
            _refuse_control(inner, f"{field}.{key}")
    elif isinstance(value, list | tuple):
        for inner in value:
            _refuse_control(inner, field)


# -- field types ------------------------------------------------------------------------------------


def located(check: Callable[..., Any]) -> Callable[..., Any]:
    """A field validator whose domain refusal keeps where it happened: pydantic records the field's path
    (``award.year``, ``items.3.version``) and `validate` turns it back into the domain's refusal, named by that
    path. (A domain error raised as it is would leave pydantic without a location.)"""

    @functools.wraps(check)
    def run(*args: Any) -> Any:
        try:
            return check(*args)
        except ValidationError as exc:
            raise PydanticCustomError("domain", "domain refusal", {"refusal": exc}) from None

    return run


def text(max_length: int, *, required: bool = False, **schema: Any) -> Any:
    """A string of at most ``max_length`` characters (documented; checked before the domain sees it)."""
    return Annotated[StrictStr, Field(max_length=max_length, min_length=1 if required else 0, **schema)]


def read_text(max_length: int, read: Callable[[str, str], Any], *, required: bool = False, **schema: Any) -> Any:
    """Text of at most ``max_length`` characters (documented, refused as ``TOO_LONG``) that the domain's ``read``
    turns into what the service takes (trimmed, checked with its own code): read once, here."""

    def run(value: str, info: ValidationInfo) -> Any:
        return read(value, info.field_name or "")

    return Annotated[text(max_length, required=required, **schema), AfterValidator(located(run))]


#: text with something in it besides what `str.strip` removes (ECMAScript's \s leaves out U+001C-U+001F and U+0085,
#: which Python trims too: named here, so a client reading the pattern either way agrees with the server)
NOT_BLANK = "[^\\s\\x1c-\\x1f\\x85]"


def written(max_length: int, *, required: bool = True, **schema: Any) -> Any:
    """Text a person types, kept trimmed (people paste it with spaces around): blank is ``REQUIRED`` as an absent
    field is, or, where it may be left out (``required=False``), none."""

    def read(value: str, field: str) -> str | None:
        return validate_text(value, field, max_len=max_length, required=required) or None

    if required and "json_schema_extra" not in schema:  # documented: something besides blanks (which trim away)
        schema["json_schema_extra"] = {"pattern": NOT_BLANK}
    return read_text(max_length, read, required=required, **schema)


def checked(check: Callable[[str, str], Any], json_schema: dict[str, Any], show: Callable[[Any], str] = str) -> Any:
    """A string that a domain validator accepts (its own error code), documented as ``json_schema``. The model holds
    what the validator returns (a `date`, a `time`, a normalised number; the text itself when it returns nothing),
    so no service parses it again; ``show`` turns it back into its text in JSON."""

    def run(value: str, info: ValidationInfo) -> Any:
        result = check(value, info.field_name or "")
        return value if result is None else result

    return Annotated[
        StrictStr,
        AfterValidator(located(run)),
        PlainSerializer(show, return_type=str, when_used="json"),
        WithJsonSchema(json_schema),
    ]


def choice(*values: str, code: str, description: str | None = None, enum: type[StrEnum] | None = None) -> Any:
    """One of ``values`` (any case, as people type them); anything else is ``code`` with the accepted values
    in ``details``, so messages never put English words into an Indonesian sentence. With ``enum`` a value of
    that domain enum arrives as its member, so a service never parses it again."""

    accepted = {v.upper() for v in values}
    members = {member.value.upper(): member for member in enum} if enum is not None else {}

    def run(value: object, info: ValidationInfo) -> object:
        if not isinstance(value, str) or value.upper() not in accepted:
            field = info.field_name or ""
            raise ValidationError(
                f"Nilai kolom '{field}' tidak dikenal; pilih salah satu nilai yang diizinkan.",
                code=code,
                details={"field": field, "allowed": list(values)},
            )
        return members.get(value.upper(), value)

    schema: dict[str, Any] = {"type": "string", "enum": list(values)}
    if description:
        schema["description"] = description
    return Annotated[Any, BeforeValidator(located(run)), WithJsonSchema(schema)]


def values_of(enum: type[StrEnum], only: Iterable[StrEnum] | None = None) -> tuple[str, ...]:
    """The values of a domain enum in its declared order; ``only``: the subset a field accepts."""
    if only is None:
        return tuple(member.value for member in enum)
    keep = set(only)
    if not keep <= set(enum):
        raise TypeError(f"{sorted(keep)} are not all members of {enum.__name__}")
    return tuple(member.value for member in enum if member in keep)


def enum_choice(
    enum: type[StrEnum],
    *,
    code: str,
    only: Iterable[StrEnum] | None = None,
    extra: tuple[str, ...] = (),
    description: str | None = None,
) -> Any:
    """`choice` of a domain enum's values, so each enum is declared once (in the domain): ``only`` the subset a
    field accepts, ``extra`` values a filter adds before them (``"ALL"``)."""
    return choice(*extra, *values_of(enum, only), code=code, description=description, enum=enum)


def enum_literal(enum: type[StrEnum], only: Iterable[StrEnum] | None = None) -> Any:
    """A response field holding one of a domain enum's values (documented as that string enum)."""
    return Literal[values_of(enum, only)]  # type: ignore[valid-type]


def whole(low: int, high: int, *, code: str, what: str) -> Any:
    """A whole number from ``low`` to ``high``: another type is ``INVALID_TYPE``, another number ``code``."""

    def run(value: object, info: ValidationInfo) -> object:
        field = info.field_name or ""
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValidationError(
                f"Kolom '{field}' harus berupa bilangan bulat.", code="INVALID_TYPE", details={"field": field}
            )
        if not low <= value <= high:
            raise ValidationError(f"{what} harus {low}-{high}.", code=code, details={"field": field})
        return value

    return Annotated[
        int, BeforeValidator(located(run)), WithJsonSchema({"type": "integer", "minimum": low, "maximum": high})
    ]


Number = Annotated[StrictFloat | StrictInt, WithJsonSchema({"type": "number"})]
Version = Annotated[StrictInt, Field(ge=1, description="the version last read (optimistic locking)")]
Flag = StrictBool


#: the largest whole number a query parameter may hold
MAX_WHOLE = 2**31 - 1


def query_whole(low: int, high: int, refuse: Callable[[str], ValidationError], *, required: bool = False) -> Any:
    """A query parameter holding a whole number ``low``-``high`` (`parse_whole`); anything else is ``refuse(field)``.
    ``required``: a field declared ``= None`` that still refuses absence with ``refuse`` (the service's own code),
    and is documented required."""

    def run(value: object, info: ValidationInfo) -> int:
        number = parse_whole(value, low, high)
        if number is None:
            raise refuse(info.field_name or "")
        return number

    schema: dict[str, Any] = {"type": "integer", "minimum": low, "maximum": high}
    if not required:
        return Annotated[int, BeforeValidator(located(run)), WithJsonSchema(schema)]
    return Annotated[
        int | None, BeforeValidator(located(run)), WithJsonSchema(schema), Field(validate_default=True), REQUIRED
    ]


def _query_flag(value: object, info: ValidationInfo) -> bool:
    if isinstance(value, str) and value.lower() in ("true", "false"):
        return value.lower() == "true"
    field = info.field_name or ""
    raise ValidationError(f"Parameter {field} harus true atau false.", code="INVALID_FLAG", details={"field": field})


#: a query parameter that is ``true`` or ``false`` (anything else: 400 ``INVALID_FLAG``)
QueryFlag = Annotated[bool, BeforeValidator(located(_query_flag)), WithJsonSchema({"type": "boolean"})]


def page_limit(maximum: int = 100) -> Any:
    """``limit`` of a paged list: a whole number 1-``maximum``, else ``INVALID_LIMIT``."""

    def refuse(_field: str) -> ValidationError:
        return ValidationError(
            f"Parameter limit harus bilangan 1-{maximum}.", code="INVALID_LIMIT", details={"field": "limit"}
        )

    return query_whole(1, maximum, refuse)


#: ``?version=`` of a DELETE: the version last read, required (400 ``VERSION_REQUIRED`` when absent or not one)
VersionParameter = query_whole(1, MAX_WHOLE, version_required, required=True)


# -- turning a model's refusal into the error shape --------------------------------------------------


def validate(model: type[BaseModel], data: Any) -> BaseModel:
    """``data`` checked against ``model``; a refusal becomes one `ValidationError` naming the field and rule."""
    try:
        return model.model_validate(data)
    except PydanticError as exc:
        raise _translate(exc.errors(include_url=False, include_input=False)) from None
    except ValidationError as exc:  # a domain check in a field names it as Python does (``from_``)
        raise _named_as_sent(model, exc) from None


def _named_as_sent(model: type[BaseModel], exc: ValidationError) -> ValidationError:
    name = exc.details.get("field")
    field = model.model_fields.get(name) if isinstance(name, str) else None
    if field is None or not field.alias or field.alias == name:
        return exc
    exc.details = {**exc.details, "field": field.alias}
    exc.message = exc.message.replace(f"'{name}'", f"'{field.alias}'")
    exc.args = (exc.message,)
    return exc


def _at(refusal: ValidationError, path: str) -> ValidationError:
    """A domain refusal of a field, named by the field's whole path as the client sent it."""
    name = refusal.details.get("field")
    if path == "body" or not isinstance(name, str) or name == path:
        return refusal
    message = refusal.message.replace(f"'{name}'", f"'{path}'")
    return ValidationError(message, code=refusal.code, details={**refusal.details, "field": path})


def _translate(errors: list[Any]) -> ValidationError:
    first = errors[0]
    field = ".".join(str(p) for p in first["loc"] if not str(p).endswith(("_type", "float", "int", "str", "bool")))
    field = field or "body"
    kind, ctx = first["type"], first.get("ctx") or {}
    if kind == "domain":
        return _at(ctx["refusal"], field)
    details: dict[str, Any] = {"field": field, "rule": kind}
    if kind == "missing" or (kind == "string_too_short" and ctx.get("min_length") == 1):
        return ValidationError(f"Kolom '{field}' wajib diisi.", code="REQUIRED", details=details)
    if kind in _TYPE_NAMES:
        names = [
            _TYPE_NAMES[e["type"]]
            for e in errors
            if e["type"] in _TYPE_NAMES and str(e["loc"][0]) == str(first["loc"][0])
        ]
        expected = " atau ".join(dict.fromkeys(names))
        return ValidationError(f"Kolom '{field}' harus berupa {expected}.", code="INVALID_TYPE", details=details)
    if kind == "string_too_long":
        limit = ctx.get("max_length")
        return ValidationError(
            f"Kolom '{field}' paling banyak {limit} karakter.", code="TOO_LONG", details={**details, "max": limit}
        )
    if kind == "too_long":
        limit = ctx.get("max_length")
        return ValidationError(
            f"Kolom '{field}' paling banyak berisi {limit} item.",
            code="TOO_MANY_ITEMS",
            details={**details, "max": limit},
        )
    if kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        return ValidationError(
            f"Nilai kolom '{field}' di luar batas yang diizinkan.",
            code="OUT_OF_RANGE",
            details={**details, **{k: str(v) for k, v in ctx.items()}},
        )
    if kind == "literal_error":
        return ValidationError(f"Nilai kolom '{field}' tidak dikenal.", code="INVALID_VALUE", details=details)
    return ValidationError(f"Kolom '{field}' tidak valid.", details=details)
