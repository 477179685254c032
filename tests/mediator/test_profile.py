"""The mediator edits their public entry and private details; public changes are audited."""

from __future__ import annotations

from dataclasses import replace

import pytest
from sqlalchemy import select

from registry.domain import profiles
from registry.domain.errors import DomainError
from registry.extensions import db
from registry.models import AuditEvent, LocalAuthority
from tests.mediator.conftest import MediatorWorld

PAGE = "/workspace/mediator/profile"


def _form(world: MediatorWorld, **overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "csrf_token": world.token(PAGE),
        "display_name": "Sam Example",
        "public_email": "sam@example.com",
        "public_phone": "01632 960 001",
        "website": "https://sam.example.com",
        "bio": "SEND mediator since 2019.",
        "areas": [],
        "languages": ["en", "bfi"],
        "formats": ["video", "in_person"],
        "specialisms": ["autism"],
        "home_address": "1 Private Road",
        "private_email": "sam.private@example.com",
        "private_phone": "07700 900 001",
    }
    data.update(overrides)
    return data


def _la(code: str) -> LocalAuthority:
    return db.session.scalars(select(LocalAuthority).where(LocalAuthority.gss_code == code)).one()


def test_the_form_says_which_fields_are_public(world: MediatorWorld) -> None:
    html = world.client.get(PAGE).text
    public, private = html.split("Private details")
    assert "Everything in this section is public" in public and "display_name" in public and "areas" in public
    assert "never published" in private and "home_address" in private and "private_email" in private
    assert "British Sign Language" in public
    assert html.count("<details") >= 9 and "North East" in html, "local authorities grouped by region"
    assert html.count('name="areas"') == 153


def test_the_profile_is_saved_and_public_changes_are_audited(world: MediatorWorld, factories) -> None:
    provider = factories.organisation(kind="mediation_provider", name="Family Mediation Ltd")
    sheffield, cornwall = _la("E08000039"), _la("E06000052")
    # A provider is not the mediator's alone to claim (the provider asks, the mediator confirms): the
    # profile ignores one sent with it.
    response = world.client.post(PAGE, data=_form(world, areas=[sheffield.id, cornwall.id], providers=[provider.id]))
    assert response.status_code == 302
    mediator = world.mediator
    db.session.refresh(mediator)
    assert mediator.display_name == "Sam Example" and mediator.home_address == "1 Private Road"
    assert {a.gss_code for a in mediator.areas} == {"E08000039", "E06000052"}
    assert {x.code for x in mediator.languages} == {"en", "bfi"}
    assert mediator.providers == []

    event = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "mediator.profile_changed").order_by(AuditEvent.sequence.desc())
    ).first()
    assert event.actor_id == world.user.id
    changes = event.data["public_changes"]
    assert changes["display_name"]["to"] == "Sam Example"
    assert changes["languages"]["to"] == ["bfi", "en"]
    assert set(changes["areas"]["to"]) == {"E08000039", "E06000052"}
    assert set(event.data["private_fields_changed"]) == {"home_address", "private_email", "private_phone"}
    assert "1 Private Road" not in str(event.data), "private values never go into the audit trail"

    page = world.client.get(PAGE).text
    assert f'value="{sheffield.id}" checked' in page


def test_saving_without_changes_writes_no_audit_event(world: MediatorWorld) -> None:
    world.client.post(PAGE, data=_form(world))
    count = len(db.session.scalars(select(AuditEvent).where(AuditEvent.action == "mediator.profile_changed")).all())
    world.client.post(PAGE, data=_form(world))
    after = len(db.session.scalars(select(AuditEvent).where(AuditEvent.action == "mediator.profile_changed")).all())
    assert after == count


def test_bad_details_are_refused_in_plain_english(world: MediatorWorld) -> None:
    response = world.client.post(
        PAGE, data=_form(world, display_name="", public_email="not an email", website="sam.example")
    )
    assert response.status_code == 200
    for message in (
        "Enter the name to show on the register",
        "Enter an email address like name@example.com",
        "Enter a website address starting with https://",
    ):
        assert message in response.text
    db.session.refresh(world.mediator)
    assert world.mediator.display_name != ""


def test_the_form_accepts_the_email_it_prefilled(world: MediatorWorld) -> None:
    """A new mediator's private email is their sign-in address, which may be on any domain the register lets
    people sign in with (the demo's ``mediator@demo.test``): saving the form as shown must work."""
    world.mediator.private_email = world.mediator.public_email = "mediator@demo.test"
    db.session.flush()
    page = world.client.get(PAGE).text
    assert 'value="mediator@demo.test"' in page
    response = world.client.post(
        PAGE, data=_form(world, public_email="mediator@demo.test", private_email="mediator@demo.test")
    )
    assert response.status_code == 302, response.text
    response = world.client.post(PAGE, data=_form(world, private_email="mediator@@demo"))
    assert response.status_code == 200 and "Enter an email address like name@example.com" in response.text


def test_the_domain_refuses_a_malformed_email_naming_the_field(world: MediatorWorld) -> None:
    data = profiles.current_input(world.mediator)
    with pytest.raises(DomainError) as refusal:
        profiles.update_profile(world.mediator, world.user, replace(data, private_email="no at sign"))
    assert refusal.value.field == "private_email"
