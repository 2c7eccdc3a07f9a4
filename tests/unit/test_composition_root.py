"""The composition root (`services/container.py`): one wiring for DynamoDB and the twins, each service built once,
on first use; handlers reach the process's root by name."""

from __future__ import annotations

import subprocess
import sys
from functools import cached_property
from pathlib import Path

import pytest

from chalicelib.services import container
from chalicelib.services.container import Services
from tests.unit.world import Clock, World, at

ROOT_DIR = Path(__file__).resolve().parents[2]

#: needs a reader of whole periods, which has no in-memory twin (`InMemoryRepositories.export_reads`)
_DYNAMODB_ONLY = {"exports"}


def _services() -> list[str]:
    return [name for name, member in vars(Services).items() if isinstance(member, cached_property)]


@pytest.mark.parametrize("name", sorted(set(_services()) - _DYNAMODB_ONLY))
def test_each_service_is_built_over_the_twins_once(name):
    world = World(Clock(at("2026-11-25 02:00")))
    service = getattr(world.services, name)
    assert service is getattr(world.services, name)


def test_handlers_reach_the_root_in_use_by_name():
    world = World(Clock(at("2026-11-25 02:00")))
    container.use(world.services)
    try:
        assert container.reports() is world.services.reports
        assert container.notification_queue() is world.clients.notifications
        assert container.attendance_sync(print) is None  # no attendance source configured
    finally:
        container.reset()
    with pytest.raises(AttributeError):
        container.no_such_service  # noqa: B018
    with pytest.raises(AttributeError):
        container._private  # noqa: B018


def test_the_process_root_imports_storage_and_clients_only_when_a_service_needs_them():
    code = (
        "import os, sys; os.environ['KINERJA_SECRET'] = 'x' * 40; import app;"
        " from chalicelib.services import container; root = container.root();"
        " before = [m for m in ('pynamodb', 'boto3', 'requests') if m in sys.modules];"
        " root.templates; print(before, 'pynamodb' in sys.modules, 'requests' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT_DIR, capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["[]", "True", "False"]
