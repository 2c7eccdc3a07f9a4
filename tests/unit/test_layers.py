"""The layers keep to their places: the domain is plain Python, payloads are declared once.

No I/O: these read the source (AST).
- `chalicelib/domain` imports the standard library and itself only (no AWS, Chalice, PynamoDB, pydantic, HTTP,
  no settings), so its rules are tested without any of them.
- The request models (`chalicelib.schemas`, pydantic) are imported at the first request, never when a handler,
  service or the domain is imported: cold starts stay as they are. Type hints name them under `TYPE_CHECKING`.
- A route hands its service the validated model, never a dict of it: a view's ``body``/``params`` is annotated
  with its model, so no service parses a payload a second time.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHALICELIB = ROOT / "chalicelib"
_LAZY = ("pydantic", "chalicelib.schemas")
#: third-party libraries the domain may use: pure data, no I/O (`holidays`: Indonesia's public holiday calendar)
_PURE = {"holidays"}


def _resolved(node: ast.ImportFrom, path: Path) -> str:
    if not node.level:
        return node.module or ""
    package = path.relative_to(ROOT).with_suffix("").parts[: -node.level]
    return ".".join((*package, *([node.module] if node.module else [])))


def _imports(path: Path, *, top_level_only: bool = False) -> Iterator[tuple[int, str]]:
    """(line, module) of every import; ``top_level_only``: those run when the module is imported (not inside a
    function, not under ``if TYPE_CHECKING:``)."""
    tree = ast.parse(path.read_text())
    nodes: list[ast.stmt] = list(tree.body) if top_level_only else list(ast.walk(tree))  # type: ignore[arg-type]
    for node in nodes:
        if top_level_only and isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            continue
        if isinstance(node, ast.ImportFrom):
            yield node.lineno, _resolved(node, path)
        elif isinstance(node, ast.Import):
            yield from ((node.lineno, alias.name) for alias in node.names)


def _sources(*layers: str) -> list[Path]:
    return sorted(p for layer in layers for p in (CHALICELIB / layer).rglob("*.py"))


def test_the_domain_imports_the_standard_library_and_itself_only():
    allowed = sys.stdlib_module_names | _PURE
    found = [
        f"{path.relative_to(ROOT)}:{line} imports {module}"
        for path in _sources("domain")
        for line, module in _imports(path)
        if not (module.split(".")[0] in allowed or module.startswith("chalicelib.domain"))
    ]
    assert not found, "the domain stays plain Python:\n" + "\n".join(found)


@pytest.mark.parametrize("layer", ["domain", "services", "handlers", "store", "integrations"])
def test_request_models_are_imported_at_the_first_request_not_at_import(layer):
    found = [
        f"{path.relative_to(ROOT)}:{line} imports {module}"
        for path in _sources(layer)
        for line, module in _imports(path, top_level_only=True)
        if module.startswith(_LAZY)
    ]
    assert not found, "import request models lazily or under TYPE_CHECKING:\n" + "\n".join(found)


def _views(path: Path) -> Iterator[ast.FunctionDef]:
    for node in ast.parse(path.read_text()).body:
        if isinstance(node, ast.FunctionDef) and any(
            isinstance(d, ast.Call) and ast.unparse(d.func) == "endpoint" for d in node.decorator_list
        ):
            yield node


def test_every_view_hands_its_service_the_validated_model():
    found = []
    views = 0
    for path in sorted((CHALICELIB / "handlers").glob("*_routes.py")):
        for view in _views(path):
            views += 1
            for arg in view.args.args:
                annotation = ast.unparse(arg.annotation) if arg.annotation else ""
                if arg.arg in ("body", "params") and (not annotation or annotation.startswith(("dict", "Mapping"))):
                    found.append(f"{path.relative_to(ROOT)}:{view.lineno} {view.name}({arg.arg}: {annotation})")
    assert views > 50  # the check read the routes
    assert not found, "a view takes its model, not a dict:\n" + "\n".join(found)
