"""Nothing private about a mediator ever leaves through a public page, export or API response.

The world below holds a row of every record the field registry lists (``registry.domain.visibility``):
the mediator, their log, evidence, declarations, application and its assessment, renewal request,
accreditation events recorded by a registrar, a concern about them, a training programme they
completed, a local authority's check of them and watchlist, and a response to a consultation. The sentinel
(``tests.fixtures.privacy``) writes a marker into every field the registry does not call public;
then every public page and public API response that concerns them is fetched, and the marker must
appear nowhere. Routes are found by walking the app's url_map, so pages and endpoints added later
are covered as soon as they exist; the named addresses of DESIGN §6 and §11 are requested with
query strings.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select
from werkzeug.exceptions import MethodNotAllowed, NotFound
from werkzeug.routing import Rule

from registry.auth.access import PUBLIC, access_level_of
from registry.demo.consultation import ensure_consultation
from registry.domain import area_alerts, checks, concerns, training, visibility, watchlist
from registry.extensions import db
from registry.models import (
    AccreditationApplication,
    AccreditationEvent,
    AreaAlertSubscription,
    AssessmentOutcome,
    Consultation,
    ConsultationAnswer,
    ConsultationResponse,
    ConsultationTheme,
    EvidenceFile,
    IndependenceDeclaration,
    LocalAuthority,
    Mediator,
    RenewalRequest,
)
from tests.fixtures.privacy import mark_unpublished, markable, readable_text, shows_the_marker
from tests.mediator.conftest import MediatorWorld

CONFLICT_LA = "E08000025"
SKIPPED_ENDPOINTS = {"static", "assets"}


@dataclass
class References:
    """What the public addresses of this world need besides the registration number."""

    programme: str
    concern: str


def _a_row_of_every_record(world: MediatorWorld, seed, factories) -> References:
    """Rows for the sentinel to mark: one of every record the registry lists, about this mediator."""
    mediator = world.mediator
    registrar = factories.person_with_role("registrar", world.body)
    reviewed = seed(mediator, "cpd", "send_law_policy_practice", "3", status="verified", reflection="x")
    seed(mediator, "cpd", "mediation_skills", "1", status="rejected", review_note="x")
    db.session.add(
        EvidenceFile(
            log_entry_id=reviewed.id,
            stored_name="a" * 32,
            original_name="evidence.pdf",
            content_type="application/pdf",
            size_bytes=1,
            sha256="0" * 64,
        )
    )
    la_id = db.session.scalars(select(LocalAuthority.id).where(LocalAuthority.gss_code == CONFLICT_LA)).one()
    started_on = date.today() - timedelta(days=400)
    db.session.add(
        IndependenceDeclaration(
            mediator_id=mediator.id, kind="conflict", local_authority_id=la_id, description="x", started_on=started_on
        )
    )
    db.session.add(
        IndependenceDeclaration(mediator_id=mediator.id, kind="employment", other_body="x", started_on=started_on)
    )
    application = AccreditationApplication(
        accreditation_id=world.accreditation.id,
        kind="initial",
        standards_version="1.0",
        not_employed_by_local_authority=True,
        independent_of_health_bodies=False,
        independence_details="x",
        has_indemnity_insurance=True,
        training_completed="x",
        practice_experience="x",
        consents_to_publication=True,
    )
    db.session.add(application)
    db.session.flush()
    db.session.add(
        AssessmentOutcome(
            application_id=application.id, criterion_code="MS-1.1", outcome="met", notes="x", assessor_id=registrar.id
        )
    )
    db.session.add(
        RenewalRequest(
            accreditation_id=world.accreditation.id,
            period_start=world.accreditation.valid_from,
            period_end=world.accreditation.valid_until,
            scheme_version="1.0",
            compliant=False,
            explanation="x",
            status="declined",
            decision_note="x",
        )
    )
    for event in db.session.scalars(
        select(AccreditationEvent).where(AccreditationEvent.accreditation_id == world.accreditation.id)
    ):
        event.actor_id, event.reason = registrar.id, "x"
    concern = concerns.raise_concern(
        concerns.ConcernInput(
            subject="mediator",
            description="x",
            registration_number=mediator.registration_number,
            raised_by_name="x",
            raised_by_email="x@example.test",
            raised_by_relationship="parent_or_carer",
        )
    )
    provider = factories.organisation(kind="training_provider")
    trainer = factories.person_with_role("trainer", provider)
    content = training.ProgrammeContent(
        title="Foundation SEND mediation",
        total_hours=Decimal(40),
        practical_hours=Decimal(20),
        delivery_mode="in_person",
        assessment_method="observed_role_play",
        criteria_covered=("MS-1.1", "MS-4.1", "MS-6.1"),
    )
    programme = training.submit_programme(provider, trainer, "foundation", content).programme
    training.accredit(programme, registrar, world.body, reason="x")
    training.record_completion(programme, trainer, mediator.registration_number, date.today())
    officer = factories.person_with_role("la_officer")
    watchlist.add(officer.roles[0].organisation, mediator.registration_number, officer)
    checks.run_check([mediator.registration_number], organisation=officer.roles[0].organisation, store=True)
    area = db.session.get_one(LocalAuthority, la_id)
    alert = AreaAlertSubscription(local_authority=area, email="x@example.test", unsubscribe_nonce="x")
    db.session.add(alert)
    db.session.flush()
    area_alerts.confirm(alert)
    ensure_consultation(None, date.today())  # the demo's open consultation on mediator-standards 1.1
    consultation = db.session.scalars(select(Consultation).where(Consultation.version == "1.1")).one()
    response = ConsultationResponse(
        consultation=consultation,
        name="x",
        organisation="x",
        email="x@example.test",
        publication="private",
        confirm_token_hash="0" * 64,
        hidden_reason="x",
        answers=[ConsultationAnswer(topic="MS-5.2", view="agree", reason="x")],
    )
    db.session.add(response)
    db.session.flush()
    db.session.add(ConsultationTheme(answer_id=response.answers[0].id, theme="x"))
    db.session.flush()
    return References(programme.reference, concern.reference)


def _fill_private_fields(world: MediatorWorld, seed, factories) -> References:
    references = _a_row_of_every_record(world, seed, factories)
    written = mark_unpublished()
    every = {f"{model.__name__}.{column.name}" for model in visibility.records() for column in markable(model)}
    assert written == every, f"no row to mark for {sorted(every - written)}: add one to the world above"
    return references


def _fill(rule: Rule, world: MediatorWorld, references: References) -> list[str]:
    """The rule's paths for this world, or none when it needs arguments we cannot supply."""
    number = [world.mediator.registration_number]
    choices: dict[str, list[str]] = {
        "registration_number": number,
        "number": number,
        "reg": number,
        "family": ["cpd-scheme", "mediator-standards"],
        "version": ["1.0", "1.1"],  # 1.1: the consultation's draft
        "reference": [references.programme, references.concern],
        "slug": ["birmingham"],  # CONFLICT_LA's page, feed and alerts form
        "code": [CONFLICT_LA],
        "purpose": ["revocation", "suspension"],  # the credential status lists
    }
    if not set(rule.arguments) <= set(choices):
        return []
    arguments: list[dict[str, str]] = [{}]
    for argument in rule.arguments:
        arguments = [{**values, argument: choice} for values in arguments for choice in choices[argument]]
    return [rule.build(values, append_unknown=False)[1] for values in arguments]


