"""The LA workspace: the watchlist (add by number, from a profile or a check; remove), recent
changes to watched mediators, notifications, and who may see them."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from registry.domain import watchlist
from registry.domain.accreditation import suspend
from registry.domain.notifications import recent_changes
from registry.extensions import db
from registry.models import Accreditation
from tests.conftest import csrf_token_from
from tests.test_pages_basics import assert_page_basics

PAGES = ["watchlist", "changes", "checks", "notifications"]
PRIVATE_REASON = "PRIVATE: under investigation"


def _watch(officer, number: str, return_to: str = ""):
    token = csrf_token_from(officer.get("/workspace/local-authority/watchlist").text)
    return officer.post(
        "/workspace/local-authority/watchlist",
        data={"csrf_token": token, "registration_number": number, "return_to": return_to},
    )


def _suspend(mediator, factories) -> None:
    accreditation = db.session.scalars(select(Accreditation).where(Accreditation.mediator_id == mediator.id)).one()
    suspend(accreditation, factories.person_with_role("registrar"), reason=PRIVATE_REASON, public_note="Paused for now")


@pytest.mark.parametrize("page", PAGES)
def test_each_page_has_the_basics_and_the_workspace_navigation(client_as, page: str) -> None:
    response = client_as("la_officer").get(f"/workspace/local-authority/{page}")
    assert response.status_code == 200
    assert_page_basics(response.text)
    assert 'aria-label="Local authority workspace"' in response.text


@pytest.mark.parametrize("page", PAGES)
def test_only_la_officers_reach_the_pages(client, client_as, page: str) -> None:
    assert client.get(f"/workspace/local-authority/{page}").status_code == 302
    for role in ("registrar", "mediator", "provider"):
        assert client_as(role).get(f"/workspace/local-authority/{page}").status_code == 403, role


def test_add_by_number_then_remove(client_as, on_register) -> None:
    officer = client_as("la_officer")
    mediator = on_register("Ada Watched")
    added = _watch(officer, mediator.registration_number.lower())
    assert added.status_code == 302 and added.location.endswith("/workspace/local-authority/watchlist")
    page = officer.get(added.location)
    assert "Ada Watched is on your watchlist" in page.text and "govuk-tag--green" in page.text
    again = officer.get(_watch(officer, mediator.registration_number).location)
    assert "Ada Watched was already on your watchlist" in again.text
    token = csrf_token_from(page.text)
    removed = officer.post(
        "/workspace/local-authority/watchlist/remove",
        data={"csrf_token": token, "registration_number": mediator.registration_number},
    )
    after = officer.get(removed.location)
    assert "is no longer on your watchlist" in after.text and 'id="empty-watchlist"' in after.text


def test_mistyped_and_unknown_numbers_are_explained(client_as, factories) -> None:
    officer = client_as("la_officer")
    applicant = factories.mediator()
    factories.accreditation(applicant, status="applied")
    for number, message in (
        ("SM-000001-0", "it looks mistyped"),
        (applicant.registration_number, "No mediator on the register has"),
        ("", "Enter the registration number of the mediator to watch"),
    ):
        response = _watch(officer, number)
        assert response.status_code == 200, number
        facts = assert_page_basics(response.text)
        assert "govuk-error-summary" in facts.classes and message in response.text, number


def test_adding_from_a_profile_or_a_check_goes_back_there(client_as, on_register) -> None:
    officer = client_as("la_officer")
    mediator = on_register()
    assert _watch(officer, mediator.registration_number, "profile").location == (
        f"/mediators/{mediator.registration_number}"
    )
    assert _watch(officer, mediator.registration_number, "check:abc123").location.endswith(
        "/workspace/local-authority/checks/abc123"
    )
    assert _watch(officer, mediator.registration_number, "https://evil.example").location.endswith(
        "/workspace/local-authority/watchlist"
    )


def test_recent_changes_show_public_events_of_watched_mediators_only(client_as, on_register, factories) -> None:
    officer = client_as("la_officer")
    la = officer.user.roles[0].organisation
    watched, unwatched = on_register("Ada Watched"), on_register("Bea Unwatched")
    watchlist.add(la, watched.registration_number, officer.user)
    _suspend(watched, factories)
    _suspend(unwatched, factories)
    response = officer.get("/workspace/local-authority/changes")
    text = " ".join(response.text.split())
    assert "Accreditation suspended: " in text and "Ada Watched" in text and "Paused for now" in text
    assert "Bea Unwatched" not in text and PRIVATE_REASON not in text
    assert [c.kind for c in recent_changes(la)] == ["suspended", "accredited"]


def test_notifications_are_listed_for_their_officer_with_their_state(client_as, on_register, factories) -> None:
    officer = client_as("la_officer")
    colleague_elsewhere = client_as("la_officer")
    mediator = on_register("Ada Watched")
    watchlist.add(officer.user.roles[0].organisation, mediator.registration_number, officer.user)
    _suspend(mediator, factories)
    response = officer.get("/workspace/local-authority/notifications")
    text = " ".join(response.text.split())
    assert "Accreditation suspended: Ada Watched" in text and "Waiting to be emailed" in text
    assert PRIVATE_REASON not in text
    assert 'id="no-notifications"' in colleague_elsewhere.get("/workspace/local-authority/notifications").text


def test_the_workspace_landing_page_links_to_every_page(client_as) -> None:
    response = client_as("la_officer").get("/workspace/local-authority")
    for page in PAGES:
        assert f'href="/workspace/local-authority/{page}"' in response.text, page
    assert 'href="/check"' in response.text
