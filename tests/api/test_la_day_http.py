"""An LA's day over real HTTP: the register served by werkzeug on 127.0.0.1 from a thread, with a
database of its own (the suite's rolled-back transaction cannot be shared with a server thread).

An officer signs in and creates an API key in the workspace; their system bulk-checks a CSV with
valid, suspended, lapsed, unknown and mistyped numbers, reads the stored check back, and watches
two mediators; then a registrar suspends one, and the change feed shows it after the cursor the
system had reached.
"""

from __future__ import annotations

import importlib
import re
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import requests
from flask import Flask
from flask_migrate import upgrade
from sqlalchemy import select
from werkzeug.serving import make_server

from registry import create_app
from registry.domain.accreditation import operations
from registry.domain.local_authorities import find_local_authority, load_local_authorities
from registry.extensions import db
from registry.models import Accreditation, Mediator, User
from tests.conftest import config_for_tests
from tests.fixtures.factories import TEST_PASSWORD, Factories, make_accreditation

CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
TOKEN = re.compile(r"smr_[A-Za-z0-9_-]{43}")


@pytest.fixture(autouse=True)
def db_session() -> Iterator[None]:
    """Replaces the suite's rolled-back transaction: the server thread commits for real."""
    yield None


@pytest.fixture
def live_app(tmp_path, scratch_database_url: str) -> Iterator[Flask]:
    app = create_app(config_for_tests(tmp_path, scratch_database_url) | {"TESTING": False})
    with app.app_context():
        upgrade()
        load_local_authorities()
        db.session.commit()
        db.session.remove()
    yield app
    with app.app_context():
        db.engine.dispose()


@pytest.fixture
def live_url(live_app: Flask) -> Iterator[str]:
    server = make_server("127.0.0.1", 0, live_app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="la-day-register", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=10)


@dataclass(frozen=True)
class Register:
    officer_email: str
    registrar_id: int
    valid: str
    suspended: str
    lapsed: str


def _seed(live_app: Flask) -> Register:
    with live_app.app_context():
        sheffield = find_local_authority("E08000039")
        la = Factories.organisation(
            kind="local_authority", name="Sheffield", slug="sheffield", local_authority=sheffield
        )
        body = Factories.organisation(kind="accrediting_body", name="Civil Mediation Council", slug="cmc")
        officer = Factories.person_with_role("la_officer", la, email="officer@sheffield.test")
        registrar = Factories.person_with_role("registrar", body)
        numbers = []
        for name, status in (("Ada Valid", "accredited"), ("Bea Suspended", "suspended"), ("Cal Lapsed", "lapsed")):
            mediator = Factories.mediator(display_name=name)
            make_accreditation(mediator, body=body, status=status)
            numbers.append(mediator.registration_number)
        db.session.commit()
        register = Register(officer.email, registrar.id, *numbers)
        db.session.remove()
        return register


def _csrf(html: str) -> str:
    match = CSRF.search(html)
    assert match, "no CSRF token on the page"
    return match.group(1)


def _create_key_in_the_workspace(live_url: str, email: str) -> str:
    browser = requests.Session()
    sign_in = browser.get(f"{live_url}/sign-in", timeout=10)
    signed_in = browser.post(
        f"{live_url}/sign-in",
        data={"email": email, "password": TEST_PASSWORD, "csrf_token": _csrf(sign_in.text)},
        timeout=10,
    )
    assert signed_in.status_code == 200 and "Local authority" in signed_in.text
    keys_page = browser.get(f"{live_url}/workspace/local-authority/api-keys", timeout=10)
    created = browser.post(
        f"{live_url}/workspace/local-authority/api-keys",
        data={"name": "Commissioning system", "csrf_token": _csrf(keys_page.text)},
        timeout=10,
    )
    assert created.status_code == 200 and created.history[0].status_code == 303  # POST/redirect/GET
    return TOKEN.search(created.text).group(0)


def _latest_cursor(api: Callable[..., requests.Response]) -> int:
    cursor = 0
    while True:
        page = api("get", f"/api/v1/changes?after={cursor}&limit=1000").json()
        cursor = page["next_after"]
        if not page["has_more"]:
            return cursor


