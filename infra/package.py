"""`make package`: write the merge template, `chalice package` a SAM template for AWS, then point API Gateway at
its two functions by name (`infra.template.decouple_api`: no circular dependency between the API and them).

Usage: python -m infra.package OUT_DIR   (then `aws cloudformation package/deploy`, see README)
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def build(out_dir: Path, stage: str = "prod") -> Path:
    """Package the app into ``out_dir``; returns the path of the SAM template."""
    from app import app

    from .bytecode import add_to_zip
    from .template import decouple_api, merge_template

    out_dir.mkdir(parents=True, exist_ok=True)
    merge = out_dir / "merge-template.json"
    merge.write_text(json.dumps(merge_template(app), indent=2))
    env = {**os.environ, "AWS_DEFAULT_REGION": os.environ.get("AWS_DEFAULT_REGION", "ap-southeast-3")}
    chalice = Path(sys.executable).parent / "chalice"
    subprocess.run(  # noqa: S603 - fixed arguments
        [
            str(chalice),
            "package",
            "--stage",
            stage,
            "--pkg-format",
            "cloudformation",
            "--merge-template",
            str(merge),
            str(out_dir / "sam"),
        ],
        cwd=ROOT,
        env=env,
        check=True,
    )
    template = out_dir / "sam" / "sam.json"
    template.write_text(json.dumps(decouple_api(json.loads(template.read_text())), indent=2))
    add_to_zip(out_dir / "sam" / "deployment.zip")  # no compiling of the app at every cold start
    return template


if __name__ == "__main__":
    print(build(Path(sys.argv[1] if len(sys.argv) > 1 else "build/package")))
