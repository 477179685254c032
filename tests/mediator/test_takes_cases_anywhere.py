"""The mediator says on their profile whether they take cases from anywhere in England (issue 17,
item 3): public, audited, and refused unless they meet by video or phone."""

from __future__ import annotations

from sqlalchemy import select

from registry.extensions import db
from registry.models import AuditEvent
from tests.mediator.conftest import MediatorWorld
from tests.mediator.test_profile import PAGE, _form
from tests.test_pages_basics import assert_page_basics


def test_saying_yes_is_saved_shown_publicly_and_audited(world: MediatorWorld) -> None:
    page = world.client.get(PAGE).text
    public, _private = page.split("Private details")
    assert "Do you take cases from anywhere in England?" in public
    response = world.client.post(PAGE, data=_form(world, takes_cases_anywhere="yes"))
    assert response.status_code == 302
    db.session.refresh(world.mediator)
    assert world.mediator.takes_cases_anywhere is True
    event = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "mediator.profile_changed").order_by(AuditEvent.id.desc())
    ).first()
    assert event is not None
    assert event.data["public_changes"]["takes_cases_anywhere"] == {"from": False, "to": True}
    assert 'value="yes" checked' in world.client.get(PAGE).text

    world.client.post(PAGE, data=_form(world, takes_cases_anywhere="no"))
    db.session.refresh(world.mediator)
    assert world.mediator.takes_cases_anywhere is False


def test_yes_without_video_or_phone_is_refused_and_changes_nothing(world: MediatorWorld) -> None:
    response = world.client.post(PAGE, data=_form(world, takes_cases_anywhere="yes", formats=["in_person"]))
    assert response.status_code == 200
    assert_page_basics(response.text)
    assert "also say you can meet by video or by phone" in response.text
    assert 'href="#takes_cases_anywhere' in response.text  # the refusal points at the question
    db.session.refresh(world.mediator)
    assert world.mediator.takes_cases_anywhere is False


def test_a_form_sent_without_the_question_keeps_no(world: MediatorWorld) -> None:
    form = _form(world)
    form.pop("takes_cases_anywhere", None)
    assert world.client.post(PAGE, data=form).status_code == 302
    db.session.refresh(world.mediator)
    assert world.mediator.takes_cases_anywhere is False
