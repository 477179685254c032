"""The "where" box on the find page: a postcode, district, town or council finds the LA's mediators and
says what it understood; a place that could be several LAs offers a link searching each; an unknown
or non-English place is a specific message; no text at all makes it fail."""

from __future__ import annotations

import html
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.test_pages_basics import assert_page_basics

CAMBRIDGESHIRE = "E10000003"
SHEFFIELD = "E08000039"


def _text(response) -> str:  # type: ignore[no-untyped-def]
    return html.unescape(" ".join(response.text.split()))


def _names(page: str) -> list[str]:
    return re.findall(r'<a class="govuk-link" href="/mediators/SM-[^"]+">([^<]+)</a>', page)


def test_a_postcode_finds_the_county_mediators_and_says_what_it_understood(client, on_register) -> None:
    on_register("Ada Cambridge", areas=(CAMBRIDGESHIRE,))
    on_register("Bea Sheffield", areas=(SHEFFIELD,))
    response = client.get("/mediators", query_string={"where": "cb2 1tn"})
    assert response.status_code == 200
    assert_page_basics(response.text)
    assert _names(response.text) == ["Ada Cambridge"]
    assert "Showing mediators for Cambridgeshire (CB2 1TN)." in _text(response)
    assert 'value="cb2 1tn"' in response.text  # the box keeps what was typed
    assert "Contains GeoPlace data" in _text(response) and "GeoNames" in _text(response)
    for typed in ("S10", "sheffeild", "Sheffield City Council"):
        assert _names(client.get("/mediators", query_string={"where": typed}).text) == ["Bea Sheffield"], typed


def test_an_ambiguous_place_offers_a_search_of_each_la(client) -> None:
    response = client.get("/mediators", query_string={"where": "Newport", "language": "en"})
    assert response.status_code == 200
    assert_page_basics(response.text)
    text = _text(response)
    assert "Which local authority?" in text and "There is more than one Newport in England" in text
    links = re.findall(r'<a class="govuk-link" href="([^"]+)">Newport, Isle of Wight</a>', response.text)
    assert links == ["/mediators?language=en&amp;local_authority=E06000046"]
    chosen = client.get(html.unescape(links[0]))
    assert "covering Isle of Wight" in _text(chosen)
    assert re.search(r'name="where"[^>]*value="Isle of Wight"', chosen.text)


def test_a_welsh_postcode_or_an_unknown_place_is_a_clear_message(client) -> None:
    for typed, message in (
        ("CF10 3NQ", "CF10 3NQ is in Wales. This register lists mediators for local authorities in England only"),
        ("Leedz", "We could not find a town, city or local authority in England called ‘Leedz’"),
        ("S10 9ZZ", "We could not find the postcode S10 9ZZ. Check it, or choose the area of S10"),
    ):
        response = client.get("/mediators", query_string={"where": typed})
        assert response.status_code == 400, typed
        facts = assert_page_basics(response.text)
        assert "govuk-error-summary" in facts.classes and message in _text(response), typed
    suggested = client.get("/mediators", query_string={"where": "Leedz"})
    assert re.search(r'href="/mediators\?local_authority=E08000035">Leeds</a>', suggested.text)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=120))
def test_no_where_makes_the_page_fail(client, text: str) -> None:
    response = client.get("/mediators", query_string={"where": text})
    assert response.status_code in (200, 400), (text, response.status_code)
