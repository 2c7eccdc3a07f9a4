"""Report templates of an employee."""

from __future__ import annotations

from dataclasses import replace

from pynamodb.exceptions import DeleteError, PutError

from ..domain.errors import Conflict
from ..domain.reports import MAX_TEMPLATES, Template
from .conditions import condition_failed
from .models import TemplateItem


def _to_template(item: TemplateItem) -> Template:
    return Template(
        template_id=item.template_id,
        nip=item.nip,
        name=item.name,
        title=item.title,
        description=item.description,
        output=item.output,
        duration_minutes=int(item.duration_minutes),
        version=int(item.version),
        rhk_id=item.rhk_id,
    )


class DynamoTemplateRepository:
    def get(self, nip: str, template_id: str) -> Template | None:
        try:
            return _to_template(TemplateItem.get(nip, template_id, consistent_read=True))
        except TemplateItem.DoesNotExist:
            return None

    def list(self, nip: str) -> list[Template]:
        return [_to_template(i) for i in TemplateItem.query(nip, limit=MAX_TEMPLATES)]

    def save(self, template: Template) -> Template:
        """Create (version 0) or update the version that was read; 409 on a stale version."""
        item = TemplateItem(
            nip=template.nip,
            template_id=template.template_id,
            name=template.name,
            title=template.title,
            description=template.description,
            output=template.output,
            duration_minutes=template.duration_minutes,
            rhk_id=template.rhk_id,
        )
        if template.version:
            item.version = template.version
        try:
            item.save()
        except PutError as exc:
            raise _stale_or(exc) from None
        return replace(template, version=int(item.version))

    def delete(self, template: Template) -> None:
        item = TemplateItem(nip=template.nip, template_id=template.template_id)
        item.version = template.version
        try:
            item.delete()
        except DeleteError as exc:
            raise _stale_or(exc) from None


def _stale_or(exc: PutError | DeleteError) -> Exception:
    """A lost version check becomes 409; anything else stays what it was."""
    return Conflict("Templat telah diubah; muat ulang lalu coba lagi.") if condition_failed(exc) else exc
