"""The public profile at /mediators/<registration number>: status in plain words, public events only."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from registry.domain import accreditation as lifecycle
from registry.extensions import db
from registry.models import LocalAuthority, MediatorFormat, MediatorLanguage
from tests.accreditation.conftest import DECLARATIONS, assess_all
from tests.fixtures.privacy import mark_unpublished, shows_the_marker
from tests.test_pages_basics import assert_page_basics


def path(accreditation_or_mediator) -> str:
    mediator = getattr(accreditation_or_mediator, "mediator", accreditation_or_mediator)
    return f"/mediators/{mediator.registration_number}"


def test_an_accredited_mediator_in_plain_words(client, world, make_accreditation):
    accreditation = make_accreditation(world, "accredited")
    response = client.get(path(accreditation))
    assert response.status_code == 200
    assert_page_basics(response.text)
    assert f"Accredited until {accreditation.valid_until.day} {accreditation.valid_until:%B %Y}" in response.text
    assert "Test Mediation Body" in response.text


def test_accredited_on_the_fourth_of_march_is_accredited_until_the_third_of_march(client, world, frozen_clock):
    accreditation = lifecycle.apply(world.mediator, world.body, world.mediator_user, DECLARATIONS)
    assess_all(accreditation, world.registrar)
    lifecycle.accredit(accreditation, world.registrar)
    assert "Accredited until 3 March 2027" in client.get(path(accreditation)).text


@pytest.mark.parametrize(
    ("status", "words"),
    [
        ("suspended", "Suspended since"),
        ("withdrawn", "Accreditation withdrawn"),
        ("resigned", "No longer accredited"),
    ],
)
def test_other_statuses_in_plain_words(client, world, make_accreditation, status, words):
    accreditation = make_accreditation(world, status)
    response = client.get(path(accreditation))
    assert response.status_code == 200 and words in response.text


def test_suspended_explains_what_it_means_for_families(client, world, make_accreditation):
    response = client.get(path(make_accreditation(world, "suspended")))
    assert "must not take on SEND mediations" in response.text


def test_conditions_apply(client, world, make_accreditation):
    accreditation = make_accreditation(world, "accredited")
    lifecycle.change_conditions(accreditation, world.registrar, conditions="Works only with a co-mediator until June")
    response = client.get(path(accreditation))
    assert "Accredited — conditions apply" in response.text
    assert "Works only with a co-mediator until June" in response.text


def test_lapsed(client, world, make_accreditation, frozen_clock):
    accreditation = make_accreditation(world, "lapsed", moving=frozen_clock)
    response = client.get(path(accreditation))
    assert "Lapsed" in response.text and "ran out on 4 March 2027" in response.text


def test_loose_numbers_redirect_and_mistyped_or_unknown_numbers_are_not_found(client, world, make_accreditation):
    accreditation = make_accreditation(world, "accredited")
    number = accreditation.mediator.registration_number
    loose = number.replace("-", " ").lower()
    response = client.get(f"/mediators/{loose}")
    assert response.status_code == 301 and response.headers["Location"].endswith(f"/mediators/{number}")
    wrong_check = number[:-1] + ("0" if number[-1] != "0" else "1")
    mistyped = client.get(f"/mediators/{wrong_check}")
    assert mistyped.status_code == 404 and "looks mistyped" in mistyped.text
    assert_page_basics(mistyped.text)
    assert client.get("/mediators/not-a-number").status_code == 404
    unknown = client.get("/mediators/SM-000001-X")
    assert unknown.status_code == 404 and "No mediator has the registration number SM-000001-X" in unknown.text
    assert "SM-000001-X.</p>" in unknown.text and "SM-000001-X..</p>" not in unknown.text  # one full stop
    assert "the last character may be X).</p>" in client.get("/mediators/not-a-number").text


def test_someone_who_only_applied_is_not_on_the_public_register(client, world, make_accreditation):
    accreditation = make_accreditation(world, "applied")
    assert client.get(path(accreditation)).status_code == 404


def test_public_fields_show_and_private_fields_never_do(client, world, factories, make_accreditation):
    """Every field the field registry does not call public holds the privacy sentinel's marker
    (``tests.fixtures.privacy``): the mediator's private details, what they declared when applying,
    the registrar's reasons and name."""
    mediator = world.mediator
    mediator.public_email = "public@example.test"
    mediator.languages.append(MediatorLanguage(code="bfi"))
    mediator.formats.append(MediatorFormat(code="video"))
    mediator.areas.append(db.session.scalars(db.select(LocalAuthority).where(LocalAuthority.name == "Sheffield")).one())
    provider = factories.organisation(kind="mediation_provider", name="Northern Mediation Services")
    mediator.providers.append(provider)
    declarations = replace(DECLARATIONS, independence_details="Details")
    accreditation = lifecycle.apply(mediator, world.body, world.mediator_user, declarations)
    assess_all(accreditation, world.registrar)
    lifecycle.accredit(accreditation, world.registrar, reason="Accredit", public_note="Welcome")
    lifecycle.suspend(accreditation, world.registrar, reason="Suspend", public_note="Paused for review")
    lifecycle.reinstate(accreditation, world.registrar, reason="Reinstate")
    written = mark_unpublished()
    assert {
        "Mediator.home_address",
        "AccreditationApplication.independence_details",
        "AccreditationEvent.reason",
    } <= written
    response = client.get(path(accreditation))
    assert response.status_code == 200
    text = response.text
    for shown in ("public@example.test", "British Sign Language", "Video", "Sheffield", "Northern Mediation Services"):
        assert shown in text, shown
    for kind in ("Accredited", "Accreditation suspended", "Accreditation reinstated"):
        assert kind in text
    assert "Paused for review" in text and "Welcome" in text
    assert "Applied" not in text  # applications are not public
    assert not shows_the_marker(text)


def test_profile_status_uses_the_decisive_accreditation(client, world, factories, make_accreditation):
    make_accreditation(world, "withdrawn")
    other_body = factories.organisation(kind="accrediting_body", name="Second Body")
    second = lifecycle.apply(world.mediator, other_body, world.mediator_user, DECLARATIONS)
    assess_all(second, world.registrar)
    lifecycle.accredit(second, world.registrar)
    text = client.get(path(second)).text
    assert "Accredited until" in text and "Second Body" in text
    assert date.today()  # the page is as of today
