"""Bytecode, shipped in the deployment package.

Lambda unpacks the package into a read-only ``/var/task``: Python cannot write ``__pycache__`` there, so without
shipped bytecode every cold start compiles ``app.py``, all of ``chalicelib`` (≈25 ms of `import app` on this
machine; `python -m benchmarks.cold_start` shows both) and every library the package carries — boto3 and botocore
included, which shadow the runtime's compiled copies — again before the first request. `chalice package` ships
sources only (pip's wheels are installed without bytecode), so `add_to_zip` adds it for every module in the zip.

The ``.pyc`` files are *checked-hash* (PEP 552): Python compares them with a hash of the source next to them,
never with file times — a zip's times do not survive unpacking — so a stale one is recompiled, never run.
"""

from __future__ import annotations

import importlib.util
import warnings
import zipfile
from pathlib import Path


def pyc(source: bytes, path: str) -> bytes:
    """The checked-hash bytecode of ``source`` (compiled as the interpreter importing it would)."""
    from importlib._bootstrap_external import _code_to_hash_pyc  # the writer `py_compile` itself uses

    code = compile(source, path, "exec", dont_inherit=True)
    return bytes(_code_to_hash_pyc(code, importlib.util.source_hash(source), checked=True))


def cache_path(path: str) -> str:
    """Where the interpreter looks for the bytecode of ``path`` (``a/b.py`` → ``a/__pycache__/b.cpython-311.pyc``)."""
    return importlib.util.cache_from_source(path)


def add_to_zip(archive: Path) -> int:
    """Add the bytecode of every module in ``archive`` (a deployment zip) that has none; returns how many were
    added. A file that is not Python 3.11 (a template or test data shipped with a library) stays as it is."""
    compiled: dict[str, bytes] = {}
    with zipfile.ZipFile(archive) as zf, warnings.catch_warnings():
        warnings.simplefilter("ignore")  # libraries' invalid escapes and the like: theirs to fix, not ours
        present = set(zf.namelist())
        for name in sorted(n for n in present if n.endswith(".py") and cache_path(n) not in present):
            try:
                compiled[cache_path(name)] = pyc(zf.read(name), name)
            except (SyntaxError, ValueError):
                continue
    with zipfile.ZipFile(archive, "a", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, data in compiled.items():
            zf.writestr(name, data)
    return len(compiled)


def compile_tree(root: Path) -> int:
    """Write the bytecode of the app's sources under ``root`` next to them, as the package carries it."""
    files = [root / "app.py", *sorted((root / "chalicelib").rglob("*.py"))]
    for file in files:
        target = Path(cache_path(str(file)))
        target.parent.mkdir(exist_ok=True)
        target.write_bytes(pyc(file.read_bytes(), str(file)))
    return len(files)
