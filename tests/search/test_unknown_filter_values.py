"""An unknown value of an enumerated filter is refused, naming the filter and what it may be, on the
API (a 422 problem) and on the page (a 400 with the message beside the filter); never an empty answer."""

from __future__ import annotations

import pytest

from registry.domain.search import MediatorSearch, UnknownFilterValue, search_mediators
from registry.domain.standards import vocabularies


@pytest.mark.parametrize(("name", "vocabulary"), [("specialism", "specialisms"), ("language", "languages")])
def test_the_api_refuses_an_unknown_code_naming_the_parameter_and_the_codes(client, name, vocabulary) -> None:
    response = client.get(f"/api/v1/mediators?{name}=zz")
    assert response.status_code == 422 and response.mimetype == "application/problem+json"
    [error] = response.json["errors"]
    assert error["pointer"] == f"#/{name}" and "‘zz’" in error["detail"]
    assert all(term.code in error["detail"] for term in getattr(vocabularies(), vocabulary))


@pytest.mark.parametrize(("name", "value"), [("format", "carrier_pigeon"), ("status", "sleeping")])
def test_the_api_refuses_an_unknown_format_or_status_the_same_way(client, name, value) -> None:
    response = client.get(f"/api/v1/mediators?{name}={value}")
    assert response.status_code == 422
    [error] = response.json["errors"]
    assert error["pointer"] == f"#/{name}" and "one of" in error["detail"].lower()


def test_a_known_code_still_searches(client) -> None:
    code = vocabularies().languages[0].code
    assert client.get(f"/api/v1/mediators?language={code}").status_code == 200


def test_the_domain_refuses_before_it_searches() -> None:
    with pytest.raises(UnknownFilterValue) as refused:
        search_mediators(MediatorSearch(language="zz"))
    assert refused.value.field == "language" and "zz" not in refused.value.allowed


@pytest.mark.parametrize(
    ("query", "field", "words"),
    [
        ("language=zz", "language", "‘zz’ is not a language the register knows"),
        ("specialism=zz", "specialism", "‘zz’ is not a specialism the register knows"),
        ("format=zz", "format", "‘zz’ is not a format the register knows"),
        ("status=suspended", "status", "Use one of: current, any"),
    ],
)
def test_the_page_says_which_filter_it_does_not_know(client, query, field, words) -> None:
    response = client.get(f"/mediators?{query}")
    assert response.status_code == 400
    text = response.text.replace("&#39;", "'").replace("&#8216;", "‘").replace("&#8217;", "’")
    assert words in text
    assert 'class="govuk-error-summary"' in text and f'href="#{field}"' in text
