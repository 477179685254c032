"""A provider's panel: the provider asks, the mediator confirms in their own workspace, either ends it;
only a confirmed link is public (the mediator's entry, the provider's page, the export's providers)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from registry.domain.errors import Refused
from registry.domain.providers import panel
from registry.extensions import db
from registry.models import AuditEvent, PanelMembership
from tests.providers.conftest import send
from tests.test_pages_basics import assert_page_basics

PANEL = "/workspace/provider/mediators"
MINE = "/workspace/mediator/providers"


def _membership() -> PanelMembership:
    return db.session.scalars(select(PanelMembership)).one()


def test_the_provider_asks_the_mediator_confirms_and_either_ends_it(staff, provider, accredited, client) -> None:
    mediator, own = accredited()
    number = mediator.registration_number
    asked = send(staff, PANEL, registration_number=number.lower().replace("-", " "))
    assert asked.status_code == 302, asked.text
    membership = _membership()
    assert membership.status == "asked" and membership.asked_by_id == staff.user.id
    # Not public while it waits for the mediator.
    assert provider.name not in client.get(f"/mediators/{number}").text
    assert mediator.display_name not in client.get("/providers/pennine-mediation").text
    assert "Waiting for the mediator" in staff.get(PANEL).text

    workspace = own.get("/workspace/mediator")
    assert "1 waiting for your answer" in workspace.text
    page = own.get(MINE)
    assert_page_basics(page.text)
    assert "Asks you to confirm" in page.text and provider.name in page.text
    confirmed = send(own, MINE, f"{MINE}/{membership.id}/confirm")
    assert confirmed.status_code == 302
    db.session.expire_all()
    assert membership.status == "confirmed" and [p.name for p in mediator.providers] == [provider.name]
    assert provider.name in client.get(f"/mediators/{number}").text
    public_page = client.get("/providers/pennine-mediation")
    assert_page_basics(public_page.text)
    assert mediator.display_name in public_page.text and number in public_page.text

    ended = send(own, MINE, f"{MINE}/{membership.id}/end")
    assert ended.status_code == 302
    db.session.expire_all()
    assert membership.status == "ended" and membership.ended_by_id == own.user.id and mediator.providers == []
    assert provider.name not in client.get(f"/mediators/{number}").text

    # Asked again, confirmed, and this time the provider ends it.
    assert send(staff, PANEL, registration_number=number).status_code == 302
    db.session.expire_all()
    panel.confirm(_membership(), None)
    assert send(staff, PANEL, f"{PANEL}/{membership.id}/end").status_code == 302
    db.session.expire_all()
    assert membership.status == "ended" and membership.ended_by_id == staff.user.id and mediator.providers == []
    actions = db.session.scalars(
        select(AuditEvent.action).where(AuditEvent.subject_type == "panel_membership").order_by(AuditEvent.sequence)
    ).all()
    assert actions == ["panel.asked", "panel.confirmed", "panel.ended", "panel.asked", "panel.confirmed", "panel.ended"]


def test_a_declined_request_publishes_nothing(staff, provider, accredited, client) -> None:
    mediator, own = accredited()
    send(staff, PANEL, registration_number=mediator.registration_number)
    membership = _membership()
    assert send(own, MINE, f"{MINE}/{membership.id}/decline").status_code == 302
    db.session.expire_all()
    assert membership.status == "declined" and mediator.providers == []
    assert "Declined" in staff.get(PANEL).text
    with pytest.raises(Refused, match="already been answered"):
        panel.confirm(membership, None)


@pytest.mark.parametrize(
    ("number", "message"),
    [
        ("SM-000001-2", "Check the number"),  # a wrong check character: the number's own message
        ("SM-999999-0", "There is no mediator accredited today with the number SM-999999-0"),
    ],
)
def test_a_number_that_is_not_an_accredited_mediator_is_refused(staff, number, message) -> None:
    response = send(staff, PANEL, registration_number=number)
    assert response.status_code == 200 and message in response.text
    assert_page_basics(response.text)
    assert db.session.scalars(select(PanelMembership)).first() is None


def test_only_a_mediator_accredited_today_with_an_account_can_be_asked(staff, accredited, factories) -> None:
    suspended, _ = accredited("Sam Suspended", status="suspended")
    response = send(staff, PANEL, registration_number=suspended.registration_number)
    assert "A provider can add only accredited mediators to its panel" in response.text
    no_account = factories.mediator(display_name="Nia Noaccount")
    factories.accreditation(no_account)
    response = send(staff, PANEL, registration_number=no_account.registration_number)
    assert "has no account on the register, so they cannot confirm" in response.text
    mediator, _ = accredited()
    assert send(staff, PANEL, registration_number=mediator.registration_number).status_code == 302
    again = send(staff, PANEL, registration_number=mediator.registration_number)
    assert "has already been asked" in again.text
    assert db.session.scalars(select(PanelMembership)).one().mediator_id == mediator.id


def test_nobody_else_answers_a_mediators_request(staff, accredited, client_as) -> None:
    mediator, _ = accredited()
    send(staff, PANEL, registration_number=mediator.registration_number)
    membership = _membership()
    _, someone_else = accredited("Bea Other")
    assert send(someone_else, "/check", f"{MINE}/{membership.id}/confirm").status_code == 404
    other_provider = client_as("provider")
    assert send(other_provider, PANEL, f"{PANEL}/{membership.id}/end").status_code == 404
    db.session.refresh(membership)
    assert membership.status == "asked"


def test_the_profile_form_no_longer_claims_a_provider(accredited) -> None:
    mediator, own = accredited()
    page = own.get("/workspace/mediator/profile").text
    assert 'name="providers"' not in page and 'href="/workspace/mediator/providers"' in page
