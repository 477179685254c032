"""Pages load in a fixed number of queries however much there is to show (no N+1)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import event

from registry.domain import accreditation as lifecycle
from registry.extensions import db


@contextmanager
def counting_queries() -> Iterator[list[str]]:
    statements: list[str] = []

    def count(conn, cursor, statement, parameters, context, executemany):  # type: ignore[no-untyped-def]
        if not statement.lstrip().upper().startswith(("SAVEPOINT", "RELEASE", "ROLLBACK")):
            statements.append(statement)

    engine = db.engine
    event.listen(engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", count)


def queries_for(client, path: str) -> int:
    client.get(path)  # warm up: sign-in session, caches
    with counting_queries() as statements:
        assert client.get(path).status_code == 200
    return len(statements)


def test_the_queue_does_not_query_per_row(world, factories, client_as, make_accreditation):
    client = client_as("registrar", organisation=world.body)
    make_accreditation(world, "applied")
    few = queries_for(client, "/workspace/registrar/applications")
    for _ in range(6):
        make_accreditation(world, "applied", mediator=factories.mediator())
    assert queries_for(client, "/workspace/registrar/applications") == few


def test_the_record_page_does_not_query_per_event(world, client_as, make_accreditation):
    accreditation = make_accreditation(world, "accredited")
    client = client_as("registrar", organisation=world.body)
    path = f"/workspace/registrar/accreditations/{accreditation.id}"
    few = queries_for(client, path)
    for conditions in ("A", "B", "C", None):
        lifecycle.change_conditions(accreditation, world.registrar, conditions=conditions)
    lifecycle.suspend(accreditation, world.registrar, reason="r", public_note="n")
    assert queries_for(client, path) == few


def test_the_public_profile_does_not_query_per_event(client, world, make_accreditation):
    accreditation = make_accreditation(world, "accredited")
    path = f"/mediators/{accreditation.mediator.registration_number}"
    few = queries_for(client, path)
    for conditions in ("A", "B", "C", None):
        lifecycle.change_conditions(accreditation, world.registrar, conditions=conditions)
    assert queries_for(client, path) == few
