"""The providers' links tell the other side (issue 19, item 1): a panel request reaches the mediator's
inbox and their answer the provider's staff; a commissioning proposal reaches the LA's officers and
their confirmation the provider's staff; an ending tells whoever did not end it. Each opens the page
where it is answered, and its email carries the subject and the link only."""

from __future__ import annotations

from sqlalchemy import select

from registry.extensions import db
from registry.models import CommissionedService, Notification, PanelMembership, User
from tests.providers.conftest import send
from tests.providers.test_services import ANSWERS, NEW

PANEL = "/workspace/provider/mediators"
MINE = "/workspace/mediator/providers"


def _told(kind: str = "provider_link") -> list[tuple[int | None, str, str | None]]:
    rows = db.session.execute(
        select(Notification.recipient_id, Notification.subject, Notification.link)
        .where(Notification.kind == kind)
        .order_by(Notification.id)
    )
    return [tuple(row) for row in rows]  # type: ignore[misc]


def test_a_panel_request_tells_the_mediator_and_their_answer_tells_the_provider(staff, provider, accredited) -> None:
    mediator, own = accredited()
    number = mediator.registration_number
    assert send(staff, PANEL, registration_number=number).status_code == 302
    assert _told() == [(own.user.id, "Pennine Mediation asks you to join its panel of mediators", MINE)]
    inbox = own.get("/workspace/notifications").text
    assert "Pennine Mediation asks you to join its panel of mediators" in inbox and f'href="{MINE}"' in inbox
    assert own.get(MINE).status_code == 200  # the link leads where the mediator answers

    membership = db.session.scalars(select(PanelMembership)).one()
    assert send(own, MINE, f"{MINE}/{membership.id}/confirm").status_code == 302
    assert _told()[1:] == [(staff.user.id, f"{number} has confirmed your request to join your panel", PANEL)]
    assert send(own, MINE, f"{MINE}/{membership.id}/end").status_code == 302
    assert _told()[2:] == [(staff.user.id, f"The panel link between Pennine Mediation and {number} has ended", PANEL)]
    email = db.session.scalars(select(Notification).where(Notification.recipient_id == staff.user.id)).first()
    assert email is not None and email.email_wanted and mediator.display_name not in email.body


def test_a_commissioning_proposal_tells_the_las_officers_and_their_confirmation_tells_the_provider(
    staff, provider, la_organisation, client_as
) -> None:
    sheffield = la_organisation("E08000039")
    officer = client_as("la_officer", organisation=sheffield)
    assert send(staff, NEW, local_authority=str(sheffield.id), **ANSWERS).status_code == 302
    service = db.session.scalars(select(CommissionedService)).one()
    page = f"/workspace/local-authority/services/{service.id}"
    asked = f"Pennine Mediation asks {sheffield.name} to confirm it commissions them"
    assert _told() == [(officer.user.id, asked, page)]
    assert officer.get(page).status_code == 200
    services = "/workspace/local-authority/services"
    assert send(officer, services, f"{services}/{service.id}/confirm").status_code == 302
    confirmed = f"{sheffield.name} has confirmed that it commissions your service"
    assert _told()[1:] == [(staff.user.id, confirmed, "/workspace/provider")]
    recipients = {recipient for recipient, _, _ in _told()}
    assert db.session.get(User, officer.user.id) and recipients == {officer.user.id, staff.user.id}
