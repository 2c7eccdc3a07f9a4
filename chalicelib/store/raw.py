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
    """A function from one raw item (DynamoDB JSON) to an object with the model's attributes, as the model reads."""
    attributes = list(model.get_attributes().items())
    defaults = [(name, attr.default) for name, attr in attributes if attr.default is not None]
    plain = [(name, attr.attr_name, attr) for name, attr in attributes if type(attr) is UnicodeAttribute]
    typed = [(name, attr.attr_name, attr) for name, attr in attributes if type(attr) is not UnicodeAttribute]

    def read(raw: dict[str, dict[str, Any]]) -> Any:
        values = {name: default() if callable(default) else default for name, default in defaults}
        for name, key, attr in plain:
            value = raw.get(key)
            if value and NULL not in value:
                text = value.get(STRING)
                values[name] = text if text is not None else attr.get_value(value)  # another type: pynamodb's error
            else:
                values.setdefault(name, None)
        for name, key, attr in typed:
            value = raw.get(key)
            if value and NULL not in value:
                values[name] = attr.deserialize(attr.get_value(value))
            else:
                values.setdefault(name, None)
        return SimpleNamespace(**values)

    return read
