"""Public answers are worked out once per change of the register and then served from the cache;
any public change is seen by the next request, and what is personal is never cached."""

from __future__ import annotations

import pytest
from sqlalchemy import event

from registry import register_version
from registry.domain import api_keys, sequences
from registry.extensions import db


@pytest.fixture
def queries():  # type: ignore[no-untyped-def]
    """Counts the statements the app sends while the test runs."""
    seen: list[str] = []

    def count(conn, cursor, statement, parameters, context, executemany):  # type: ignore[no-untyped-def]
        seen.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    yield seen
    event.remove(db.engine, "before_cursor_execute", count)


def test_a_second_visitor_gets_the_cached_answer_without_the_work(client, registered, queries) -> None:
    number = registered().registration_number
    for path in (f"/api/v1/mediators/{number}", f"/mediators/{number}", "/api/v1/mediators?local_authority=E08000039"):
        first = client.get(path)
        before = len(queries)
        second = client.get(path)
        assert second.status_code == first.status_code == 200, path
        assert second.get_data() == first.get_data() and second.headers["Content-Type"] == first.headers["Content-Type"]
        sent = [q for q in queries[before:] if not q.startswith(("SAVEPOINT", "RELEASE", "ROLLBACK"))]
        assert len(sent) == 1 and "sequence_counters" in sent[0], (path, sent)  # the version, nothing more


def test_every_public_change_is_seen_by_the_next_request(client, registered) -> None:
    mediator = registered()
    path = f"/api/v1/mediators/{mediator.registration_number}"
    assert "Welsh" not in client.get(path).text
    version = register_version.current_version()
    mediator.bio = "Now mediating in Welsh as well."
    db.session.flush()
    assert register_version.current_version() > version
    assert "Welsh" in client.get(path).text


def test_bookkeeping_writes_keep_the_version(client, la_organisation) -> None:
    organisation = la_organisation("E08000039")
    db.session.flush()
    version = register_version.current_version()
    api_keys.create_key(organisation, None, "a key")  # an API key and its audit event
    sequences.next_value("something")
    db.session.flush()
    assert register_version.current_version() == version


def test_signed_in_people_and_waiting_messages_are_never_served_from_the_cache(client, registered, client_as) -> None:
    number = registered("Ada Public").registration_number
    client.get(f"/mediators/{number}")  # cached for visitors
    page = client_as("mediator").get(f"/mediators/{number}")
    assert "Sign out" in page.text  # the signed-in header, not the visitor's cached page
    with client.session_transaction() as session:
        session["_flashes"] = [("success", "Saved")]
    assert "Saved" in client.get(f"/mediators/{number}").text


def test_a_savepoint_rolled_back_leaves_the_transaction_counted_as_changed_and_publishes_nothing_early(
    registered,
) -> None:
    """A savepoint is not the transaction: its release publishes nothing to the feed, and its rollback
    leaves the transaction's earlier public change counted (nothing is kept under a version it may
    reuse) and noted for the feed, which publishes once, at the commit."""
    from registry.domain import changes
    from registry.register_version import MOVED_TO, UNKNOWN

    start = changes.latest_sequence()
    ada = registered("Ada")
    with db.session.begin_nested():
        ada.website = "https://ada.example"
    assert changes.changes_after(start).updates == []  # released, not committed: nothing published yet
    savepoint = db.session.begin_nested()
    ada.public_phone = "0114 496 0000"
    db.session.flush()
    savepoint.rollback()
    assert db.session.info[MOVED_TO] == UNKNOWN
    db.session.commit()
    entries = [u for u in changes.changes_after(start).updates if u.kind == "mediator_entry"]
    assert [u.subject for u in entries] == [ada.registration_number]  # once, at the commit
    assert "https://ada.example" in str(entries[0].data) and "0114 496 0000" not in str(entries[0].data)
