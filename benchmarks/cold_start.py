"""Cold-start cost: importing `app` (what every Lambda of the app pays) next to importing boto3 alone.

`app` is imported as the package ships it — with its bytecode (`infra.bytecode`), as boto3 has its own — from a
copy of the sources; the import from bare sources (compiled at every import, as Lambda would without the shipped
bytecode: its ``/var/task`` is read-only) is printed too.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNS = 7
_TIMER = "import time; t = time.perf_counter(); import {module}; print((time.perf_counter() - t) * 1000)"


def import_ms(module: str, cwd: Path = ROOT) -> float:
    """Median wall time (ms) to import ``module`` in a fresh interpreter (started in ``cwd``)."""
    samples = []
    for _ in range(RUNS):
        out = subprocess.run(
            [sys.executable, "-B", "-c", _TIMER.format(module=module)],
            cwd=cwd,
            capture_output=True,
            text=True,
            check=True,
        )
        samples.append(float(out.stdout.strip()))
    return statistics.median(samples)


def app_copy(into: Path, *, bytecode: bool) -> Path:
    """``app.py`` and ``chalicelib`` copied into ``into``: with their bytecode, as the deployment package holds them,
    or bare sources (the interpreter compiles them at import; ``-B`` keeps it from writing them)."""
    from infra.bytecode import compile_tree

    into.mkdir()
    shutil.copy2(ROOT / "app.py", into / "app.py")
    shutil.copytree(ROOT / "chalicelib", into / "chalicelib", ignore=shutil.ignore_patterns("__pycache__"))
    if bytecode:
        compile_tree(into)
    return into


def main() -> None:
    sys.path.insert(0, str(ROOT))
    with tempfile.TemporaryDirectory(prefix="kinerja-cold-") as tmp:
        packaged = app_copy(Path(tmp) / "packaged", bytecode=True)
        bare = app_copy(Path(tmp) / "sources", bytecode=False)
        boto3_ms, app_ms, source_ms = import_ms("boto3"), import_ms("app", packaged), import_ms("app", bare)
    print(f"cold start (median of {RUNS} fresh interpreters)")
    print(f"  import boto3 : {boto3_ms:7.1f} ms")
    print(
        f"  import app   : {app_ms:7.1f} ms   as packaged (with its bytecode) → {app_ms / boto3_ms:.2f}x boto3"
        " (target ≤ 0.5x)"
    )
    print(
        f"  import app   : {source_ms:7.1f} ms   from bare sources (compiled at import) → {source_ms / boto3_ms:.2f}x"
    )


if __name__ == "__main__":
    main()
