"""The demo register served under gunicorn on 127.0.0.1, for the page-quality scripts
(``scripts/lighthouse.py``, ``scripts/pa11y.py``).

A throwaway SQLite database in a temporary folder gets the migrations, the standards and local
authorities (``flask setup``) and the demo data (``flask demo-data``: 60 mediators, the demo sign-ins),
then ``gunicorn -c gunicorn.conf.py`` serves it as ``make serve`` does — one worker, so the in-memory
rate limits stay honest without Redis, with a random ``SECRET_KEY`` and a non-local
``PUBLIC_BASE_URL`` so that gunicorn's refusal of unsafe settings is satisfied. The server is stopped
by its own pid when the ``with`` block ends.
"""

from __future__ import annotations

import html.parser
import os
import re
import secrets
import subprocess
import sys
import tempfile
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.cookiejar import CookieJar
from pathlib import Path

import pyotp

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT))

from bench.services import launch_gunicorn, stop_process, wait_for  # noqa: E402

DEMO_PASSWORD = "page-quality-" + secrets.token_urlsafe(12)
DEMO_TOTP_SECRET = pyotp.random_base32()


@dataclass(frozen=True)
class Served:
    base_url: str
    profile_path: str  # an accredited demo mediator's profile
    registration_number: str


def _environment(folder: Path) -> dict[str, str]:
    inherited = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("WEB_", "DEMO_")) and name not in ("DATABASE_URL", "REDIS_URL", "BIND", "SECRET_KEY")
    }
    return inherited | {
        "FLASK_APP": "registry",
        "DATABASE_URL": f"sqlite:///{folder / 'register.sqlite3'}",
        "SECRET_KEY": secrets.token_urlsafe(48),
        "PUBLIC_BASE_URL": "https://register.invalid",
        "DEMO_PASSWORD": DEMO_PASSWORD,
        "DEMO_TOTP_SECRET": DEMO_TOTP_SECRET,
        "EXPORT_PATH": str(folder / "exports"),
        "WEB_CONCURRENCY": "1",
    }


@contextmanager
def served_demo() -> Iterator[Served]:
    flask = str(Path(sys.executable).parent / "flask")
    with tempfile.TemporaryDirectory(prefix="smr-page-quality-") as name:
        folder = Path(name)
        environment = _environment(folder)
        print("Loading the demo register into a throwaway database…", file=sys.stderr)
        for step in (["setup"], ["demo-data"]):
            done = subprocess.run([flask, *step], env=environment, cwd=PROJECT, capture_output=True, text=True)
            if done.returncode:
                raise RuntimeError(f"flask {step[0]} failed:\n{done.stdout}{done.stderr}")
        server = launch_gunicorn("register", "gunicorn.conf.py", environment, folder / "gunicorn.log")
        try:
            wait_for(server, "/healthz")
            number = _first_listed_number(server.base_url)
            yield Served(server.base_url, f"/mediators/{number}", number)
        finally:
            stop_process(server.process, 10)


def _first_listed_number(base_url: str) -> str:
    with urllib.request.urlopen(f"{base_url}/mediators?where=Sheffield") as response:
        page = response.read().decode()
    found = re.search(r'href="/mediators/([A-Z]{2}-\d{6}-[0-9X])', page)
    if found is None:
        raise RuntimeError("The demo register lists no mediator for Sheffield")
    return found.group(1)


class _CsrfToken(html.parser.HTMLParser):
    token = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        named = dict(attrs)
        if tag == "input" and named.get("name") == "csrf_token" and not self.token:
            self.token = named.get("value") or ""


def session_cookie(base_url: str, email: str, user_agent: str) -> str:
    """Sign a demo account in (staff with the second-factor code of the moment) and return its
    ``Cookie`` header, for a browser that sends this ``User-Agent`` (a session is bound to the
    browser and address it began on: Flask-Login's strong session protection)."""
    jar = CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    opener.addheaders = [("User-Agent", user_agent)]

    def post(path: str, answers: dict[str, str]) -> str:
        with opener.open(f"{base_url}{path}") as response:
            parser = _CsrfToken()
            parser.feed(response.read().decode())
        form = {"csrf_token": parser.token, **answers}
        with opener.open(f"{base_url}{path}", urllib.parse.urlencode(form).encode()) as response:
            return str(response.url)

    landed = post("/sign-in", {"email": email, "password": DEMO_PASSWORD})
    if landed.endswith("/sign-in/code"):
        landed = post("/sign-in/code", {"code": pyotp.TOTP(DEMO_TOTP_SECRET).now()})
    if "/sign-in" in landed:
        raise RuntimeError(f"{email} could not sign in to the served demo")
    return "; ".join(f"{cookie.name}={cookie.value}" for cookie in jar)
