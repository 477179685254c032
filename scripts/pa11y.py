"""pa11y (HTML_CodeSniffer, WCAG 2 AA) over the public pages and a sample of each role's workspace.

    make pa11y                                # or: .venv/bin/python scripts/pa11y.py
    .venv/bin/python scripts/pa11y.py --json  # every issue, as pa11y reports it

A second opinion beside axe (which the browser tests run on every page): pa11y's HTML_CodeSniffer
runner finds some things axe does not. Serves the demo register under gunicorn on 127.0.0.1
(``scripts/served_demo.py``), signs the sample's accounts in (staff with their second-factor code)
and passes each one's session cookie to pa11y (npm, pinned in package.json), which drives the
system Chromium (``/usr/bin/chromium``). Reports errors only (pa11y's default level), and exits
non-zero when any page has one.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from typing import Any

from served_demo import PROJECT, Served, served_demo, session_cookie

PA11Y = PROJECT / "node_modules" / "pa11y"
RUNNER = PROJECT / "scripts" / "pa11y-run.cjs"
USER_AGENT = "pa11y (SEND Mediation Register, scripts/pa11y.py)"  # the sign-ins' and pa11y's browser
CHROMIUM = os.environ.get("CHROME_PATH", "/usr/bin/chromium")


def public_pages(served: Served) -> list[str]:
    return [
        "/",
        "/what-is-send-mediation",
        "/mediators",
        "/mediators?where=Sheffield",
        "/mediators?where=nowhere-at-all",
        served.profile_path,
        "/check",
        "/verify",
        "/standards",
        "/standards/consultations",
        "/training",
        "/routes-to-resolve",
        "/statistics",
        "/oversight",
        "/local-authorities",
        "/local-authorities/sheffield",
        "/guidance",
        "/providers",
        "/concerns/new",
        "/accessibility",
        "/privacy",
        "/sign-in",
        "/no-such-page",
    ]


# One account of each role the demo has, and a few of each one's pages.
SIGNED_IN = {
    "la@demo.test": [
        "/workspace/local-authority",
        "/workspace/local-authority/checks",
        "/workspace/local-authority/watchlist",
        "/workspace/local-authority/services/new",
        "/account",
    ],
    "mediator@demo.test": [
        "/workspace/mediator",
        "/workspace/mediator/log",
        "/workspace/mediator/log/new",
        "/workspace/mediator/compliance",
        "/workspace/mediator/profile",
        "/workspace/notifications",
    ],
    "trainer@demo.test": ["/workspace/trainer", "/workspace/trainer/programmes/new"],
    "provider@demo.test": ["/workspace/provider", "/workspace/provider/returns/new"],
    "registrar@demo.test": [
        "/workspace/registrar",
        "/workspace/registrar/applications",
        "/workspace/registrar/renewals",
    ],
    "oversight@demo.test": ["/workspace/oversight", "/workspace/oversight/reviews/new"],
    "admin@demo.test": ["/workspace/admin", "/workspace/admin/people", "/workspace/admin/audit-trail"],
}


def run_pa11y(visits: list[dict[str, object]]) -> list[dict[str, Any]]:
    """pa11y's issues on each page (scripts/pa11y-run.cjs drives it through its Node API)."""
    done = subprocess.run(
        ["node", str(RUNNER)],
        input=json.dumps(visits),
        capture_output=True,
        text=True,
        timeout=1800,
        cwd=PROJECT,
        env={**os.environ, "CHROME_PATH": CHROMIUM, "PA11Y_USER_AGENT": USER_AGENT},
    )
    if done.returncode:
        raise RuntimeError(f"pa11y failed:\n{done.stdout}{done.stderr}")
    results: list[dict[str, Any]] = json.loads(done.stdout)
    return results


def _cookies(header: str) -> list[dict[str, str]]:
    return [dict(zip(("name", "value"), part.split("=", 1), strict=True)) for part in header.split("; ") if part]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--json", action="store_true", help="print every issue as pa11y reports it")
    arguments = parser.parse_args()
    if not PA11Y.exists():
        sys.exit("pa11y is missing: run `make assets` (npm ci) first.")
    with served_demo() as served:
        visits: list[dict[str, object]] = [
            {"url": served.base_url + path, "cookies": [], "who": "public"} for path in public_pages(served)
        ]
        for email, paths in SIGNED_IN.items():
            cookies = _cookies(session_cookie(served.base_url, email, USER_AGENT))
            visits += [{"url": served.base_url + path, "cookies": cookies, "who": email} for path in paths]
        results = run_pa11y(visits)
    found = {}
    for visit, result in zip(visits, results, strict=True):
        path = str(visit["url"]).removeprefix(served.base_url)
        issues = result["issues"]
        found[f"{visit['who']} {path}"] = issues
        print(f"{len(issues):>3} errors  {visit['who']:<20} {path:<45} {result['title']}")
        for issue in issues:
            print(f"      {issue['code']}\n      {issue['message']}\n      {issue['selector']}")
    total = sum(len(issues) for issues in found.values())
    if arguments.json:
        print(json.dumps(found, indent=2))
    print(f"pa11y (HTML_CodeSniffer, WCAG2AA): {total} errors on {len(found)} pages")
    return 1 if total else 0


if __name__ == "__main__":
    sys.exit(main())
