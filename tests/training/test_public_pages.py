"""The public training pages: accredited programmes only by default, filters, the programme page."""

from __future__ import annotations

from datetime import date
from html.parser import HTMLParser

import pytest

from registry.domain import training
from registry.domain.registration_numbers import format_number
from tests.training.conftest import content


class _Facts(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.h1 = 0
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag, attrs) -> None:  # type: ignore[no-untyped-def]
        self.h1 += tag == "h1"
        self._in_title = tag == "title" or self._in_title

    def handle_endtag(self, tag) -> None:  # type: ignore[no-untyped-def]
        if tag == "title":
            self._in_title = False

    def handle_data(self, data) -> None:  # type: ignore[no-untyped-def]
        if self._in_title:
            self.title += data


def page_ok(response, status: int = 200) -> str:
    """The basics every page needs: the status, one h1 and its own title."""
    assert response.status_code == status, response.text[:500]
    facts = _Facts()
    facts.feed(response.text)
    assert facts.h1 == 1, f"{facts.h1} h1 elements"
    assert " ".join(facts.title.split()).endswith("– SEND Mediation Register")
    return response.text


@pytest.fixture
def catalogue(world, make_programme, factories, frozen_clock):  # type: ignore[no-untyped-def]
    other_provider = factories.organisation(kind="training_provider", name="Harbourside Mediation Training")
    other_trainer = factories.person_with_role("trainer", other_provider)
    blended = training.submit_programme(
        other_provider, other_trainer, "cpd_course", content("cpd_course", title="Blended CPD", delivery_mode="blended")
    ).programme
    training.accredit(blended, world.registrar, world.body)
    return {
        "foundation": make_programme("foundation", title="Accredited foundation"),
        "specialist": make_programme("send_specialist", title="Accredited specialist"),
        "blended": blended,
        "submitted": make_programme("foundation", status="submitted", title="Waiting foundation"),
        "refused": make_programme("foundation", status="refused", title="Refused foundation"),
        "suspended": make_programme("foundation", status="suspended", title="Suspended foundation"),
        "withdrawn": make_programme("foundation", status="withdrawn", title="Withdrawn foundation"),
    }


def test_the_list_shows_accredited_programmes_only_by_default(client, catalogue) -> None:
    html = page_ok(client.get("/training"))
    for shown in ("Accredited foundation", "Accredited specialist", "Blended CPD"):
        assert shown in html
    for hidden in ("Waiting foundation", "Refused foundation", "Suspended foundation", "Withdrawn foundation"):
        assert hidden not in html
    assert "3 programmes" in html


def test_suspended_and_withdrawn_show_when_asked_but_never_submissions_or_refusals(client, catalogue) -> None:
    html = page_ok(client.get("/training?status=any"))
    assert "Suspended foundation" in html and "Withdrawn foundation" in html
    assert "Waiting foundation" not in html and "Refused foundation" not in html


def test_a_programme_past_its_end_is_not_listed_as_accredited(client, catalogue, frozen_clock) -> None:
    frozen_clock.today = date(2029, 3, 4)  # the day after three years, before the daily job
    html = page_ok(client.get("/training"))
    assert "Accredited foundation" not in html and "0 programmes" in html


@pytest.mark.parametrize(
    ("query", "shown", "hidden"),
    [
        ("level=send_specialist", ["Accredited specialist"], ["Accredited foundation", "Blended CPD"]),
        ("delivery_mode=blended", ["Blended CPD"], ["Accredited foundation", "Accredited specialist"]),
        ("provider={slug}", ["Blended CPD"], ["Accredited foundation", "Accredited specialist"]),
        ("level=cpd_course&delivery_mode=in_person", [], ["Blended CPD", "Accredited foundation"]),
    ],
)
def test_filters(client, catalogue, query, shown, hidden) -> None:
    query = query.format(slug=catalogue["blended"].provider.slug)
    html = page_ok(client.get(f"/training?{query}"))
    assert all(title in html for title in shown)
    assert not any(title in html for title in hidden)


def test_an_unknown_filter_value_says_so(client, catalogue) -> None:
    html = page_ok(client.get("/training?level=masterclass"))
    assert "govuk-error-summary" in html and "Choose level from the list" in html
    assert "<title>Error:" in " ".join(html.split()).replace("<title> ", "<title>")


def test_the_list_pages_through_many_programmes(client, make_programme, frozen_clock) -> None:
    for n in range(27):
        make_programme("cpd_course", title=f"Course {n:02d}")
    first = page_ok(client.get("/training"))
    assert "27 programmes" in first and "Course 00" in first and "Course 25" not in first
    assert "govuk-pagination" in first
    second = page_ok(client.get("/training?page=2"))
    assert "Course 25" in second and "Course 26" in second and "Course 00" not in second


def test_the_programme_page(client, world, catalogue, frozen_clock) -> None:
    programme = catalogue["specialist"]
    html = page_ok(client.get(f"/training/{programme.reference}"))
    assert "Accredited specialist" in html and "until 3 March 2029" in html and world.body.name in html
    assert "MS-2.4" in html and "Preparing for adulthood and young people" in html
    assert "/standards/mediator-standards/1.0#MS-2.4" in html
    assert "SEND specialist training" in html and "Online" in html


def test_the_programme_page_shows_public_history_without_private_reasons(client, world, catalogue) -> None:
    programme = catalogue["suspended"]
    html = page_ok(client.get(f"/training/{programme.reference}"))
    assert "Suspended" in html and "Paused." in html
    assert "Complaint" not in html  # the private reason
    assert "Submitted" not in html  # submissions are not public events


def test_cpd_course_page_lists_loggable_hours(client, catalogue) -> None:
    html = page_ok(client.get(f"/training/{catalogue['blended'].reference}"))
    assert "Hours a participant may log as continuing professional development (CPD)" in html
    assert "SEND law, policy and practice: 3 hours" in html


@pytest.mark.parametrize("which", ["submitted", "refused"])
def test_programmes_never_accredited_are_not_public(client, catalogue, which) -> None:
    page_ok(client.get(f"/training/{catalogue[which].reference}"), 404)


def test_unknown_and_mistyped_references_are_not_found(client, catalogue) -> None:
    page_ok(client.get(f"/training/{format_number('TP', 999)}"), 404)
    reference = catalogue["foundation"].reference
    page_ok(client.get(f"/training/{reference[:-1]}{'0' if reference[-1] != '0' else '1'}"), 404)


def test_a_loosely_typed_reference_redirects_to_the_canonical_one(client, catalogue) -> None:
    reference = catalogue["foundation"].reference
    response = client.get(f"/training/{reference.lower().replace('-', '')}")
    assert response.status_code == 301 and response.headers["Location"].endswith(f"/training/{reference}")


def test_the_list_needs_a_fixed_number_of_queries(client, make_programme, frozen_clock, count_queries) -> None:
    for n in range(3):
        make_programme("cpd_course", title=f"Course {n}")
    with count_queries() as few:
        client.get("/training")
    for n in range(10):
        make_programme("cpd_course", title=f"More {n}")
    with count_queries() as many:
        client.get("/training")
    assert many.count == few.count