def _public_get_paths(app: Flask, world: MediatorWorld, references: References) -> set[str]:
    paths = set()
    for rule in app.url_map.iter_rules():
        if rule.endpoint in SKIPPED_ENDPOINTS or "GET" not in (rule.methods or ()):
            continue
        if access_level_of(rule.endpoint, app.view_functions[rule.endpoint]) != PUBLIC:
            continue
        paths.update(_fill(rule, world, references))
    return paths


def _exists(app: Flask, path: str) -> bool:
    try:
        app.url_map.bind("localhost").match(path.split("?")[0], method="GET")
    except (NotFound, MethodNotAllowed):
        return False
    return True


def _leaks(app: Flask, world: MediatorWorld, client: FlaskClient, references: References) -> list[str]:
    """Every public page and API response that shows the marker, after checking that the walk
    reached the pages that really show this mediator (or it would prove nothing)."""
    number = world.mediator.registration_number
    name = world.mediator.display_name
    named = [
        "/",
        f"/mediators/{number}",
        f"/mediators?q={name}",
        f"/mediators?q={number}",
        f"/mediators?local_authority={CONFLICT_LA}",
        f"/check?number={number}",
        "/standards",
        "/api/v1/mediators",
        f"/api/v1/mediators?q={name}",
        f"/api/v1/mediators/{number}",
        f"/api/v1/mediators/{number}/status",
        f"/api/v1/mediators/{number}/status?local_authority={CONFLICT_LA}",
        f"/api/v1/mediators/{number}/history",
        f"/api/v1/mediators/{number}/credential",
        "/.well-known/jwks.json",
        "/.well-known/did.json",
        "/api/v1/changes",
        "/api/v1/changes?after=0",
        "/api/v1/exports/register.csv",
        "/api/v1/training-programmes?status=any",
    ]
    paths = sorted({p for p in named if _exists(app, p)} | _public_get_paths(app, world, references))
    seen_the_mediator = []
    leaks = []
    for path in paths:
        response = client.get(path)
        assert response.status_code < 500, path
        body = readable_text(response)
        if shows_the_marker(body):
            leaks.append(path)
        if number in body:
            seen_the_mediator.append(path)
    for shows_them in (f"/api/v1/mediators/{number}", f"/mediators/{number}", "/api/v1/exports/register.csv"):
        if _exists(app, shows_them):
            assert shows_them in seen_the_mediator
    return leaks


def test_no_private_field_appears_on_any_public_page_or_api_response(
    app: Flask, world: MediatorWorld, client, seed, factories
) -> None:
    references = _fill_private_fields(world, seed, factories)
    assert _leaks(app, world, client, references) == []


def test_the_marker_is_there_for_the_mediator_themselves(world: MediatorWorld, seed, factories) -> None:
    """The same data does reach its owner, so the test above would notice a leak."""
    _fill_private_fields(world, seed, factories)
    assert shows_the_marker(world.client.get("/workspace/mediator/profile").text)
    assert shows_the_marker(world.client.get("/workspace/mediator/your-data.json").get_data(as_text=True))


@pytest.mark.parametrize("field", ["website", "bio"])
def test_a_field_the_registry_makes_private_is_caught_wherever_a_reader_still_shows_it(
    app: Flask, world: MediatorWorld, client, seed, factories, monkeypatch: pytest.MonkeyPatch, field: str
) -> None:
    """The acceptance test of the field registry (issue 14): declare a shown field private, and the
    sentinel seeds it without being told and finds it on the public profile page, in the API and
    (for the website, which the export carries) in the open-data export."""
    monkeypatch.setitem(visibility.FIELDS[Mediator], field, visibility.BODY)
    references = _fill_private_fields(world, seed, factories)
    number = world.mediator.registration_number
    leaks = _leaks(app, world, client, references)
    assert f"/mediators/{number}" in leaks
    assert f"/api/v1/mediators/{number}" in leaks
    if field == "website":
        assert "/api/v1/exports/register.csv" in leaks
