"""Independence declarations: the employers and conflicts of interest a mediator declares.

Each names one body: a local authority, an organisation on the register (a mediation provider,
say), or another body by name (an integrated care board, a school trust). The law says a SEND
mediator must not be employed by the LA they mediate for, so ``has_declared_conflict`` answers,
for one LA and date, whether the mediator had declared any employment or conflict with it: LA
officers see that yes/no flag; registrars see the declarations themselves. The query itself is
``declarations_on`` here, which the checks, the watchlist, the search and the profile use too.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.orm import joinedload

from registry.database import among
from registry.domain import audit
from registry.domain.errors import NotFound, Refused
from registry.extensions import db
from registry.models import IndependenceDeclaration, LocalAuthority, Mediator, Organisation, User
from registry.models.mediators import DECLARATION_KINDS

BODY_TYPES = ("local_authority", "organisation", "other")


class InvalidDeclaration(Refused):
    """The declaration cannot be saved; ``field`` names the part to fix."""


@dataclass(frozen=True)
class DeclarationInput:
    kind: str
    body_type: str
    started_on: date | None
    ended_on: date | None = None
    local_authority_id: int | None = None
    organisation_id: int | None = None
    other_body: str = ""
    description: str = ""


def declarations_of(mediator_id: int) -> list[IndependenceDeclaration]:
    return list(
        db.session.scalars(
            select(IndependenceDeclaration)
            .where(IndependenceDeclaration.mediator_id == mediator_id)
            .options(
                joinedload(IndependenceDeclaration.local_authority), joinedload(IndependenceDeclaration.organisation)
            )
            .order_by(IndependenceDeclaration.started_on.desc(), IndependenceDeclaration.id.desc())
        )
    )


def own_declaration(mediator: Mediator, declaration_id: int) -> IndependenceDeclaration:
    declaration = db.session.get(IndependenceDeclaration, declaration_id)
    if declaration is None or declaration.mediator_id != mediator.id:
        raise NotFound("There is no such declaration.")
    return declaration


def _check(data: DeclarationInput) -> None:
    if data.kind not in DECLARATION_KINDS:
        raise InvalidDeclaration("kind", "Choose an employer or a conflict of interest")
    if data.body_type not in BODY_TYPES:
        raise InvalidDeclaration("body_type", "Choose who the declaration is about")
    if data.body_type == "local_authority" and db.session.get(LocalAuthority, data.local_authority_id or 0) is None:
        raise InvalidDeclaration("local_authority_id", "Choose the local authority")
    if data.body_type == "organisation" and db.session.get(Organisation, data.organisation_id or 0) is None:
        raise InvalidDeclaration("organisation_id", "Choose the organisation")
    if data.body_type == "other" and not data.other_body.strip():
        raise InvalidDeclaration("other_body", "Enter the name of the body, such as an integrated care board")
    if len(data.other_body.strip()) > 200:
        raise InvalidDeclaration("other_body", "The name must be 200 characters or fewer")
    if len(data.description.strip()) > 1000:
        raise InvalidDeclaration("description", "The details must be 1000 characters or fewer")
    if data.started_on is None:
        raise InvalidDeclaration("started_on", "Enter the date it started")
    if data.ended_on is not None and data.ended_on < data.started_on:
        raise InvalidDeclaration("ended_on", "The date it ended must be the same as or after the date it started")


def _fill(declaration: IndependenceDeclaration, data: DeclarationInput) -> None:
    declaration.kind = data.kind
    declaration.local_authority_id = data.local_authority_id if data.body_type == "local_authority" else None
    declaration.organisation_id = data.organisation_id if data.body_type == "organisation" else None
    declaration.other_body = data.other_body.strip() if data.body_type == "other" else None
    declaration.description = data.description.strip()
    assert data.started_on is not None, "_check refuses a declaration without a start date"
    declaration.started_on, declaration.ended_on = data.started_on, data.ended_on


def _audit(actor: User | None, action: str, declaration: IndependenceDeclaration) -> None:
    audit.record(
        actor,
        action,
        "independence_declaration",
        declaration.id,
        mediator_id=declaration.mediator_id,
        kind=declaration.kind,
        local_authority_id=declaration.local_authority_id,
        organisation_id=declaration.organisation_id,
        other_body=declaration.other_body,
        started_on=declaration.started_on,
        ended_on=declaration.ended_on,
    )


def add_declaration(mediator: Mediator, actor: User | None, data: DeclarationInput) -> IndependenceDeclaration:
    _check(data)
    declaration = IndependenceDeclaration(mediator_id=mediator.id)
    _fill(declaration, data)
    db.session.add(declaration)
    db.session.flush()
    _audit(actor, "independence_declaration.added", declaration)
    return declaration


def update_declaration(declaration: IndependenceDeclaration, actor: User | None, data: DeclarationInput) -> None:
    _check(data)
    _fill(declaration, data)
    db.session.flush()
    _audit(actor, "independence_declaration.changed", declaration)


def remove_declaration(declaration: IndependenceDeclaration, actor: User | None) -> None:
    """For a declaration made by mistake; a past employer or conflict should be ended, not removed."""
    _audit(actor, "independence_declaration.removed", declaration)
    db.session.delete(declaration)
    db.session.flush()


def declarations_on(mediator_ids: Collection[int], local_authority_id: int, on: date) -> dict[int, dict[str, date]]:
    """For each mediator, the kinds (``employment``, ``conflict``) they had declared with that LA on
    ``on``, each with the day it began (the earliest, when several of one kind were in force). One query.

    Declarations are not bitemporal: they are read as they stand now, in valid time only."""
    if not mediator_ids:
        return {}
    rows = db.session.execute(
        select(IndependenceDeclaration.mediator_id, IndependenceDeclaration.kind, IndependenceDeclaration.started_on)
        .where(
            among(IndependenceDeclaration.mediator_id, mediator_ids),
            IndependenceDeclaration.local_authority_id == local_authority_id,
            IndependenceDeclaration.started_on <= on,
            or_(IndependenceDeclaration.ended_on.is_(None), IndependenceDeclaration.ended_on >= on),
        )
        .order_by(IndependenceDeclaration.started_on.desc())
    )
    kinds: dict[int, dict[str, date]] = {}
    for mediator_id, kind, started_on in rows:  # latest first, so the earliest of a kind is kept
        kinds.setdefault(mediator_id, {})[kind] = started_on
    return kinds


def has_declared_conflict(mediator_id: int, local_authority_id: int, on: date) -> bool:
    """Whether the mediator had declared employment by, or a conflict with, the LA in force on ``on``."""
    return mediator_id in declarations_on([mediator_id], local_authority_id, on)


def mediators_with_declared_conflict(mediator_ids: Collection[int], local_authority_id: int, on: date) -> set[int]:
    """``has_declared_conflict`` for many mediators in one query (for lists and bulk checks)."""
    return set(declarations_on(list(mediator_ids), local_authority_id, on))


def organisations_to_declare() -> list[Organisation]:
    """Organisations a declaration may name (LAs are chosen from the LA list instead)."""
    return list(
        db.session.scalars(
            select(Organisation).where(Organisation.kind != "local_authority").order_by(Organisation.name)
        )
    )
