"""The routes-to-resolve guidance: every route a family has, and the time limits that matter."""

from __future__ import annotations

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
