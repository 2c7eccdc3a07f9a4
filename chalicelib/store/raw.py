"""Reading a page of raw DynamoDB items without building a PynamoDB model for each.

`Model.from_raw_data` builds a full model instance per item — defaults, a descriptor call per attribute — and that
was most of the time a list of reports spent outside DynamoDB (≈1 ms of a 20-report page; `python -m
benchmarks.api_latency`). A page read only to be turned into domain objects needs just the attribute values:
`reader` decodes them with the model's own attribute types (the same `deserialize` `from_raw_data` calls, so the
same values) into a plain object that the store's ``to_…`` functions read like the model.
"""

from __future__ import annotations

from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

from pynamodb.constants import NULL
from pynamodb.models import Model


def reader(model: type[Model]) -> Callable[[dict[str, dict[str, Any]]], Any]:
    """A function from one raw item (DynamoDB JSON) to an object with the model's attributes, as the model reads."""
    attributes = list(model.get_attributes().items())
    defaults = [(name, attr.default) for name, attr in attributes if attr.default is not None]

    def read(raw: dict[str, dict[str, Any]]) -> Any:
        values = {name: default() if callable(default) else default for name, default in defaults}
        for name, attr in attributes:
            value = raw.get(attr.attr_name)
            if value and NULL not in value:
                values[name] = attr.deserialize(attr.get_value(value))
            else:
                values.setdefault(name, None)
        return SimpleNamespace(**values)

    return read
