"""Find a SEND mediator at /mediators: every filter, status in plain words, only the currently
accredited by default, pagination, helpful empty results, clear messages for an unknown LA, and
a fixed number of queries per page."""

from __future__ import annotations

import re
from datetime import date, timedelta

from sqlalchemy import event

from registry.extensions import db
from tests.test_pages_basics import assert_page_basics
from tests.website.conftest import LEEDS

YORK = "E06000014"


def _names(html: str) -> list[str]:
    return re.findall(r'<a class="govuk-link" href="/mediators/SM-[^"]+">([^<]+)</a>', html)


def test_the_search_page_asks_where_and_offers_the_vocabularies(client) -> None:
    response = client.get("/mediators")
    assert response.status_code == 200
    assert_page_basics(response.text)
    assert re.search(r'<input[^>]*name="where"', response.text)
    assert 'name="local_authority"' not in response.text  # one box for where, not a list of 153 as well
    for term in ("Autism", "British Sign Language", "Video call"):
        assert f">{term}</option>" in response.text
    assert "Contains data from GeoNames" in " ".join(response.text.split()).replace("contains", "Contains")


def test_filters_combine_and_results_show_what_families_need(client, on_register, factories) -> None:
    provider = factories.organisation(kind="mediation_provider", name="Yorkshire Mediation Service")
    on_register(
        "Ada Match",
        areas=(LEEDS, YORK),
        languages=("en", "bfi"),
        formats=("video", "in_person"),
        specialisms=("autism",),
        providers=(provider,),
    )
    on_register("Bea Otherplace", areas=(YORK,), languages=("bfi",), specialisms=("autism",))
    on_register("Cal Otherlanguage", areas=(LEEDS,), languages=("en",), specialisms=("autism",))
    on_register("Dee Otherspecialism", areas=(LEEDS,), languages=("bfi",), specialisms=("early_years",))
    response = client.get(f"/mediators?local_authority={LEEDS}&specialism=autism&language=bfi&format=video")
    assert response.status_code == 200
    assert _names(response.text) == ["Ada Match"]
    text = " ".join(response.text.split())
    assert "1 mediator found" in text and "covering Leeds" in text
    assert "govuk-tag--green" in text and "Accredited until" in text
    assert "Leeds, York" in text
    assert "English, British Sign Language" in text or "British Sign Language, English" in text
    assert "Video call" in text and "In person" in text and "Yorkshire Mediation Service" in text
    by_name = client.get("/mediators?q=otherplace")
    assert _names(by_name.text) == ["Bea Otherplace"]


def test_a_local_authority_can_be_given_by_name_or_any_code(client, on_register) -> None:
    on_register("Ada Leeds", areas=(LEEDS,))
    for value in (LEEDS, "383", "leeds", "  Leeds "):
        response = client.get("/mediators", query_string={"local_authority": value})
        assert response.status_code == 200, value
        assert "Ada Leeds" in _names(response.text), value
        assert re.search(r'name="where"[^>]*value="Leeds"', response.text), value  # the box says which LA


def test_only_the_currently_accredited_by_default_with_a_clear_way_to_include_others(client, on_register) -> None:
    on_register("Zed Current")
    on_register("Zed Suspended", status="suspended")
    on_register("Zed Lapsed", status="lapsed")
    long_ago = date.today() - timedelta(days=400)
    on_register("Zed Overdue", valid_from=long_ago, valid_until=date.today() - timedelta(days=2))
    on_register("Zed Conditions", conditions="Co-mediates with a senior mediator")
    default = client.get("/mediators?q=Zed")
    assert _names(default.text) == ["Zed Conditions", "Zed Current"]
    assert "Include mediators who are not accredited now" in default.text
    assert "Accredited — conditions apply" in default.text
    everyone = client.get("/mediators?q=Zed&status=any")
    assert _names(everyone.text) == ["Zed Conditions", "Zed Current", "Zed Lapsed", "Zed Overdue", "Zed Suspended"]
    text = " ".join(everyone.text.split())
    assert "They must not take on SEND mediations while suspended" in text
    assert "Not accredited now: their accreditation ran out" in text
    assert re.search(r'value="any"\s+checked', everyone.text)


def test_results_are_paginated_with_govuk_pagination(client, on_register) -> None:
    for index in range(23):
        on_register(f"Pager {index:02d}", areas=(YORK,))
    first = client.get(f"/mediators?local_authority={YORK}&q=Pager")
    assert len(_names(first.text)) == 20 and "23 mediators found" in first.text
    assert "govuk-pagination" in first.text
    next_link = re.search(r'<a class="govuk-link govuk-pagination__link" href="([^"]+)" rel="next"', first.text)
    assert next_link, first.text
    second = client.get(next_link.group(1).replace("&amp;", "&"))
    assert _names(second.text) == ["Pager 20", "Pager 21", "Pager 22"]
    beyond = client.get(f"/mediators?local_authority={YORK}&q=Pager&page=9")
    assert _names(beyond.text) == [] and "Go to the first page of results" in beyond.text
    assert client.get("/mediators?page=abc").status_code == 200


def test_empty_results_say_what_to_try_next(client, on_register) -> None:
    on_register("Ada Elsewhere", areas=(YORK,), languages=("en",))
    response = client.get(f"/mediators?local_authority={LEEDS}&language=cy")
    assert response.status_code == 200
    assert_page_basics(response.text)
    text = " ".join(response.text.split())
    assert "0 mediators found" in text and 'id="no-results"' in text
    assert "searching without the local authority (Leeds)" in text
    assert "searching without the language (Welsh (Cymraeg))" in text
    assert "including mediators who are not accredited now" in text
    assert "decision letter" in text


def test_an_unknown_local_authority_is_a_clear_message_not_a_failure(client) -> None:
    for value, message in (
        ("E99999999", "There is no English local authority with the code E99999999"),
        ("Leedz", "We could not find a local authority called ‘Leedz’"),
    ):
        response = client.get("/mediators", query_string={"local_authority": value})
        assert response.status_code == 400
        facts = assert_page_basics(response.text)
        assert "govuk-error-summary" in facts.classes
        assert message in response.text.replace("&#39;", "'")


def test_a_page_of_results_costs_the_same_queries_however_many_mediators(client, on_register) -> None:
    def queries_for(path: str) -> int:
        statements: list[str] = []
        engine = db.session.get_bind()
        listener = lambda *args: statements.append(args[2])  # noqa: E731
        event.listen(engine, "before_cursor_execute", listener)
        try:
            assert client.get(path).status_code == 200
        finally:
            event.remove(engine, "before_cursor_execute", listener)
        return len(statements)

    on_register("Count One", areas=(YORK,))
    one = queries_for(f"/mediators?local_authority={YORK}&q=Count")
    for index in range(12):
        on_register(f"Count {index:02d}", areas=(YORK, LEEDS), languages=("en", "ar"))
    many = queries_for(f"/mediators?local_authority={YORK}&q=Count")
    assert many == one
