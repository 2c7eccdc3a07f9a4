"""The web client's budgets: what the first page ships (JS + CSS, gzipped; budget 150 KB) and Lighthouse
(mobile preset: performance ≥ 90, accessibility ≥ 95) on the sign-in page and the employee's home.

`make bench-web` builds the client, installs the pinned Lighthouse (benchmarks/lighthouse/) and runs this.
It starts its own DynamoDB Local, moto and API server on free ports with the demo data, serves `web/dist`
like `make run` does, signs in as the demo employee in a headless Chromium (Debian's, CHROME_PATH) and lets
Lighthouse audit that browser (`--port`, `--disable-storage-reset`, so the session stays signed in).
Alone: `python -m benchmarks.web`.
"""

from __future__ import annotations

import gzip
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from devtools.processes import ROOT, free_port, spawn, stop, wait_for_port

DIST = ROOT / "web" / "dist"
LIGHTHOUSE = ROOT / "benchmarks" / "lighthouse" / "node_modules" / "lighthouse" / "cli" / "index.js"
CHROME = os.environ.get("CHROME_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
EMPLOYEE, PASSWORD = "199001152015032001", "Demo-Kinerja-2026"  # Dewi Lestari in devtools/demo.py
WEIGHT_BUDGET_KB = 150
BUDGETS = {"performance": 90, "accessibility": 95}


#: pages audited after sign-in, besides Beranda (each a page a person opens every day)
SIGNED_IN_PAGES = (
    ("attendance (/presensi)", "/presensi"),
    ("new report (/laporan/baru)", "/laporan/baru"),
    ("print (/cetak)", "/cetak"),
    ("leave form (/cuti/ajukan)", "/cuti/ajukan"),
)


def first_page_weight(page: Any, url: str) -> tuple[int, list[str]]:
    """Gzipped bytes of the JS and CSS the page loaded (gzip -9 of each built file, as a CDN would send)."""
    seen: list[str] = []
    page.on("response", lambda r: r.request.resource_type in ("script", "stylesheet") and seen.append(r.url))
    page.goto(url, wait_until="networkidle")
    total, names = 0, []
    for address in dict.fromkeys(seen):
        path = DIST / urlsplit(address).path.lstrip("/")
        if path.is_file():
            total += len(gzip.compress(path.read_bytes(), 9))
            names.append(path.name)
    return total, names


def lighthouse(url: str, port: int, out: Path) -> dict[str, float]:
    """Lighthouse (mobile preset, simulated throttling) against the Chromium listening on ``port``."""
    subprocess.run(
        [
            "node",
            str(LIGHTHOUSE),
            url,
            f"--port={port}",
            "--disable-storage-reset",
            "--only-categories=performance,accessibility",
            "--output=json",
            f"--output-path={out}",
            "--quiet",
        ],
        check=True,
        env={**os.environ, "CHROME_PATH": CHROME},
    )
    report = json.loads(out.read_text())
    scores = {name: round(category["score"] * 100) for name, category in report["categories"].items()}
    audits = report["audits"]
    for key in ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift"):
        scores[key] = audits[key]["displayValue"]
    failing = [a["title"] for a in audits.values() if a.get("scoreDisplayMode") == "binary" and a.get("score") == 0]
    scores["failed audits"] = ", ".join(failing[:6]) or "none"
    return scores


def main() -> int:
    if not (DIST / "index.html").is_file():
        sys.exit("web/dist is missing: run `make web` (or `make bench-web`)")
    if not LIGHTHOUSE.is_file():
        sys.exit("Lighthouse is missing: run `make bench-web` (npm ci in benchmarks/lighthouse)")
    from playwright.sync_api import sync_playwright

    from devtools.demo import load_demo_data
    from devtools.ephemeral import ephemeral_stack
    from devtools.web_server import serve_in_thread

    failed = False
    with ephemeral_stack("benchweb") as env:
        web_port, api_port, chrome_port = free_port(), free_port(), free_port()
        web = f"http://127.0.0.1:{web_port}"
        load_demo_data()
        api = spawn(
            [sys.executable, "-m", "devtools.api_server", str(api_port)],
            Path(env["LOGS"]) / "api.log",
            cwd=ROOT,
            env={**os.environ, "WEB_ORIGIN": web},
        )
        httpd = serve_in_thread(web_port, f"http://127.0.0.1:{api_port}", DIST)
        profile = Path(tempfile.mkdtemp(prefix="kinerja-chrome-"))
        chrome = spawn(
            [
                CHROME,
                "--headless=new",
                "--no-sandbox",
                "--disable-dev-shm-usage",
                f"--remote-debugging-port={chrome_port}",
                f"--user-data-dir={profile}",
                "about:blank",
            ],
            Path(env["LOGS"]) / "chrome.log",
        )
        try:
            wait_for_port(api_port, api)
            wait_for_port(chrome_port, chrome)
            with sync_playwright() as playwright:
                browser = playwright.chromium.connect_over_cdp(f"http://127.0.0.1:{chrome_port}")
                page = browser.contexts[0].new_page()
                out = Path(env["LOGS"])
                weights = {"sign-in (/masuk)": first_page_weight(page, f"{web}/masuk")}
                audits = {"sign-in (/masuk)": lighthouse(f"{web}/masuk", chrome_port, out / "lighthouse-sign-in.json")}
                page.goto(f"{web}/masuk")
                page.get_by_label("NIP atau e-mail").fill(EMPLOYEE)
                page.locator("#password").fill(PASSWORD)
                page.get_by_role("button", name="Masuk", exact=True).click()
                page.wait_for_url(f"{web}/")
                page.get_by_test_id("home-reports-today").wait_for()
                fresh = browser.contexts[0].new_page()  # a new tab: the home page's own first load
                weights["employee home (/)"] = first_page_weight(fresh, f"{web}/")
                fresh.close()
                page.goto("about:blank")
                audits["employee home (/)"] = lighthouse(f"{web}/", chrome_port, out / "lighthouse-home.json")
                for name, path in SIGNED_IN_PAGES:  # the pages people use most after Beranda, as the same employee
                    report = out / f"lighthouse{path.replace('/', '-')}.json"
                    audits[name] = lighthouse(f"{web}{path}", chrome_port, report)

                print("First page, JS + CSS gzipped (budget 150 KB):")
                for name, (size, files) in weights.items():
                    ok = size <= WEIGHT_BUDGET_KB * 1024
                    failed |= not ok
                    print(f"  {name:20} {size / 1024:6.1f} KB  {'ok' if ok else 'OVER BUDGET'}  ({len(files)} files)")

                print("\nLighthouse 12.8.2, mobile preset (simulated slow 4G, 4x CPU slowdown):")
                for name, scores in audits.items():
                    verdicts = []
                    for category, budget in BUDGETS.items():
                        ok = scores[category] >= budget
                        failed |= not ok
                        verdicts.append(f"{category} {scores[category]} ({'ok' if ok else f'under {budget}'})")
                    print(f"  {name:26} {', '.join(verdicts)}")
                    print(
                        f"  {'':26} FCP {scores['first-contentful-paint']}, LCP {scores['largest-contentful-paint']}, "
                        f"TBT {scores['total-blocking-time']}, CLS {scores['cumulative-layout-shift']}; "
                        f"failed audits: {scores['failed audits']}"
                    )
                browser.close()
        finally:
            httpd.shutdown()
            httpd.server_close()
            stop(chrome, api)
            shutil.rmtree(profile, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
