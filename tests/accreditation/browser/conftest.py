"""The browser harness of ``tests/browser`` (live server, Chromium, committed data), reused here.

Playwright's sync API allows one running instance per thread. Re-exported session fixtures would
start a second instance beside ``tests/browser``'s (whichever directory runs second fails with
"using Playwright Sync API inside the asyncio loop"), so the driver and browser here are
module-scoped: they are stopped before ``tests/browser`` (which runs later) starts its own, and
if another instance is already running these tests are skipped with that reason.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Playwright, sync_playwright

from tests.browser.conftest import (  # noqa: F401
    CHROMIUM,
    CHROMIUM_ARGS,
    _requires_chromium,
    browser_database_url,
    db_session,
    live_app,
    live_url,
    new_context,
    page,
    person,
    seed,
)


@pytest.fixture(scope="module")
def playwright_driver() -> Iterator[Playwright]:
    if asyncio._get_running_loop() is not None:
        pytest.skip("another Playwright instance is running in this session; run tests/accreditation/browser alone")
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="module")
def browser(playwright_driver: Playwright) -> Iterator[Browser]:
    browser = playwright_driver.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
    try:
        yield browser
    finally:
        browser.close()
