"""``/api/v1/mediators``: search, profile, status on a date (valid and record time), history."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from registry.domain import clock
from registry.domain.accreditation import operations
from registry.domain.local_authorities import find_local_authority
from registry.extensions import db
from registry.models import Accreditation, AccreditationEvent, IndependenceDeclaration
from tests.api.conftest import count_queries


def test_search_defaults_to_currently_accredited_and_filters(client, registered) -> None:
    registered("Searchable Ada")
    registered("Searchable Bea", status="suspended")
    body = client.get("/api/v1/mediators?q=Searchable").json
    assert [m["name"] for m in body["items"]] == ["Searchable Ada"]
    assert body["items"][0]["status"]["status"] == "accredited"
    assert body["items"][0]["local_authorities"] == [{"gss_code": "E08000039", "name": "Sheffield"}]
    every = client.get("/api/v1/mediators?q=Searchable&status=any&local_authority=373&language=en").json
    assert [m["name"] for m in every["items"]] == ["Searchable Ada", "Searchable Bea"]
    assert client.get("/api/v1/mediators?q=Searchable&format=phone").json["items"] == []


def test_pagination_is_bounded_with_link_headers_and_has_more(client, registered) -> None:
    for i in range(5):
        registered(f"Paged {i}")
    first = client.get("/api/v1/mediators?q=Paged&per_page=2")
    assert first.json["total"] == 5 and first.json["has_more"] is True and len(first.json["items"]) == 2
    links = first.headers["Link"]
    assert 'page=2&per_page=2>; rel="next"' in links and 'page=3&per_page=2>; rel="last"' in links
    assert 'rel="prev"' not in links
    last = client.get("/api/v1/mediators?q=Paged&per_page=2&page=3")
    assert last.json["has_more"] is False and len(last.json["items"]) == 1
    assert 'rel="next"' not in last.headers["Link"] and 'page=2&per_page=2>; rel="prev"' in last.headers["Link"]
    too_many = client.get("/api/v1/mediators?per_page=101")
    assert too_many.status_code == 422
    assert too_many.json["errors"] == [
        {
            "location": "query",
            "pointer": "#/per_page",
            "detail": "Must be greater than or equal to 1 and less than or equal to 100.",
        }
    ]


def test_unknown_local_authority_is_a_422_naming_the_parameter(client) -> None:
    response = client.get("/api/v1/mediators?local_authority=E99999999")
    assert response.status_code == 422 and response.mimetype == "application/problem+json"
    assert response.json["errors"][0]["pointer"] == "#/local_authority"


def test_search_costs_the_same_number_of_queries_whatever_the_page_size(client, registered) -> None:
    for i in range(30):
        registered(f"Counted {i:02d}")

    def queries(per_page: int) -> int:
        db.session.expire_all()
        with count_queries() as statements:
            response = client.get(f"/api/v1/mediators?q=Counted&per_page={per_page}")
        assert len(response.json["items"]) == per_page
        return len(statements)

    assert queries(30) == queries(3)


def test_profile_has_everything_public(client, registered, factories) -> None:
    provider = factories.organisation(kind="mediation_provider", name="Northern Mediation")
    mediator = registered("Ada Lovelace", public_email="ada@example.test", website="https://ada.example.test")
    mediator.providers.append(provider)
    db.session.flush()
    body = client.get(f"/api/v1/mediators/{mediator.registration_number.lower()}").json
    assert body["registration_number"] == mediator.registration_number
    assert body["public_email"] == "ada@example.test" and body["providers"][0]["name"] == "Northern Mediation"
    assert body["status"]["status"] == "accredited" and len(body["accrediting_bodies"]) == 1
    assert body["history_url"].endswith(f"/api/v1/mediators/{mediator.registration_number}/history")


@pytest.mark.parametrize("suffix", ["", "/status", "/history"])
def test_a_mistyped_number_is_a_422_that_says_so(client, registered, suffix: str) -> None:
    number = registered().registration_number
    mistyped = number[:-1] + ("1" if number[-1] != "1" else "2")
    for text in (mistyped, "SM-12345", "not-a-number"):
        response = client.get(f"/api/v1/mediators/{text}{suffix}")
        assert response.status_code == 422, text
        assert response.mimetype == "application/problem+json"
        assert response.json["type"].endswith("/invalid-registration-number")
        assert "not accredited" not in response.text.lower()
    assert "looks mistyped" in client.get(f"/api/v1/mediators/{mistyped}{suffix}").json["detail"]


def test_unknown_numbers_and_applicants_are_not_found(client, factories) -> None:
    applicant = factories.mediator()
    factories.accreditation(applicant, status="applied")
    for number in ("SM-000001-X", applicant.registration_number):
        for suffix in ("", "/status", "/history"):
            response = client.get(f"/api/v1/mediators/{number}{suffix}")
            assert response.status_code == 404 and response.mimetype == "application/problem+json"


def _back_dated_suspension(registered, factories):  # type: ignore[no-untyped-def]
    """Accredited 100 days ago (and recorded then); suspended today with effect from 10 days ago."""
    today = clock.today()
    registrar = factories.person_with_role("registrar")
    mediator = registered("Ada", body=registrar.roles[0].organisation, valid_from=today - timedelta(days=100))
    accreditation = db.session.scalars(select(Accreditation).where(Accreditation.mediator_id == mediator.id)).one()
    first = db.session.scalars(
        select(AccreditationEvent).where(AccreditationEvent.accreditation_id == accreditation.id)
    ).one()
    first.recorded_at = datetime.now(UTC) - timedelta(days=100)
    db.session.flush()
    operations.suspend(
        accreditation,
        registrar,
        reason="Complaint under investigation",
        public_note="Suspended while a complaint is looked into.",
        effective_on=today - timedelta(days=10),
    )
    return mediator


def test_status_on_a_date_before_and_after_a_back_dated_suspension(client, registered, factories) -> None:
    today = clock.today()
    number = _back_dated_suspension(registered, factories).registration_number

    def status(query: str) -> dict:
        response = client.get(f"/api/v1/mediators/{number}/status?{query}")
        assert response.status_code == 200, response.text
        return response.json

    before = status(f"as_at={today - timedelta(days=20)}")
    assert before["status"]["status"] == "accredited" and before["as_at"] == str(today - timedelta(days=20))
    after = status(f"as_at={today - timedelta(days=5)}")
    assert after["status"]["status"] == "suspended" and after["status"]["since"] == str(today - timedelta(days=10))
    # As the register knew it yesterday, nobody had recorded the suspension yet.
    known_yesterday = status(f"as_at={today - timedelta(days=5)}&recorded_as_at={today - timedelta(days=1)}")
    assert known_yesterday["status"]["status"] == "accredited"
    assert known_yesterday["recorded_as_at"] == str(today - timedelta(days=1))
    known_today = status(f"as_at={today - timedelta(days=5)}&recorded_as_at={today}")
    assert known_today["status"]["status"] == "suspended"
    assert status("")["status"]["status"] == "suspended" and status("")["as_at"] == str(today)
    assert status(f"as_at={today - timedelta(days=200)}")["status"]["status"] == "not_accredited"


def test_status_refuses_a_date_in_the_future(client, registered) -> None:
    today = clock.today()
    number = registered().registration_number
    for name in ("as_at", "recorded_as_at"):
        response = client.get(f"/api/v1/mediators/{number}/status?{name}={today + timedelta(days=1)}")
        assert response.status_code == 422 and response.json["errors"][0]["pointer"] == f"#/{name}"
    assert client.get(f"/api/v1/mediators/{number}/status?as_at=2026-02-30").status_code == 422


def test_status_for_an_la_says_whether_a_conflict_or_employment_was_declared(client, registered) -> None:
    today = clock.today()
    mediator = registered()
    sheffield = find_local_authority("E08000039")
    db.session.add(
        IndependenceDeclaration(
            mediator=mediator,
            kind="conflict",
            local_authority=sheffield,
            started_on=today - timedelta(days=30),
            description="Sits on a parent forum the LA funds",
        )
    )
    db.session.flush()
    number = mediator.registration_number

    def flags(query: str) -> dict:
        return client.get(f"/api/v1/mediators/{number}/status?{query}").json["local_authority"]

    for code in ("E08000039", "E08000019", "373"):  # current, former GSS and DfE codes
        assert flags(f"local_authority={code}") == {
            "gss_code": "E08000039",
            "name": "Sheffield",
            "employed_by": False,
            "employed_since": None,
            "conflict_declared": True,
            "conflict_declared_since": (today - timedelta(days=30)).isoformat(),
        }
    assert flags(f"local_authority=373&as_at={today - timedelta(days=60)}")["conflict_declared"] is False
    assert flags("local_authority=E09000001")["conflict_declared"] is False
    assert client.get(f"/api/v1/mediators/{number}/status").json["local_authority"] is None
    assert "parent forum" not in client.get(f"/api/v1/mediators/{number}/status?local_authority=373").text


def test_history_lists_public_events_newest_first(client, registered, factories) -> None:
    mediator = _back_dated_suspension(registered, factories)
    body = client.get(f"/api/v1/mediators/{mediator.registration_number}/history").json
    assert [e["kind"] for e in body["items"]] == ["suspended", "accredited"]
    assert body["items"][0]["public_note"] == "Suspended while a complaint is looked into."
    assert (
        "Complaint under investigation"
        not in client.get(f"/api/v1/mediators/{mediator.registration_number}/history").text
    )
