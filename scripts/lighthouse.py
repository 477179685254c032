"""Lighthouse's mobile performance score and layout shift for the public pages a family uses on a phone.

    make lighthouse                                  # or: .venv/bin/python scripts/lighthouse.py
    .venv/bin/python scripts/lighthouse.py --runs 5  # the median of five runs per page

Serves the demo register under gunicorn on 127.0.0.1 (``scripts/served_demo.py``), then runs
Lighthouse (npm, pinned in package.json) with its default mobile settings — a Moto G Power sized
screen, simulated slow 4G and a 4× slower CPU — in the system Chromium (``/usr/bin/chromium``,
``CHROME_PATH``) over the home page, find (``/mediators`` for a place), a mediator's profile and the
check page. Prints, for each page, the median performance score and cumulative layout shift over
``--runs`` runs, and exits non-zero when a page misses the targets (performance 98, CLS below 0.05).

Not part of ``make test``: a run takes a few minutes and scores move a point or two with the load on
the machine.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import urllib.parse
import urllib.request
from pathlib import Path

from served_demo import PROJECT, served_demo

LIGHTHOUSE = PROJECT / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
CHROME_FLAGS = "--headless --no-sandbox --disable-gpu --disable-background-networking --no-first-run"
MIN_PERFORMANCE = 98
MAX_CLS = 0.05


def warm_up(url: str) -> None:
    """Ask for the page and everything it names once, as earlier visitors would have: the first
    answers of a fresh server (templates compiled, fingerprints worked out) are not what a family gets."""
    with urllib.request.urlopen(url) as response:
        page = response.read().decode()
    for asset in re.findall(r'(?:href|src|data-govuk-frontend)="(/static/[^"]+)"', page):
        urllib.request.urlopen(urllib.parse.urljoin(url, asset)).close()


def measure(url: str, report: Path) -> tuple[int, float, dict[str, float]]:
    subprocess.run(
        [
            str(LIGHTHOUSE),
            url,
            "--quiet",
            "--only-categories=performance",
            f"--chrome-flags={CHROME_FLAGS}",
            "--output=json",
            f"--output-path={report}",
        ],
        env={**os.environ, "CHROME_PATH": CHROMIUM},
        check=True,
        timeout=300,
    )
    result = json.loads(report.read_text())
    audits = result["audits"]
    timings = {
        name: audits[name]["numericValue"]
        for name in ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "speed-index")
    }
    return (
        round(result["categories"]["performance"]["score"] * 100),
        audits["cumulative-layout-shift"]["numericValue"],
        timings,
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per page; the median is reported (default 3)")
    parser.add_argument("--reports", type=Path, help="keep Lighthouse's JSON reports in this folder")
    arguments = parser.parse_args()
    if not LIGHTHOUSE.exists():
        sys.exit("Lighthouse is missing: run `make assets` (npm ci) first.")
    failed = False
    with served_demo() as served, tempfile.TemporaryDirectory() as scratch:
        reports = arguments.reports or Path(scratch)
        reports.mkdir(parents=True, exist_ok=True)
        pages = {
            "home": "/",
            "find": "/mediators?where=Sheffield",
            "profile": served.profile_path,
            "check": "/check",
        }
        for path in pages.values():
            warm_up(served.base_url + path)
        print(f"{'page':<8} {'performance':>11} {'CLS':>6}  FCP ms  LCP ms  TBT ms  (median of {arguments.runs})")
        for name, path in pages.items():
            runs = [measure(served.base_url + path, reports / f"{name}-{n}.json") for n in range(arguments.runs)]
            score = statistics.median(run[0] for run in runs)
            cls = statistics.median(run[1] for run in runs)
            timing = {key: statistics.median(run[2][key] for run in runs) for key in runs[0][2]}
            missed = score < MIN_PERFORMANCE or cls >= MAX_CLS
            failed |= missed
            print(
                f"{name:<8} {score:>11.0f} {cls:>6.3f}  {timing['first-contentful-paint']:>6.0f}"
                f"  {timing['largest-contentful-paint']:>6.0f}  {timing['total-blocking-time']:>6.0f}"
                f"  {path}{'  MISSED' if missed else ''}",
                flush=True,
            )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
