"""The routes-to-resolve guidance: every route a family has, and the time limits that matter."""

from __future__ import annotations

from registry.domain import statuses
from tests.test_pages_basics import assert_page_basics


def test_the_guidance_covers_every_route_and_its_time_limits(client) -> None:
    response = client.get("/routes-to-resolve")
    assert response.status_code == 200
    assert_page_basics(response.text)
    text = " ".join(response.text.split())
    for heading in (
        "Mediation advice and the certificate",
        "Mediation",
        "Disagreement resolution services",
        "Appealing to the First-tier Tribunal (SEND)",
        "Complaints to the local authority, school or health body",
        "Local Government and Social Care Ombudsman",
        "Parliamentary and Health Service Ombudsman",
    ):
        assert heading in text, heading
    for fact in (
        "Mediation is voluntary for you",
        "Who attends",
        "What happens after you reach an agreement",
        "within 3 working days",
        "within 30 days",
        "Within 2 months of the date on the decision letter, or within 1 month of the date on your mediation "
        "certificate if that ends later",
    ):
        assert fact in text, fact
    assert 'href="/concerns/new"' in text and 'href="/mediators"' in text


def test_what_is_send_mediation_explains_it_to_someone_new_to_the_word(client) -> None:
    """For a parent who has never heard the word: the letters spelled out, the legal facts right (free,
    voluntary, within 30 days, a mediation adviser before most appeals but not for placement-only ones),
    and every status a mediator's page can show, in the register's one vocabulary."""
    response = client.get("/what-is-send-mediation")
    assert response.status_code == 200
    assert_page_basics(response.text)
    text = " ".join(response.text.split())
    for fact in (
        "SEND stands for special educational needs and disability",
        "education, health and care plan",
        "Mediation is free for you",
        "You do not have to mediate",
        "within 30 days",
        "you must usually talk to a mediation adviser",
        "only about the school or college named in the plan",
        "They do not work for your local authority",
    ):
        assert fact in text, fact
    for words in statuses.MEDIATOR.values():
        assert f"{words.label}</strong> {words.meaning}" in text, words.label
    assert 'href="/routes-to-resolve"' in text and 'href="/mediators"' in text
    for linked_from in ("/", "/mediators"):
        assert 'href="/what-is-send-mediation"' in client.get(linked_from).text, linked_from
