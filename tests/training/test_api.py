"""``/api/v1/training-programmes``: accredited programmes by default, filters, pagination, ETags,
the full programme, problems for bad references, and nothing private."""

from __future__ import annotations

from decimal import Decimal

import pytest

from registry.domain import training
from registry.domain.registration_numbers import format_number
from tests.fixtures.privacy import mark_unpublished, shows_the_marker
from tests.training.conftest import content


@pytest.fixture
def catalogue(world, make_programme, frozen_clock):  # type: ignore[no-untyped-def]
    return {
        "foundation": make_programme("foundation", title="Accredited foundation"),
        "cpd": make_programme(
            "cpd_course", title="Accredited CPD", delivery_mode="blended", log_hours={"mediation_skills": Decimal(2)}
        ),
        "submitted": make_programme("foundation", status="submitted", title="Waiting foundation"),
        "refused": make_programme("foundation", status="refused", title="Refused foundation"),
        "suspended": make_programme("foundation", status="suspended", title="Suspended foundation"),
    }


def titles(response) -> list[str]:  # type: ignore[no-untyped-def]
    assert response.status_code == 200, response.json
    return [item["title"] for item in response.json["items"]]


def test_lists_accredited_programmes_only_by_default(client, catalogue) -> None:
    assert titles(client.get("/api/v1/training-programmes")) == ["Accredited CPD", "Accredited foundation"]
    everyone = titles(client.get("/api/v1/training-programmes?status=any"))
    assert "Suspended foundation" in everyone
    assert "Waiting foundation" not in everyone and "Refused foundation" not in everyone


def test_filters_combine(client, catalogue) -> None:
    assert titles(client.get("/api/v1/training-programmes?level=cpd_course")) == ["Accredited CPD"]
    assert titles(client.get("/api/v1/training-programmes?delivery_mode=in_person")) == ["Accredited foundation"]
    slug = catalogue["cpd"].provider.slug
    assert titles(client.get(f"/api/v1/training-programmes?provider={slug}&level=foundation")) == [
        "Accredited foundation"
    ]
    assert titles(client.get("/api/v1/training-programmes?provider=nobody")) == []


def test_bad_filters_are_422_problems(client) -> None:
    response = client.get("/api/v1/training-programmes?level=masterclass&per_page=1000")
    assert response.status_code == 422 and response.mimetype == "application/problem+json"
    pointers = {error["pointer"] for error in response.json["errors"]}
    assert {"#/level", "#/per_page"} <= pointers


def test_list_items_and_pagination(client, catalogue, world) -> None:
    response = client.get("/api/v1/training-programmes?per_page=1")
    body = response.json
    assert (body["total"], body["has_more"], len(body["items"])) == (2, True, 1)
    assert 'rel="next"' in response.headers["Link"]
    item = body["items"][0]
    assert item["reference"] == catalogue["cpd"].reference
    assert item["status"] == "accredited" and item["valid_until"] == "2029-03-03"
    assert item["accrediting_body"] == world.body.name
    assert item["provider"]["name"] == world.provider.name
    assert item["url"].endswith(f"/api/v1/training-programmes/{item['reference']}")
    assert item["web_url"].endswith(f"/training/{item['reference']}")


def test_one_programme_in_full(client, catalogue, world, frozen_clock) -> None:
    programme = catalogue["cpd"]
    training.submit_version(programme, world.trainer, content("cpd_course", title="Accredited CPD, 2nd edition"))
    body = client.get(f"/api/v1/training-programmes/{programme.reference.lower()}").json
    assert body["current_version"] == 2 and body["title"] == "Accredited CPD, 2nd edition"
    assert [v["number"] for v in body["versions"]] == [2, 1]
    assert body["criteria_covered"] == [
        {"code": "MS-2.4", "title": "Preparing for adulthood and young people's rights"}
    ]
    assert body["cpd_hours"] == [
        {"category": "send_law_policy_practice", "title": "SEND law, policy and practice", "hours": 3}
    ]
    assert isinstance(body["total_hours"], int | float) and isinstance(body["practical_hours"], int | float)
    assert all(isinstance(version["total_hours"], int | float) for version in body["versions"])
    assert [event["kind"] for event in body["history"]] == ["accredited"]
    assert body["history"][0]["programme_version"] == 1


def test_strong_etag_and_304(client, catalogue) -> None:
    path = f"/api/v1/training-programmes/{catalogue['foundation'].reference}"
    first = client.get(path)
    etag = first.headers["ETag"]
    assert etag and not etag.startswith("W/")
    assert client.get(path, headers={"If-None-Match": etag}).status_code == 304


def test_unknown_unpublished_and_mistyped_references(client, catalogue) -> None:
    unknown = client.get(f"/api/v1/training-programmes/{format_number('TP', 999)}")
    assert unknown.status_code == 404 and unknown.mimetype == "application/problem+json"
    for which in ("submitted", "refused"):
        assert client.get(f"/api/v1/training-programmes/{catalogue[which].reference}").status_code == 404
    reference = catalogue["foundation"].reference
    wrong = reference[:-1] + ("0" if reference[-1] != "0" else "1")
    mistyped = client.get(f"/api/v1/training-programmes/{wrong}")
    assert mistyped.status_code == 422 and "looks mistyped" in mistyped.json["detail"]
    assert client.get("/api/v1/training-programmes/not-a-reference").status_code == 422


def test_nothing_private_leaves(client, world, make_programme, frozen_clock) -> None:
    """The privacy sentinel (``tests.fixtures.privacy``): every field the field registry does not call
    public holds the marker, among them the event's reason and the registrar's and trainer's names and emails."""
    programme = make_programme()
    training.suspend(programme, world.registrar, world.body, reason="Complaint", public_note="Paused.")
    assert {"ProgrammeAccreditationEvent.reason", "User.name", "User.email"} <= mark_unpublished()
    for path in (
        "/api/v1/training-programmes?status=any",
        f"/api/v1/training-programmes/{programme.reference}",
        f"/training/{programme.reference}",
    ):
        response = client.get(path)
        assert response.status_code == 200 and not shows_the_marker(response.text), path


def test_the_list_costs_the_same_number_of_queries_whatever_its_size(client, make_programme, count_queries) -> None:
    for n in range(2):
        make_programme("cpd_course", title=f"Course {n}")
    with count_queries() as few:
        client.get("/api/v1/training-programmes?per_page=100")
    for n in range(12):
        make_programme("cpd_course", title=f"More {n}")
    with count_queries() as many:
        assert len(client.get("/api/v1/training-programmes?per_page=100").json["items"]) == 14
    assert many.count == few.count


@pytest.mark.parametrize("suffix", ["", "/credential"])
def test_a_reference_that_cannot_be_a_programmes_is_a_422_and_one_not_on_the_register_a_404(client, suffix) -> None:
    mistyped = client.get(f"/api/v1/training-programmes/not-a-reference{suffix}")
    assert mistyped.status_code == 422 and mistyped.mimetype == "application/problem+json"
    assert mistyped.json["type"].endswith("invalid-programme-reference")
    assert mistyped.json["errors"][0]["pointer"] == "#/reference"
    assert client.get(f"/api/v1/training-programmes/{format_number('TP', 999999)}{suffix}").status_code == 404
