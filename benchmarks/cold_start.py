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
RUNS = 15
_TIMER = "import time; t = time.perf_counter(); import {module}; print((time.perf_counter() - t) * 1000)"


def _import_once(module: str, cwd: Path) -> float:
    """Wall time (ms) to import ``module`` in a fresh interpreter started in ``cwd``."""
    out = subprocess.run(
        [sys.executable, "-B", "-c", _TIMER.format(module=module)], cwd=cwd, capture_output=True, text=True, check=True
    )
    return float(out.stdout.strip())


def import_ms(*cases: tuple[str, Path]) -> list[list[float]]:
    """Import times (ms) of each ``(module, cwd)``, run by run, the cases taking turns within a run, so that what
    else the machine does meanwhile weighs on each alike (one after the other, a busy minute fell on one case only)."""
    samples: list[list[float]] = [[] for _ in cases]
    for _ in range(RUNS):
        for case, out in zip(cases, samples, strict=True):
            out.append(_import_once(*case))
    return samples


def ratio(of: list[float], to: list[float]) -> float:
    """The median of the runs' own ratios: a run's two imports a moment apart, on the machine as it was then."""
    return statistics.median(a / b for a, b in zip(of, to, strict=True))


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
        boto3, packaged_app, bare_app = import_ms(("boto3", ROOT), ("app", packaged), ("app", bare))
    median = statistics.median
    print(f"cold start (median of {RUNS} fresh interpreters; ratios: the median of each run's own)")
    print(f"  import boto3 : {median(boto3):7.1f} ms")
    print(
        f"  import app   : {median(packaged_app):7.1f} ms   as packaged (with its bytecode) →"
        f" {ratio(packaged_app, boto3):.2f}x boto3 (target ≤ 0.5x)"
    )
    print(
        f"  import app   : {median(bare_app):7.1f} ms   from bare sources (compiled at import) →"
        f" {ratio(bare_app, boto3):.2f}x"
    )


if __name__ == "__main__":
    main()
