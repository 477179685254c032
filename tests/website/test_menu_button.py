"""The phone's menu button is drawn before GOV.UK Frontend's script runs (register.scss), so the page
must not send it aria-hidden: a visible, focusable button hidden from screen readers (axe's
aria-hidden-focus, WCAG 4.1.2). CI's 320 px walk caught axe running before the script had started."""

from __future__ import annotations

import re

from flask.testing import FlaskClient


def test_the_menu_button_is_sent_hidden_but_never_aria_hidden(client: FlaskClient) -> None:
    page = client.get("/accessibility").text
    [button] = re.findall(r"<button[^>]*govuk-service-navigation__toggle[^>]*>", page)
    assert re.search(r"\shidden[\s>]", button) and "aria-hidden" not in button, button
