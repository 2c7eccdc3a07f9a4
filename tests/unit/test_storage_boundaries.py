"""Storage stays in the store: no PynamoDB item outside it, services see only Protocols, one schema.

No I/O: these read the source (AST) and the class definitions.
"""

from __future__ import annotations

import ast
import inspect
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHALICELIB = ROOT / "chalicelib"
_ITEM = re.compile(r"^[A-Z]\w*Item$")
#: what may be taken from `store.models` outside the store: nothing (`store/dynamo.py` binds the tables)
_ALLOWED_FROM_MODELS: set[str] = set()
#: what the composition root (`services/container.py`) may take from the store
_ROOT_TAKES = {"chalicelib.store.protocols", "chalicelib.store.repositories", "chalicelib.store.dynamo"}


def _sources(folder: Path, *, skip: Path | None = None) -> list[Path]:
    return sorted(p for p in folder.rglob("*.py") if skip is None or skip not in p.parents)


def _resolved(node: ast.ImportFrom, path: Path) -> str:
    """The absolute dotted module an ``from … import`` names."""
    if not node.level:
        return node.module or ""
    package = path.relative_to(ROOT).with_suffix("").parts[: -node.level]
    return ".".join((*package, *([node.module] if node.module else [])))


def item_uses(tree: ast.AST, path: Path) -> list[str]:
    """Every use of a PynamoDB ``…Item`` class (or of `store.models` beyond binding) in a module."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            module = _resolved(node, path)
            for alias in node.names:
                models = module.endswith("store.models") and alias.name not in _ALLOWED_FROM_MODELS
                if _ITEM.match(alias.name) or models or (module.endswith(".store") and alias.name == "models"):
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno} imports {alias.name}")
        elif isinstance(node, ast.Import):
            found += [f"{path.relative_to(ROOT)}:{node.lineno}" for a in node.names if a.name.endswith("store.models")]
        elif isinstance(node, ast.Attribute) and _ITEM.match(node.attr):
            found.append(f"{path.relative_to(ROOT)}:{node.lineno} uses {node.attr}")
    return found


def test_no_storage_item_is_used_outside_the_store():
    offences = []
    for path in _sources(CHALICELIB, skip=CHALICELIB / "store"):
        text = path.read_text(encoding="utf-8")
        if "Item" in text or "models" in text:  # only those can offend; parsing every module is slower
            offences += item_uses(ast.parse(text), path)
    assert offences == []


@pytest.mark.parametrize(
    ("source", "offends"),
    [
        ("from ..store.models import ReportItem", True),
        ("from chalicelib.store.models import EmployeeItem as E", True),
        ("from ..store import models", True),
        ("import chalicelib.store.models", True),
        ("def f(m):\n    return m.ReportItem", True),
        ("from ..store.models import bind_models", True),
        ("from ..store.protocols import ReportRepository", False),
        ("from ..domain.reports import Report", False),
    ],
)
def test_the_item_check_catches_each_way_in(source, offends):
    path = CHALICELIB / "handlers" / "example.py"
    assert bool(item_uses(ast.parse(source), path)) is offends


def test_services_depend_on_the_store_only_through_its_protocols():
    offences = []
    for path in _sources(CHALICELIB / "services"):
        # the composition root takes the DynamoDB implementations as a whole (`store.dynamo`)
        allowed = _ROOT_TAKES if path.name == "container.py" else {"chalicelib.store.protocols"}
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                module = _resolved(node, path)
                if ".store" in f".{module}" and module not in allowed:
                    offences.append(f"{path.name}:{node.lineno} imports {module}")
            if isinstance(node, ast.Name | ast.Attribute):
                name = node.id if isinstance(node, ast.Name) else node.attr
                if name.startswith("Dynamo") and not (path.name == "container.py" and name == "DynamoRepositories"):
                    offences.append(f"{path.name}:{node.lineno} names {name}")
    assert offences == []


def _implementations() -> list[tuple[type, type]]:
    from chalicelib.integrations.memory import InMemoryObjectStore, InMemoryQueue
    from chalicelib.integrations.queue import NotificationQueue, SqsQueue
    from chalicelib.integrations.storage import ObjectStore, S3ObjectStore
    from chalicelib.store import memory, protocols
    from chalicelib.store.archive import DynamoArchiveCatalog, DynamoArchiveRepository
    from chalicelib.store.attendance import DynamoAttendanceRepository
    from chalicelib.store.audit import DynamoAuditLog
    from chalicelib.store.checkin_rules import DynamoCheckInRules
    from chalicelib.store.citizen_requests import DynamoCitizenRequests
    from chalicelib.store.complaints import DynamoComplaintRepository
    from chalicelib.store.delegations import DynamoDelegationRepository
    from chalicelib.store.devices import DynamoDeviceRepository
    from chalicelib.store.digests import DynamoDigests
    from chalicelib.store.employees import DynamoEmployeeRepository
    from chalicelib.store.exports import DynamoExportJobs, ExportReads
    from chalicelib.store.job_state import DynamoJobState
    from chalicelib.store.leave import DynamoLeaveRepository, DynamoLeaveSettings
    from chalicelib.store.memory.checkin_rules import InMemoryCheckInRules
    from chalicelib.store.memory.devices import InMemoryDeviceRepository
    from chalicelib.store.organisation import DynamoOrgRepository
    from chalicelib.store.outbox import DynamoOutbox
    from chalicelib.store.ptsp import DynamoPtspCatalogue, DynamoPtspDesk
    from chalicelib.store.rate_limits import DynamoRateLimiter
    from chalicelib.store.records import DynamoRecordRepository
    from chalicelib.store.reminders import DynamoHolidayOverrides, DynamoReminders
    from chalicelib.store.reports import DynamoReportRepository
    from chalicelib.store.sequences import DynamoSequences
    from chalicelib.store.sign_in_guards import DynamoSignInGuards
    from chalicelib.store.templates import DynamoTemplateRepository
    from chalicelib.store.used_links import DynamoUsedLinks

    twins = {
        protocols.EmployeeRepository: (DynamoEmployeeRepository, memory.InMemoryEmployeeRepository),
        protocols.ReportRepository: (DynamoReportRepository, memory.InMemoryReportRepository),
        protocols.AttendanceRepository: (DynamoAttendanceRepository, memory.InMemoryAttendanceRepository),
        protocols.TemplateRepository: (DynamoTemplateRepository, memory.InMemoryTemplateRepository),
        protocols.RecordRepository: (DynamoRecordRepository, memory.InMemoryRecordRepository),
        protocols.DelegationRepository: (DynamoDelegationRepository, memory.InMemoryDelegationRepository),
        protocols.AuditLog: (DynamoAuditLog, memory.InMemoryAuditLog),
        protocols.ReminderRepository: (DynamoReminders, memory.InMemoryReminders),
        protocols.HolidayOverrides: (DynamoHolidayOverrides, memory.InMemoryHolidayOverrides),
        protocols.JobState: (DynamoJobState, memory.InMemoryJobState),
        protocols.DigestRepository: (DynamoDigests, memory.InMemoryDigests),
        protocols.OrgRepository: (DynamoOrgRepository, memory.InMemoryOrgRepository),
        protocols.SignInGuards: (DynamoSignInGuards, memory.InMemorySignInGuards),
        protocols.RateLimiter: (DynamoRateLimiter, memory.InMemoryRateLimiter),
        protocols.UsedLinks: (DynamoUsedLinks, memory.InMemoryUsedLinks),
        protocols.ExportJobs: (DynamoExportJobs, memory.InMemoryExportJobs),
        protocols.ExportSource: (ExportReads,),
        protocols.Outbox: (DynamoOutbox, memory.InMemoryOutbox),
        protocols.ArchiveCatalog: (DynamoArchiveCatalog, memory.InMemoryArchiveCatalog),
        protocols.ArchiveRepository: (DynamoArchiveRepository, memory.InMemoryArchiveRepository),
        protocols.ComplaintRepository: (DynamoComplaintRepository, memory.InMemoryComplaintRepository),
        protocols.Sequences: (DynamoSequences, memory.InMemorySequences),
        protocols.LeaveRepository: (DynamoLeaveRepository, memory.InMemoryLeaveRepository),
        protocols.LeaveSettingsRepository: (DynamoLeaveSettings, memory.InMemoryLeaveSettings),
        protocols.DeviceRepository: (DynamoDeviceRepository, InMemoryDeviceRepository),
        protocols.CitizenRequestRepository: (DynamoCitizenRequests, memory.InMemoryCitizenRequests),
        protocols.CheckInRulesRepository: (DynamoCheckInRules, InMemoryCheckInRules),
        protocols.PtspCatalogue: (DynamoPtspCatalogue, memory.InMemoryPtspCatalogue),
        protocols.PtspDesk: (DynamoPtspDesk, memory.InMemoryPtspDesk),
        # the clients with a twin (`integrations/memory.py`)
        ObjectStore: (S3ObjectStore, InMemoryObjectStore),
        NotificationQueue: (SqsQueue, InMemoryQueue),
    }
    return [(protocol, cls) for protocol, classes in twins.items() for cls in classes]


def _methods(cls: type) -> dict[str, list[tuple[str, object, object]]]:
    """Public methods and their parameters (name, kind, default)."""
    return {
        name: [(p.name, p.kind, p.default) for p in inspect.signature(member).parameters.values()]
        for name, member in inspect.getmembers(cls, inspect.isfunction)
        if not name.startswith("_")
    }


@pytest.mark.parametrize(("protocol", "implementation"), _implementations(), ids=lambda c: c.__name__)
def test_each_implementation_keeps_its_protocol(protocol, implementation):
    wanted, offered = _methods(protocol), _methods(implementation)
    assert {name: offered.get(name) for name in wanted} == wanted


# -- one definition of keys and indexes -------------------------------------------------------------------


def _key(schema: list[dict[str, str]]) -> tuple[str, str | None]:
    kinds = {k["KeyType"]: k["AttributeName"] for k in schema}
    return kinds["HASH"], kinds.get("RANGE")


def _model_index(index) -> dict[str, object]:
    attributes = index.Meta.attributes.values()
    projection = index.Meta.projection
    return {
        "hash": next(a.attr_name for a in attributes if a.is_hash_key),
        "range": next((a.attr_name for a in attributes if a.is_range_key), None),
        "projection": projection.projection_type,
        "non_key": sorted(projection.non_key_attributes or []),
    }


def _schema_index(spec: dict) -> dict[str, object]:
    hash_key, range_key = _key(spec["KeySchema"])
    projection = spec["Projection"]
    return {
        "hash": hash_key,
        "range": range_key,
        "projection": projection["ProjectionType"],
        "non_key": sorted(projection.get("NonKeyAttributes", [])),
    }


def test_every_table_but_powertools_has_a_model():
    from chalicelib.store.models import ALL_MODELS
    from chalicelib.store.schema import TABLES

    assert sorted(m.Meta.logical_name for m in ALL_MODELS) == sorted(set(TABLES) - {"idempotency"})


def _models():
    from chalicelib.store.models import ALL_MODELS

    return ALL_MODELS


@pytest.mark.parametrize("model", _models(), ids=lambda m: m.Meta.logical_name)
def test_each_model_has_the_keys_and_indexes_of_the_schema(model):
    from chalicelib.store.schema import TABLES

    table = TABLES[model.Meta.logical_name]
    types = {a["AttributeName"]: a["AttributeType"] for a in table["AttributeDefinitions"]}
    assert (model._hash_keyname, model._range_keyname) == _key(table["KeySchema"])
    indexes = {spec["IndexName"]: _schema_index(spec) for spec in table.get("GlobalSecondaryIndexes", [])}
    assert {name: _model_index(index) for name, index in model._indexes.items()} == indexes
    attributes = model.get_attributes()
    keys = {model._hash_keyname, model._range_keyname} | {i[k] for i in indexes.values() for k in ("hash", "range")}
    keys.discard(None)
    # each key is an attribute of the item, of the type the table declares; nothing else is declared
    assert {k: attributes[k].attr_type for k in keys} == {k: types[k] for k in keys}
    assert set(types) == keys


def test_the_dynamodb_and_in_memory_sets_hold_every_repository():
    """The composition root takes either set (`store/repositories.py`); neither may lack one."""
    from importlib import import_module

    from chalicelib.store.dynamo import IMPLEMENTATIONS
    from chalicelib.store.memory import InMemoryRepositories
    from chalicelib.store.repositories import Repositories

    wanted = {name for name, member in vars(Repositories).items() if isinstance(member, property)}
    assert set(IMPLEMENTATIONS) | {"once"} == wanted
    for module, cls in IMPLEMENTATIONS.values():  # each names a class that exists, without touching DynamoDB
        assert isinstance(getattr(import_module(f"chalicelib.store.{module}"), cls), type)
    memory = InMemoryRepositories()
    assert {name for name in wanted if name != "export_reads" and getattr(memory, name, None) is None} == set()