def test_an_la_day_over_real_http(live_app: Flask, live_url: str) -> None:
    register = _seed(live_app)
    token = _create_key_in_the_workspace(live_url, register.officer_email)
    system = requests.Session()
    system.headers["Authorization"] = f"Bearer {token}"

    def api(method: str, path: str, **kwargs: Any) -> requests.Response:
        return system.request(method, live_url + path, timeout=10, **kwargs)

    mistyped = register.valid[:-1] + ("1" if register.valid[-1] != "1" else "2")
    csv_body = "\r\n".join(
        [
            "name,registration_number",
            f"Ada,{register.valid}",
            f"Bea,{register.suspended.lower().replace('-', ' ')}",
            f"Cal,{register.lapsed}",
            "Dev,SM-000001-X",
            f"Eve,{mistyped}",
            f"Ada again,{register.valid}",
        ]
    )
    check = api("post", "/api/v1/checks", data=csv_body.encode(), headers={"Content-Type": "text/csv"})
    assert check.status_code == 201, check.text
    outcomes = [(item["position"], item["outcome"]) for item in check.json()["items"]]
    assert outcomes == [
        (1, "accredited"),
        (2, "suspended"),
        (3, "lapsed"),
        (4, "not_found"),
        (5, "invalid_number"),
        (6, "accredited"),
    ]
    assert check.json()["items"][4]["message"] == "Check the number — it looks mistyped"

    assert check.headers["Location"].startswith(live_url + "/api/v1/checks/")
    kept = system.get(check.headers["Location"], timeout=10)
    assert kept.status_code == 200 and kept.json() == check.json()
    assert requests.get(check.headers["Location"], timeout=10).status_code == 401

    for number in (register.valid, register.lapsed):
        assert api("put", f"/api/v1/watchlist/{number}").status_code == 201
    watched = api("get", "/api/v1/watchlist").json()["items"]
    assert {(w["registration_number"], w["status"]["status"]) for w in watched} == {
        (register.valid, "accredited"),
        (register.lapsed, "lapsed"),
    }

    cursor = _latest_cursor(api)
    with live_app.app_context():
        registrar = db.session.get(User, register.registrar_id)
        mediator = db.session.scalars(select(Mediator).where(Mediator.registration_number == register.valid)).one()
        accreditation = db.session.scalars(select(Accreditation).where(Accreditation.mediator_id == mediator.id)).one()
        operations.suspend(
            accreditation, registrar, reason="Complaint received", public_note="Suspended pending review."
        )
        db.session.commit()
        db.session.remove()

    feed = api("get", f"/api/v1/changes?after={cursor}").json()
    assert [(c["registration_number"], c["kind"]) for c in feed["items"]] == [(register.valid, "suspended")]
    assert feed["items"][0]["public_note"] == "Suspended pending review." and "Complaint" not in str(feed)
    assert feed["next_after"] > cursor
    watched = {w["registration_number"]: w["status"]["status"] for w in api("get", "/api/v1/watchlist").json()["items"]}
    assert watched[register.valid] == "suspended"
    public = requests.get(f"{live_url}/api/v1/mediators/{register.valid}/status", timeout=10)
    assert public.json()["status"]["status"] == "suspended" and public.headers["Access-Control-Allow-Origin"] == "*"


def _generated_client(live_url: str, directory: Path) -> ModuleType:
    """A Python client generated from the live spec with openapi-python-client, as an LA's developer
    would make one, imported from ``directory`` as ``register_api_client``."""
    spec = directory / "openapi.json"
    spec.write_text(requests.get(f"{live_url}/api/v1/openapi.json", timeout=10).text, encoding="utf-8")
    package = directory / "register_api_client"
    generator = Path(sys.executable).with_name("openapi-python-client")
    made = subprocess.run(
        [str(generator), "generate", "--path", str(spec), "--output-path", str(package), "--meta", "none"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert made.returncode == 0 and (package / "client.py").exists(), made.stdout + made.stderr
    sys.path.insert(0, str(directory))
    try:
        return importlib.import_module("register_api_client")
    finally:
        sys.path.remove(str(directory))


def test_a_client_generated_from_the_spec_does_the_las_day(live_app: Flask, live_url: str, tmp_path: Path) -> None:
    """Search, verify with a 304 revalidation, a bulk check and paging through the change feed, through
    the generated client's own functions and models, against the register over real HTTP. The client
    raises on any status the spec does not declare (it used to crash on the 304)."""
    register = _seed(live_app)
    token = _create_key_in_the_workspace(live_url, register.officer_email)
    generated = _generated_client(live_url, tmp_path)
    mediators = importlib.import_module("register_api_client.api.mediators.get_mediators")
    profile = importlib.import_module("register_api_client.api.mediators.get_mediators_registration_number")
    post_checks = importlib.import_module("register_api_client.api.checks.post_checks")
    get_changes = importlib.import_module("register_api_client.api.changes.get_changes")
    models = importlib.import_module("register_api_client.models")
    public = generated.Client(base_url=live_url, raise_on_unexpected_status=True)
    keyed = generated.AuthenticatedClient(base_url=live_url, token=token, raise_on_unexpected_status=True)

    found = mediators.sync(client=public, q="Ada", status=models.GetMediatorsStatus.ANY)
    assert [item.registration_number for item in found.items] == [register.valid]

    first = profile.sync_detailed(client=public, registration_number=register.valid)
    assert first.status_code == 200 and first.parsed.name == "Ada Valid"
    again = profile.sync_detailed(
        client=public.with_headers({"If-None-Match": first.headers["ETag"]}), registration_number=register.valid
    )
    assert again.status_code == 304 and again.parsed is None

    check = post_checks.sync(
        client=keyed, body=models.CheckRequest(numbers=[register.valid, register.suspended, "SM-000001-0"])
    )
    assert [str(item.outcome) for item in check.items] == ["accredited", "suspended", "invalid_number"]

    cursor, pages, kinds = 0, 0, []
    while True:
        page = get_changes.sync(client=public, after=cursor, limit=2)
        kinds += [str(change.kind) for change in page.items]
        cursor, pages = page.next_after, pages + 1
        if not page.has_more:
            break
    assert pages >= 2 and "suspended" in kinds and "lapsed" in kinds
