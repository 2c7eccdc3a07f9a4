"""Cold-start cost: importing `app` (what every Lambda of the app pays) next to importing boto3 alone."""

from __future__ import annotations

import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNS = 7
_TIMER = "import time; t = time.perf_counter(); import {module}; print((time.perf_counter() - t) * 1000)"


def import_ms(module: str) -> float:
    """Median wall time (ms) to import ``module`` in a fresh interpreter."""
    samples = []
    for _ in range(RUNS):
        out = subprocess.run(
            [sys.executable, "-c", _TIMER.format(module=module)], cwd=ROOT, capture_output=True, text=True, check=True
        )
        samples.append(float(out.stdout.strip()))
    return statistics.median(samples)


def main() -> None:
    boto3_ms, app_ms = import_ms("boto3"), import_ms("app")
    print(f"cold start (median of {RUNS} fresh interpreters)")
    print(f"  import boto3 : {boto3_ms:7.1f} ms")
    print(f"  import app   : {app_ms:7.1f} ms   budget: well under boto3 + 100 ms = {boto3_ms + 100:.1f} ms")


if __name__ == "__main__":
    main()
