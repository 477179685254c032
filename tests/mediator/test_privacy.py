"""Nothing private about a mediator ever leaves through a public page, export or API response.

Every private field of the mediator (and of their log, evidence, declarations, applications,
renewal requests and accreditation events) is filled with a unique marker; then every public
page and public API response that concerns them is fetched, and the marker must appear nowhere.
Routes are found by walking the app's url_map, so pages and endpoints added later are covered
as soon as they exist; the named addresses of DESIGN §6 and §11 are requested with query strings.
"""

from __future__ import annotations

from datetime import date, timedelta

from flask import Flask
from sqlalchemy import select
from werkzeug.exceptions import MethodNotAllowed, NotFound
from werkzeug.routing import Rule

from registry.auth.access import PUBLIC, access_level_of
from registry.extensions import db
from registry.models import (
    AccreditationApplication,
    AccreditationEvent,
    EvidenceFile,
    IndependenceDeclaration,
    LocalAuthority,
    RenewalRequest,
)
from tests.mediator.conftest import MediatorWorld

MARKER = "zq7private4marker"
CONFLICT_LA = "E08000025"
SKIPPED_ENDPOINTS = {"static", "assets"}


def _fill_private_fields(world: MediatorWorld, seed) -> None:
    mediator = world.mediator
    mediator.home_address = f"1 {MARKER} Street"
    mediator.private_email = f"{MARKER}@example.test"
    mediator.private_phone = f"0{MARKER}"
    reviewed = seed(
        mediator,
        "cpd",
        "send_law_policy_practice",
        "3",
        reflection=f"reflection {MARKER}",
        status="verified",
        review_note=f"review {MARKER}",
        annotation=f"annotation {MARKER}",
    )
    seed(mediator, "cpd", "mediation_skills", "1", status="rejected", review_note=f"rejected {MARKER}")
    db.session.add(
        EvidenceFile(
            log_entry_id=reviewed.id,
            stored_name="a" * 32,
            original_name=f"{MARKER}.pdf",
            content_type="application/pdf",
            size_bytes=1,
            sha256="0" * 64,
        )
    )
    la_id = db.session.scalars(select(LocalAuthority.id).where(LocalAuthority.gss_code == CONFLICT_LA)).one()
    db.session.add(
        IndependenceDeclaration(
            mediator_id=mediator.id,
            kind="conflict",
            local_authority_id=la_id,
            description=f"declared {MARKER}",
            started_on=date.today() - timedelta(days=400),
        )
    )
    db.session.add(
        IndependenceDeclaration(
            mediator_id=mediator.id,
            kind="employment",
            other_body=f"ICB {MARKER}",
            started_on=date.today() - timedelta(days=400),
        )
    )
    db.session.add(
        AccreditationApplication(
            accreditation_id=world.accreditation.id,
            kind="initial",
            standards_version="1.0",
            not_employed_by_local_authority=True,
            independent_of_health_bodies=False,
            independence_details=f"details {MARKER}",
            has_indemnity_insurance=True,
            training_completed=f"training {MARKER}",
            practice_experience=f"practice {MARKER}",
            consents_to_publication=True,
        )
    )
    db.session.add(
        RenewalRequest(
            accreditation_id=world.accreditation.id,
            period_start=world.accreditation.valid_from,
            period_end=world.accreditation.valid_until,
            scheme_version="1.0",
            compliant=False,
            explanation=f"explanation {MARKER}",
            status="declined",
            decision_note=f"declined {MARKER}",
        )
    )
    for event in db.session.query(AccreditationEvent).filter_by(accreditation_id=world.accreditation.id):
        event.reason = f"reason {MARKER}"
    db.session.flush()


def _fill(rule: Rule, world: MediatorWorld) -> str | None:
    """The rule's path for this mediator, or None when it needs arguments we cannot supply."""
    values = {}
    for argument in rule.arguments:
        if argument in ("registration_number", "number", "reg"):
            values[argument] = world.mediator.registration_number
        elif argument == "family":
            values[argument] = "cpd-scheme"
        elif argument == "version":
            values[argument] = "1.0"
        else:
            return None
    return rule.build(values, append_unknown=False)[1]


def _public_get_paths(app: Flask, world: MediatorWorld) -> set[str]:
    paths = set()
    for rule in app.url_map.iter_rules():
        if rule.endpoint in SKIPPED_ENDPOINTS or "GET" not in (rule.methods or ()):
            continue
        if access_level_of(rule.endpoint, app.view_functions[rule.endpoint]) != PUBLIC:
            continue
        path = _fill(rule, world)
        if path is not None:
            paths.add(path)
    return paths


def _exists(app: Flask, path: str) -> bool:
    try:
        app.url_map.bind("localhost").match(path.split("?")[0], method="GET")
    except (NotFound, MethodNotAllowed):
        return False
    return True


def test_no_private_field_appears_on_any_public_page_or_api_response(
    app: Flask, world: MediatorWorld, client, seed
) -> None:
    _fill_private_fields(world, seed)
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
        "/api/v1/changes",
        "/api/v1/changes?after=0",
        "/api/v1/exports/register.csv",
    ]
    paths = sorted({p for p in named if _exists(app, p)} | _public_get_paths(app, world))
    seen_the_mediator = []
    for path in paths:
        response = client.get(path)
        assert response.status_code < 500, path
        body = response.get_data(as_text=True)
        assert MARKER not in body.lower(), f"a private field leaked through {path}"
        if number in body:
            seen_the_mediator.append(path)
    # The walk must have reached pages that really show this mediator, or it proves nothing.
    if _exists(app, f"/api/v1/mediators/{number}"):
        assert f"/api/v1/mediators/{number}" in seen_the_mediator
    if _exists(app, f"/mediators/{number}"):
        assert f"/mediators/{number}" in seen_the_mediator


def test_the_marker_is_there_for_the_mediator_themselves(world: MediatorWorld, seed) -> None:
    """The same data does reach its owner, so the test above would notice a leak."""
    _fill_private_fields(world, seed)
    assert MARKER in world.client.get("/workspace/mediator/profile").text
    assert MARKER in world.client.get("/workspace/mediator/your-data.json").get_data(as_text=True)
