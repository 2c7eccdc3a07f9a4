"""What `import app` (every function's cold start) must not load: the domains a route needs only once it runs.

The route modules parse their path parameters with domain helpers imported at the first call; the decision-link
pages and their labels come with the first link opened; hashlib with the first temporary password
(`benchmarks/cold_start.py` measures the import; the issue 21 budget is half of `import boto3`).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LATER = (
    "chalicelib.domain.reports",
    "chalicelib.domain.attendance",
    "chalicelib.domain.quarter_assessment",
    "chalicelib.domain.skp",
    "chalicelib.domain.decisions",
    "chalicelib.handlers.decision_pages",
    "hashlib",
)


def test_import_app_leaves_the_domains_of_single_routes_for_their_first_request():
    code = f"import sys, app; print(' '.join(m for m in {LATER!r} if m in sys.modules) or '-')"
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "-"
