"""In-memory twin of `DynamoTemplateRepository`."""

from __future__ import annotations

from dataclasses import replace

from ...domain.errors import Conflict
from ...domain.reports import MAX_TEMPLATES, Template


class InMemoryTemplateRepository:
    """Behaves like `DynamoTemplateRepository`: create at version 0, then only the version that was read."""

    def __init__(self) -> None:
        self._items: dict[tuple[str, str], Template] = {}

    def get(self, nip: str, template_id: str) -> Template | None:
        return self._items.get((nip, template_id))

    def list(self, nip: str) -> list[Template]:
        own = sorted((t for (n, _), t in self._items.items() if n == nip), key=lambda t: t.template_id)
        return own[:MAX_TEMPLATES]

    def save(self, template: Template) -> Template:
        self._check(template)
        saved = replace(template, version=template.version + 1)
        self._items[(template.nip, template.template_id)] = saved
        return saved

    def delete(self, template: Template) -> None:
        self._check(template)
        del self._items[(template.nip, template.template_id)]

    def _check(self, template: Template) -> None:
        stored = self._items.get((template.nip, template.template_id))
        expected = None if stored is None else stored.version
        if (template.version or None) != expected:
            raise Conflict("Templat telah diubah; muat ulang lalu coba lagi.")
