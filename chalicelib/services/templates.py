"""Use cases of report templates (each employee's own)."""

from __future__ import annotations

import uuid
from dataclasses import asdict, replace
from typing import TYPE_CHECKING, Any

from ..domain.accounts import Actor
from ..domain.errors import BusinessRule, Conflict, NotFound, ValidationError
from ..domain.identity import is_id
from ..domain.reports import MAX_TEMPLATES, Template
from ..store.protocols import TemplateRepository

if TYPE_CHECKING:
    from ..schemas import TemplateFields, TemplatePatch, VersionQuery

#: what a template holds besides its identity and version (the fields a PATCH may change)
_FIELDS = ("name", "title", "description", "output", "duration_minutes")


class TemplateService:
    def __init__(self, templates: TemplateRepository) -> None:
        self._templates = templates

    def create(self, actor: Actor, body: TemplateFields) -> dict[str, Any]:
        fields = {name: getattr(body, name) for name in _FIELDS}
        fields["rhk_id"] = body.rhk_id
        if len(self._templates.list(actor.nip)) >= MAX_TEMPLATES:
            raise BusinessRule(f"Paling banyak {MAX_TEMPLATES} templat.", code="TOO_MANY_TEMPLATES")
        return _view(self._templates.save(Template(template_id=uuid.uuid4().hex, nip=actor.nip, **fields)))

    def list(self, actor: Actor) -> dict[str, Any]:
        return {"items": [_view(t) for t in sorted(self._templates.list(actor.nip), key=lambda t: t.name.lower())]}

    def get(self, actor: Actor, template_id: str) -> dict[str, Any]:
        return _view(self._own(actor, template_id))

    def update(self, actor: Actor, template_id: str, body: TemplatePatch) -> dict[str, Any]:
        """Change the fields sent (each must hold a value: a template always has every field)."""
        template = self._checked(actor, template_id, body.version)
        changed = {name: getattr(body, name) for name in _FIELDS if name in body.model_fields_set}
        for name, value in changed.items():
            if value is None:
                raise ValidationError(f"Kolom '{name}' wajib diisi.", code="REQUIRED", details={"field": name})
        if "rhk_id" in body.model_fields_set:  # the one optional field: null or blank removes it
            changed["rhk_id"] = body.rhk_id
        return _view(self._templates.save(replace(template, **changed)))

    def delete(self, actor: Actor, template_id: str, params: VersionQuery) -> None:
        self._templates.delete(self._checked(actor, template_id, params.version))

    def _own(self, actor: Actor, template_id: str) -> Template:
        template = self._templates.get(actor.nip, template_id) if is_id(template_id) else None
        if template is None:
            raise NotFound("Templat tidak ditemukan.", code="TEMPLATE_NOT_FOUND")
        return template

    def _checked(self, actor: Actor, template_id: str, version: int) -> Template:
        template = self._own(actor, template_id)
        if version != template.version:
            raise Conflict("Templat telah diubah; muat ulang lalu coba lagi.")
        return template


def _view(template: Template) -> dict[str, Any]:
    return {k: v for k, v in asdict(template).items() if k != "nip"}
