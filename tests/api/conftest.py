"""Fixtures for the API and its domain: LA organisations, mediators on the register, API keys."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import contextmanager
from datetime import date

import pytest
from sqlalchemy import event, select

from registry.domain import api_keys
from registry.domain.local_authorities import find_local_authority
from registry.extensions import db
from registry.models import LocalAuthority, Mediator, MediatorFormat, MediatorLanguage, MediatorSpecialism, Organisation
from tests.fixtures.factories import Factories


@contextmanager
def count_queries():
    """The SQL statements run inside the block."""
    statements: list[str] = []

    def before(conn, cursor, statement, *args):  # type: ignore[no-untyped-def]
        statements.append(statement)

    engine = db.session.get_bind()
    event.listen(engine, "before_cursor_execute", before)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", before)


@pytest.fixture
def la_organisation(factories: type[Factories]) -> Callable[..., Organisation]:
    """``la_organisation("E08000039")``: the organisation of that LA (any free LA when no code)."""

    def make(code: str | None = None) -> Organisation:
        if code:
            la = find_local_authority(code)
        else:
            taken = select(Organisation.local_authority_id).where(Organisation.local_authority_id.is_not(None))
            la = db.session.scalars(select(LocalAuthority).where(LocalAuthority.id.not_in(taken)).limit(1)).one()
        existing = db.session.scalars(select(Organisation).where(Organisation.local_authority_id == la.id)).first()
        return existing or factories.organisation(kind="local_authority", local_authority=la, name=la.name)

    return make


@pytest.fixture
def registered(factories: type[Factories]) -> Callable[..., Mediator]:
    """``registered("Ada", status="suspended", valid_from=..., conditions=...)``: a mediator on the
    register with one accreditation in that status, serving Sheffield, in English, by video."""

    def make(
        name: str = "Ada Lovelace",
        status: str = "accredited",
        valid_from: date | None = None,
        valid_until: date | None = None,
        conditions: str | None = None,
        body: Organisation | None = None,
        **fields: object,
    ) -> Mediator:
        mediator = factories.mediator(display_name=name, **fields)
        mediator.areas.append(find_local_authority("E08000039"))
        mediator.languages.append(MediatorLanguage(code="en"))
        mediator.formats.append(MediatorFormat(code="video"))
        mediator.specialisms.append(MediatorSpecialism(code="autism"))
        db.session.flush()
        factories.accreditation(
            mediator, body=body, status=status, valid_from=valid_from, valid_until=valid_until, conditions=conditions
        )
        return mediator

    return make


@pytest.fixture
def api_key(la_organisation, factories) -> Callable[..., api_keys.NewKey]:  # type: ignore[no-untyped-def]
    """``api_key()`` or ``api_key(organisation)``: a new key (with its token) for an LA."""

    def make(organisation: Organisation | None = None, name: str = "Case management system") -> api_keys.NewKey:
        organisation = organisation or la_organisation()
        officer = factories.person_with_role("la_officer", organisation)
        return api_keys.create_key(organisation, officer, name)

    return make
