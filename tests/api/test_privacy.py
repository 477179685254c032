"""No private field leaves through the API: the privacy sentinel (``tests.fixtures.privacy``) fills
every field the field registry does not call public with a marker, and it must appear in no response
(public and keyed) nor the export; and no schema declares a field its reader may not see."""

from __future__ import annotations

import marshmallow as ma
import pytest
from sqlalchemy import String, inspect, select

from registry.api.schemas import privileged, public, shown
from registry.domain import visibility
from registry.domain.accreditation import operations
from registry.domain.local_authorities import find_local_authority
from registry.domain.visibility import LOCAL_AUTHORITY, PUBLIC, Audience
from registry.extensions import db
from registry.models import Accreditation, IndependenceDeclaration, Mediator, User
from registry.models.base import Base
from tests.fixtures.privacy import mark_unpublished, shows_the_marker

READERS = ((public, PUBLIC), (privileged, LOCAL_AUTHORITY))
# A name a schema uses for something else than the record field of that name its reader may not see.
SAME_NAME_ANOTHER_THING = {
    ("LoggableHoursSchema", "category"): "a CPD scheme category a programme's hours count towards, not a log entry's",
    ("StatusSchema", "explanation"): "what a public status means (registry.domain.statuses), not a renewal's",
    ("WhereSchema", "input"): "the search's own `where`, as the caller typed it, not a record's private input",
    ("WhereSchema", "description"): "the LA a search's `where` was read as, in words, not a record's description",
}


def _schemas(module) -> list[type[ma.Schema]]:  # type: ignore[no-untyped-def]
    return [v for v in vars(module).values() if isinstance(v, type) and issubclass(v, ma.Schema) and v is not ma.Schema]


def _words_and_people(record: type[Base]) -> set[str]:
    """The fields of ``record`` that hold someone's words (text) or name a person (a link to a user)."""
    mapper = inspect(record)
    text = {column.key for column in mapper.columns if isinstance(column.type, String)}
    to_people = {
        column.key for column in mapper.columns if any(key.column.table.name == "users" for key in column.foreign_keys)
    }
    people = {relationship.key for relationship in mapper.relationships if relationship.mapper.class_ is User}
    return text | to_people | people


def _never_seen_by(reader: Audience) -> set[str]:
    """Names of words and people that no record of the registry lets ``reader`` see (dates and
    counts go by names too common to judge a schema by: ``as_at``, ``created_at``)."""
    hidden, seen = set(), set()
    for record in visibility.records():
        for name in visibility.fields_of(record):
            if visibility.audience(record, name) <= reader:
                seen.add(name)
            elif name in _words_and_people(record):
                hidden.add(name)
    return hidden - seen


def test_no_api_schema_declares_a_field_its_reader_may_not_see() -> None:
    for module, reader in READERS:
        never = _never_seen_by(reader)
        for schema in _schemas(module):
            assert shown.problems(schema) == []
            by_name = shown.names_read(schema) - shown.judged(schema)
            by_name -= {name for (owner, name) in SAME_NAME_ANOTHER_THING if owner == schema.__name__}
            assert not by_name & never, (schema.__name__, by_name & never)


@pytest.mark.parametrize("field", ["website", "bio"])
def test_a_schema_still_showing_a_field_the_registry_makes_private_is_refused(
    monkeypatch: pytest.MonkeyPatch, field: str
) -> None:
    monkeypatch.setitem(visibility.FIELDS[Mediator], field, visibility.BODY)
    assert any(
        f"Mediator.{field} may not be shown" in problem for problem in shown.problems(public.MediatorProfileSchema)
    )
    with pytest.raises(visibility.NotShown):
        shown.shows(Mediator)(type("Copy", (public.MediatorProfileSchema,), {}))


def test_no_private_value_appears_in_any_response(client, registered, factories, api_key, la_organisation) -> None:
    registrar = factories.person_with_role("registrar")
    mediator = registered("Ada Public", body=registrar.roles[0].organisation)
    db.session.add(
        IndependenceDeclaration(
            mediator=mediator,
            kind="conflict",
            local_authority=find_local_authority("E08000039"),
            started_on=mediator.created_at.date(),
            description="Declared",
        )
    )
    accreditation = db.session.scalars(select(Accreditation).where(Accreditation.mediator_id == mediator.id)).one()
    operations.suspend(accreditation, registrar, reason="Suspended", public_note="Paused for now.")
    operations.reinstate(accreditation, registrar, reason="Reinstated")
    written = mark_unpublished()
    assert {"Mediator.home_address", "AccreditationEvent.reason", "User.name", "User.email"} <= written
    number = mediator.registration_number
    organisation = la_organisation("E08000039")
    headers = {"Authorization": f"Bearer {api_key(organisation).token}"}
    client.put(f"/api/v1/watchlist/{number}", headers=headers)
    check = client.post("/api/v1/checks", json={"numbers": [number]}, headers=headers).json
    public_paths = [
        "/api/v1/mediators?q=Ada",
        "/api/v1/mediators?status=any&per_page=100",
        f"/api/v1/mediators/{number}",
        f"/api/v1/mediators/{number}/status?local_authority=E08000039",
        f"/api/v1/mediators/{number}/history",
        f"/api/v1/mediators/{number}/credential",
        "/api/v1/status-lists/suspension",
        "/.well-known/jwks.json",
        "/.well-known/did.json",
        "/api/v1/changes?after=0&limit=1000",
        "/api/v1/exports/register.csv",
        "/api/v1/bodies",
        "/api/v1/openapi.json",
        "/api/v1/docs",
    ]
    keyed_paths = ["/api/v1/watchlist", f"/api/v1/watchlist/{number}", check["url"]]
    seen = []
    for path in public_paths + keyed_paths:
        response = client.get(path, headers=headers if path in keyed_paths else {})
        assert response.status_code == 200, path
        text = response.get_data(as_text=True)
        seen.append(text)
        assert not shows_the_marker(text), path
    assert any("Ada Public" in text for text in seen)
    assert not shows_the_marker(str(check))
