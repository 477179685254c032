"""A live register for browser tests: its own database, a real HTTP server, the system Chromium.

Browser tests cannot use the suite's rolled-back transaction (the server answers from other
threads), so the autouse ``db_session`` fixture is replaced by a no-op here, and data is
committed for real into a database of the browser tests' own:

- SQLite: a temporary file;
- PostgreSQL (``DATABASE_URL``): a database named ``<dbname>_browser`` (per xdist worker), dropped afterwards.

Chromium is the one at /usr/bin/chromium (never ``playwright install``); without it every test
here is skipped with that reason. Fixtures: ``live_url``, ``browser``, ``new_context``, ``page``,
``seed`` and ``person``; helpers (``axe_check``, ``sign_in``) live in ``tests.browser.helpers``.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import pytest
from flask import Flask
from flask_migrate import upgrade
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, sync_playwright
from werkzeug.serving import make_server

from registry import create_app
from registry.extensions import db
from tests.browser.helpers import Person, create_person
from tests.conftest import config_for_tests
from tests.fixtures.postgres import own_database, postgres_url, worker_suffix

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
T = TypeVar("T")


@pytest.fixture(scope="session", autouse=True)
def _requires_chromium() -> None:
    """Session-scoped so that it runs before the session's browser and server are started."""
    if not CHROMIUM.exists():
        pytest.skip(f"browser tests need Chromium at {CHROMIUM}, which is not installed")


@pytest.fixture(autouse=True)
def db_session() -> Iterator[None]:
    """Replaces the suite's rolled-back transaction: the live server commits for real."""
    yield None


# Session resources are made once per test session, even when another folder's conftest imports
# these fixtures (pytest then holds a second, separate session fixture of the same name): a second
# Playwright driver in one session fails ("Sync API inside the asyncio loop") and a second
# browser database would clash with the first. The first instance owns the clean-up.
_SHARED: dict[str, Any] = {}


def _shared(key: str, make: Callable[[], Iterator[T]]) -> Iterator[T]:
    if key in _SHARED:
        yield _SHARED[key]
        return
    resource = make()
    value = next(resource)
    _SHARED[key] = value
    try:
        yield value
    finally:
        _SHARED.pop(key, None)
        next(resource, None)


@pytest.fixture(scope="session")
def browser_database_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    yield from _shared("database_url", lambda: _browser_database_url(tmp_path_factory))


def _browser_database_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    main = postgres_url()
    if main is None:
        yield f"sqlite:///{tmp_path_factory.mktemp('browser') / 'browser.sqlite3'}"
        return
    with own_database(main, f"{main.database}_browser{worker_suffix()}") as url:
        yield url


@pytest.fixture(scope="session")
def live_app(tmp_path_factory: pytest.TempPathFactory, browser_database_url: str) -> Iterator[Flask]:
    """The app the live server runs, with the schema built by the migrations and the LAs loaded."""
    yield from _shared("live_app", lambda: _live_app(tmp_path_factory, browser_database_url))


def _live_app(tmp_path_factory: pytest.TempPathFactory, browser_database_url: str) -> Iterator[Flask]:
    config = config_for_tests(tmp_path_factory.mktemp("browser-app"), browser_database_url)
    config["TESTING"] = False  # behave as in production: error pages, not propagated exceptions
    app = create_app(config)
    with app.app_context():
        upgrade()
        from registry.domain.local_authorities import load_local_authorities

        load_local_authorities()
        db.session.commit()
        db.session.remove()
    yield app
    with app.app_context():
        db.engine.dispose()


@pytest.fixture(scope="session")
def live_url(live_app: Flask) -> Iterator[str]:
    """The register served over real HTTP on 127.0.0.1 and a free port, from a background thread."""
    yield from _shared("live_url", lambda: _live_url(live_app))


def _live_url(live_app: Flask) -> Iterator[str]:
    server = make_server("127.0.0.1", 0, live_app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="live-register", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=10)


@pytest.fixture(scope="session")
def playwright_driver() -> Iterator[Playwright]:
    yield from _shared("driver", _playwright_driver)


def _playwright_driver() -> Iterator[Playwright]:
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="session")
def browser(playwright_driver: Playwright) -> Iterator[Browser]:
    yield from _shared("browser", lambda: _browser(playwright_driver))


def _browser(playwright_driver: Playwright) -> Iterator[Browser]:
    browser = playwright_driver.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
    try:
        yield browser
    finally:
        browser.close()


@pytest.fixture
def new_context(browser: Browser, live_url: str) -> Iterator[Callable[..., BrowserContext]]:
    """``new_context(viewport=..., java_script_enabled=False)``: a fresh browser profile on the live server."""
    contexts: list[BrowserContext] = []

    def make(**options: Any) -> BrowserContext:
        context = browser.new_context(base_url=live_url, **options)
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_context: Callable[..., BrowserContext]) -> Page:
    return new_context().new_page()


@pytest.fixture
def seed(live_app: Flask) -> Callable[..., Any]:
    """``seed(work, *args)`` runs ``work`` in the live app's context and commits, for real.

    Return plain values (ids, emails, dataclasses) from ``work``: ORM objects are detached
    once the context ends.
    """

    def run(work: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        with live_app.app_context():
            try:
                result = work(*args, **kwargs)
                db.session.commit()
                return result
            except BaseException:
                db.session.rollback()
                raise
            finally:
                db.session.remove()

    return run


@pytest.fixture
def person(seed: Callable[..., Any]) -> Callable[[str], Person]:
    """``person("registrar")``: a new person with that role (and an organisation), committed."""
    return lambda role: seed(create_person, role)
