"""Browser tests: Playwright driving the system Chromium against a live server."""
