"""The error summary as the GOV.UK Design System asks (issue 20, part 2): each message links to the
first box of its question, so a date's link goes to its Day box, not to the wrapper around the boxes
(which has nothing to take focus)."""

from __future__ import annotations

import re

from flask import Flask, render_template_string
from flask_wtf import FlaskForm

from registry.web.fields import GovDateField, text_input
from tests.test_pages_basics import page_facts


def _summary_links(html: str) -> list[str]:
    summary = html[html.index('class="govuk-error-summary"') :]
    summary = summary[: summary.index("</ul>")]
    return re.findall(r'href="(#[^"]+)"', summary)


def test_a_dates_error_links_to_its_day_box_on_the_profile(client, on_register) -> None:
    number = on_register().registration_number
    html = client.get(f"/mediators/{number}?recorded_as_at=2026-02-30").text
    assert "Enter a real date" in html
    assert _summary_links(html) == ["#recorded_as_at-day"]
    ids = page_facts(html).ids
    assert ids.count("recorded_as_at-day") == 1  # the Day box, the link's target
    assert re.search(r'<input[^>]*\bid="recorded_as_at-day"', html)  # the link's target is the Day box itself


class _Form(FlaskForm):
    class Meta:
        csrf = False

    name = text_input("Name", required="Enter a name")
    since = GovDateField("Since when")


def test_only_a_dates_link_changes_and_a_prefixed_form_keeps_its_prefix(app: Flask) -> None:
    with app.test_request_context(method="POST", data={"p-since": ["31", "2", "2026"], "p-name": ""}):
        form = _Form(prefix="p")
        assert not form.validate()
        html = render_template_string(
            '{% from "govuk_frontend_jinja/components/error-summary/macro.html" import govukErrorSummary %}'
            "{{ govukErrorSummary(wtforms_errors(form)) }}{{ form.since() }}",
            form=form,
        )
    assert _summary_links(html) == ["#p-name", "#p-since-day"]
    assert 'id="p-since-day"' in html
    assert form.since.data is None  # nothing read from a date that is not one
