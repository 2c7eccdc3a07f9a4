"""Reading a page of raw DynamoDB items without building a PynamoDB model for each.

`Model.from_raw_data` builds a full model instance per item — defaults, a descriptor call per attribute — and that
was most of the time a list of reports spent outside DynamoDB (≈1 ms of a 20-report page; `python -m
benchmarks.api_latency`). A page read only to be turned into domain objects needs just the attribute values:
`reader` decodes them with the model's own attribute types (the same `deserialize` `from_raw_data` calls, so the
same values) into a plain object that the store's ``to_…`` functions read like the model. A plain string
attribute (most of a report) is taken as it is stored, without the two method calls per value (`deserialize` of a
`UnicodeAttribute` returns what it is given): ≈4 of the ≈17 µs a report item cost.
"""

from __future__ import annotations

from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

from pynamodb.attributes import UnicodeAttribute
from pynamodb.constants import NULL, STRING
from pynamodb.models import Model


def reader(model: type[Model]) -> Callable[[dict[str, dict[str, Any]]], Any]:
    """A function from one raw item (DynamoDB JSON) to an object with the model's attributes, as the model reads.

    One pass over the attributes the item holds (a report page's item holds ≈22 of the model's ≈30): each is looked
    up once by its stored name; those the item lacks, or holds as NULL, take the model's default or None."""
    attributes = list(model.get_attributes().items())
    blank = {name: None if callable(attr.default) else attr.default for name, attr in attributes}
    factories = [(name, attr.attr_name, attr.default) for name, attr in attributes if callable(attr.default)]
    by_key = {attr.attr_name: (name, attr, type(attr) is UnicodeAttribute) for name, attr in attributes}

    def read(raw: dict[str, dict[str, Any]]) -> Any:
        values = dict(blank)
        for key, value in raw.items():
            known = by_key.get(key)
            if known is None or not value or NULL in value:
                continue
            name, attr, plain = known
            text = value.get(STRING) if plain else None
            values[name] = text if text is not None else attr.deserialize(attr.get_value(value))
        for name, key, factory in factories:
            value = raw.get(key)
            if not value or NULL in value:
                values[name] = factory()
        return SimpleNamespace(**values)

    return read
