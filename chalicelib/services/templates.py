"""Use cases of report templates (each employee's own)."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import asdict, replace
from typing import Any

from ..domain.accounts import Actor
from ..domain.errors import BusinessRule, Conflict, NotFound
from ..domain.identity import is_id, validate_version
from ..domain.reports import MAX_TEMPLATES, Template, parse_template
from ..store.protocols import TemplateRepository


class TemplateService:
    def __init__(self, templates: TemplateRepository) -> None:
        self._templates = templates

    def create(self, actor: Actor, data: Mapping[str, object]) -> dict[str, Any]:
        fields = parse_template(data)
        if len(self._templates.list(actor.nip)) >= MAX_TEMPLATES:
            raise BusinessRule(f"Paling banyak {MAX_TEMPLATES} templat.", code="TOO_MANY_TEMPLATES")
        return _view(self._templates.save(Template(template_id=uuid.uuid4().hex, nip=actor.nip, **fields)))

    def list(self, actor: Actor) -> dict[str, Any]:
        return {"items": [_view(t) for t in sorted(self._templates.list(actor.nip), key=lambda t: t.name.lower())]}

    def get(self, actor: Actor, template_id: str) -> dict[str, Any]:
        return _view(self._own(actor, template_id))

    def update(self, actor: Actor, template_id: str, data: Mapping[str, object]) -> dict[str, Any]:
        template = self._checked(actor, template_id, data.get("version"))
        return _view(self._templates.save(replace(template, **parse_template(data, base=template))))

    def delete(self, actor: Actor, template_id: str, version: object) -> None:
        self._templates.delete(self._checked(actor, template_id, version))

    def _own(self, actor: Actor, template_id: str) -> Template:
        template = self._templates.get(actor.nip, template_id) if is_id(template_id) else None
        if template is None:
            raise NotFound("Templat tidak ditemukan.", code="TEMPLATE_NOT_FOUND")
        return template

    def _checked(self, actor: Actor, template_id: str, version: object) -> Template:
        template = self._own(actor, template_id)
        if validate_version(version) != template.version:
            raise Conflict("Templat telah diubah; muat ulang lalu coba lagi.")
        return template


def _view(template: Template) -> dict[str, Any]:
    return {k: v for k, v in asdict(template).items() if k != "nip"}
