"""Every LA has a page, reached from the list; each says how mediation works there, which service the
LA commissions, who covers it and what the returns show; and the API answers the same by any code."""

from __future__ import annotations

import re

from registry.domain import clock
from registry.domain.local_authorities import all_local_authorities, find_local_authority
from registry.domain.oversight import returns
from tests.oversight.test_returns import GOOD

LINK = re.compile(r'href="(/local-authorities/[a-z0-9-]+)"')


def _h1(html: str) -> str:
    found = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S)
    assert found, html[:300]
    return " ".join(found.group(1).split())


def test_the_list_links_to_every_one_of_the_153_pages_and_each_renders(client) -> None:
    listing = client.get("/local-authorities")
    assert listing.status_code == 200
    links = list(dict.fromkeys(LINK.findall(listing.text)))
    assert len(links) == 153
    names = {la.slug: la.name for la in all_local_authorities()}
    for link in links:
        page = client.get(link)
        assert page.status_code == 200, link
        name = names[link.rsplit("/", 1)[1]]
        assert _h1(page.text) == f"Mediation in {name}"
        assert "How mediation works here" in page.text
        assert f'href="{link}/changes.atom"' in page.text and f'href="{link}/alerts"' in page.text


def test_the_list_is_grouped_by_region(client) -> None:
    text = client.get("/local-authorities").text
    sections = re.split(r'<h2 class="govuk-heading-l[^>]*>', text)[1:]
    assert len(sections) == 9  # England's nine regions
    yorkshire = next(section for section in sections if section.startswith("Yorkshire and The Humber</h2>"))
    assert 'href="/local-authorities/sheffield"' in yorkshire and 'href="/local-authorities/leeds"' in yorkshire
    assert 'href="/local-authorities/cornwall"' not in yorkshire


def test_an_unknown_page_is_a_404(client) -> None:
    assert client.get("/local-authorities/atlantis").status_code == 404
    assert client.get("/local-authorities/" + "x" * 300).status_code == 404


def test_the_page_shows_the_service_the_covering_mediators_and_the_outcome_figures(
    client, service, registered, factories
) -> None:
    ada = registered("Ada Lovelace")
    registered("Grace Hopper", status="suspended")  # not accredited today: not listed
    provider = factories.organisation(kind="mediation_provider")
    staff = factories.person_with_role("provider", provider)
    year = clock.today().year
    returns.submit(provider, returns.ReturnInput("E08000039", year, 1, GOOD), staff)
    page = client.get("/local-authorities/sheffield").text
    assert "Steel City Mediation" in page and "mailto:mediation@steelcity.example" in page
    assert "Phone or email us and say you want mediation advice" in page and "1 April 2022" in page
    assert 'href="https://sheffield.example/local-offer/mediation"' in page
    assert f'href="/mediators/{ada.registration_number}"' in page and "Grace Hopper" not in page
    assert "1 mediator is accredited today" in page
    assert "From 1 quarterly return for" in page
    assert f"Mediation take-up after mediation advice (Sheffield and Yorkshire and The Humber, {year})" in page
    assert "Barnsley" not in page.split('id="outcomes"')[1]  # only Sheffield's row and the region's


def test_a_page_with_nothing_yet_says_so(client) -> None:
    page = client.get("/local-authorities/tower-hamlets").text
    assert 'id="no-service"' in page and 'id="no-mediators"' in page and 'id="no-outcomes"' in page


def test_the_statistics_and_routes_pages_link_to_the_la_pages(client) -> None:
    for path in ("/statistics", "/routes-to-resolve"):
        assert 'href="/local-authorities"' in client.get(path).text, path


# The API


def test_the_api_answers_by_gss_former_gss_and_dfe_code(client, service, registered) -> None:
    registered("Ada Lovelace")
    answers = [
        client.get(f"/api/v1/local-authorities/{code}") for code in ("E08000039", "E08000019", "373", " e08000039 ")
    ]
    assert [answer.status_code for answer in answers] == [200, 200, 200, 200]
    body = answers[0].get_json()
    assert all(answer.get_json() == body for answer in answers[1:])
    assert body["gss_code"] == "E08000039" and body["dfe_code"] == "373" and body["former_gss_codes"] == ["E08000019"]
    assert body["page_url"].endswith("/local-authorities/sheffield")
    assert body["feed_url"].endswith("/local-authorities/sheffield/changes.atom")
    assert body["mediators_accredited"] == 1
    assert body["mediators_url"].endswith("/api/v1/mediators?local_authority=E08000039")
    assert body["services"] == [
        {
            "provider_name": "Steel City Mediation",
            "email": "mediation@steelcity.example",
            "phone": "0114 496 0000",
            "website": "https://steelcity.example/mediation",
            "how_to_refer": "Phone or email us and say you want mediation advice about an EHC decision.",
            "since": "2022-04-01",
            "local_offer_url": "https://sheffield.example/local-offer/mediation",
            "updated_at": body["services"][0]["updated_at"],
        }
    ]


def test_the_api_says_404_for_a_code_of_no_la_and_422_for_a_malformed_one(client) -> None:
    missing = client.get("/api/v1/local-authorities/E08999999")
    assert missing.status_code == 404 and missing.mimetype == "application/problem+json"
    assert "E08999999" in missing.get_json()["detail"]
    for bad in ("sheffield", "37", "E0800003", "1234"):
        refused = client.get(f"/api/v1/local-authorities/{bad}")
        assert refused.status_code == 422, bad
        assert refused.get_json()["errors"][0]["location"] == "path"


def test_every_la_has_a_slug_of_its_own() -> None:
    las = all_local_authorities()
    assert len({la.slug for la in las}) == 153
    assert find_local_authority("E06000010").slug == "kingston-upon-hull"
    assert find_local_authority("E06000023").slug == "bristol"
    assert find_local_authority("E06000058").slug == "bournemouth-christchurch-and-poole"
    assert find_local_authority("E08000013").slug == "st-helens"
