"""The public journey on a phone works the same without JavaScript and with it (issue 20, item 5),
and the JavaScript that does run moves nothing once the page is drawn (item 4: no layout shift).

Without JavaScript the main menu is a plain list of links and every form is a plain form posted to
the server; with it, GOV.UK Frontend folds the menu behind a "Menu" button, drawn folded from the
first paint (register.scss, ``@media (scripting: enabled)``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.browser.helpers import axe_check
from tests.browser.site_data import register_mediator

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 740}
ISLES_OF_SCILLY = "E06000053"  # no other browser test's mediators serve it, so its results are ours
# Sums the layout shifts that were not caused by the person (as Lighthouse's CLS counts them).
WATCH_SHIFTS = """
window.layoutShift = 0
new PerformanceObserver(list => {
  for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.layoutShift += entry.value
}).observe({type: 'layout-shift', buffered: true})
"""


def test_a_family_finds_a_mediator_by_place_opens_the_profile_and_checks_the_number_without_javascript(
    new_context, seed: Callable[..., Any]
) -> None:
    listed = seed(register_mediator, "Scillonian", areas=(ISLES_OF_SCILLY,))
    page = new_context(java_script_enabled=False, viewport=PHONE).new_page()
    page.goto("/")
    menu = page.get_by_role("navigation", name="Main menu")
    expect(menu.get_by_role("button")).to_be_hidden()  # no "Menu" button that could not open anything
    menu.get_by_role("link", name="Find a mediator").click()

    page.locator("#where").fill("Isles of Scilly")
    page.locator("#search-button").click()
    expect(page.locator("#where-understood")).to_contain_text("Isles of Scilly")
    page.locator("#results").get_by_role("link", name=listed.name).click()

    expect(page.get_by_role("heading", level=1)).to_have_text(listed.name)
    expect(page.locator("#status")).to_contain_text("Accredited until")
    page.get_by_role("navigation", name="Main menu").get_by_role("link", name="Check a number").click()

    page.locator("#numbers").fill(listed.registration_number)  # the form's fields by id: their words may change
    page.locator("main form button").first.click()
    results = page.locator("#check-results")
    expect(results).to_contain_text(listed.name)
    expect(results).to_contain_text(listed.registration_number)
    expect(results).to_contain_text("Accredited")


def _visit(page: Page, path: str) -> float:
    page.goto(path)
    page.wait_for_load_state("networkidle")  # GOV.UK Frontend has run
    page.wait_for_timeout(300)  # and anything it moved has been drawn
    shifted: float = page.evaluate("window.layoutShift")
    return shifted


def test_with_javascript_the_menu_is_folded_from_the_first_paint_and_nothing_shifts(
    new_context, seed: Callable[..., Any]
) -> None:
    listed = seed(register_mediator, "Steady")
    context = new_context(viewport=PHONE)
    context.add_init_script(WATCH_SHIFTS)
    page = context.new_page()
    for path in ("/", "/mediators?where=Rutland", f"/mediators/{listed.registration_number}", "/check"):
        assert _visit(page, path) < 0.01, f"{path} moved after it was drawn"
        menu = page.get_by_role("navigation", name="Main menu")
        expect(menu.get_by_role("link", name="Check a number")).to_be_hidden()
    menu.get_by_role("button", name="Menu").click()
    expect(menu.get_by_role("link", name="Check a number")).to_be_visible()
    axe_check(page)
