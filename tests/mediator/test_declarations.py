"""Independence declarations, and the yes/no conflict flag for an LA on a date."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from registry.domain.declarations import (
    DeclarationInput,
    add_declaration,
    has_declared_conflict,
    mediators_with_declared_conflict,
)
from registry.extensions import db
from registry.models import IndependenceDeclaration, LocalAuthority
from tests.mediator.conftest import MediatorWorld

NEW = "/workspace/mediator/declarations/new"


def _la(code: str) -> LocalAuthority:
    return db.session.scalars(select(LocalAuthority).where(LocalAuthority.gss_code == code)).one()


def _declarations(world: MediatorWorld) -> list[IndependenceDeclaration]:
    return list(
        db.session.scalars(
            select(IndependenceDeclaration).where(IndependenceDeclaration.mediator_id == world.mediator.id)
        )
    )


def test_a_declaration_is_added_changed_and_removed(world: MediatorWorld, registrar) -> None:
    leeds = _la("E08000035")
    data = {
        "csrf_token": world.token(NEW),
        "kind": "employment",
        "body_type": "local_authority",
        "local_authority_id": str(leeds.id),
        "organisation_id": "0",
        "description": "Educational psychologist, 2 days a week",
        "started_on": ["1", "9", "2024"],
        "ended_on": ["", "", ""],
    }
    assert world.client.post(NEW, data=data).status_code == 302
    [declaration] = _declarations(world)
    assert (declaration.local_authority_id, declaration.started_on, declaration.ended_on) == (
        leeds.id,
        date(2024, 9, 1),
        None,
    )
    assert "Leeds" in world.client.get("/workspace/mediator/declarations").text
    log_page = registrar.get(f"/workspace/registrar/mediators/{world.mediator.registration_number}/log").text
    assert "Leeds" in log_page and "Educational psychologist" in log_page, "registrars see the declarations"

    edit = f"/workspace/mediator/declarations/{declaration.id}/edit"
    data.update(csrf_token=world.token(edit), ended_on=["31", "7", "2025"])
    assert world.client.post(edit, data=data).status_code == 302
    db.session.refresh(declaration)
    assert declaration.ended_on == date(2025, 7, 31)

    remove = f"/workspace/mediator/declarations/{declaration.id}/remove"
    assert world.client.post(remove, data={"csrf_token": world.token(remove)}).status_code == 302
    assert _declarations(world) == []


def test_a_named_other_body_such_as_an_icb(world: MediatorWorld) -> None:
    data = {
        "csrf_token": world.token(NEW),
        "kind": "conflict",
        "body_type": "other",
        "other_body": "NHS South Yorkshire Integrated Care Board",
        "started_on": ["1", "1", "2025"],
    }
    assert world.client.post(NEW, data=data).status_code == 302
    assert _declarations(world)[0].other_body == "NHS South Yorkshire Integrated Care Board"


def test_bad_declarations_are_refused(world: MediatorWorld) -> None:
    token = world.token(NEW)
    response = world.client.post(
        NEW, data={"csrf_token": token, "kind": "conflict", "body_type": "other", "started_on": ["1", "1", "2025"]}
    )
    assert "Enter the name of the body" in response.text
    response = world.client.post(
        NEW,
        data={
            "csrf_token": token,
            "kind": "conflict",
            "body_type": "other",
            "other_body": "A trust",
            "started_on": ["1", "1", "2025"],
            "ended_on": ["1", "1", "2024"],
        },
    )
    assert "must be the same as or after the date it started" in response.text
    assert "Choose an employer or a conflict of interest" in world.client.post(NEW, data={"csrf_token": token}).text
    assert _declarations(world) == []


def test_someone_elses_declaration_is_not_found(world: MediatorWorld, client_as, factories) -> None:
    other = client_as("mediator")
    mediator = factories.mediator(user_id=other.user.id)
    declaration = add_declaration(
        mediator, other.user, DeclarationInput("conflict", "other", date(2025, 1, 1), other_body="A school trust")
    )
    assert world.client.get(f"/workspace/mediator/declarations/{declaration.id}/edit").status_code == 404


def test_has_declared_conflict_follows_the_dates(world: MediatorWorld) -> None:
    leeds, york = _la("E08000035"), _la("E06000014")
    add_declaration(
        world.mediator,
        world.user,
        DeclarationInput(
            "employment", "local_authority", date(2024, 9, 1), date(2025, 7, 31), local_authority_id=leeds.id
        ),
    )
    mediator_id = world.mediator.id
    assert has_declared_conflict(mediator_id, leeds.id, date(2024, 9, 1))
    assert has_declared_conflict(mediator_id, leeds.id, date(2025, 7, 31))
    assert not has_declared_conflict(mediator_id, leeds.id, date(2025, 8, 1))
    assert not has_declared_conflict(mediator_id, leeds.id, date(2024, 8, 31))
    assert not has_declared_conflict(mediator_id, york.id, date(2025, 1, 1))
    assert mediators_with_declared_conflict([mediator_id, 999_999], leeds.id, date(2025, 1, 1)) == {mediator_id}
