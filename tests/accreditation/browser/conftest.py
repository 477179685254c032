"""The browser harness of ``tests/browser`` (live server, Chromium, committed data), reused here.

Its session resources are shared across folders (one Playwright driver per session), see
``tests/browser/conftest.py``.
"""

from tests.browser.conftest import (  # noqa: F401
    _requires_chromium,
    browser,
    browser_database_url,
    db_session,
    live_app,
    live_url,
    new_context,
    page,
    person,
    playwright_driver,
    seed,
)
