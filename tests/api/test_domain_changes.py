"""The change feed and the export fit together: public events after a cursor, and a snapshot
that states the sequence it was taken at."""

from __future__ import annotations

import pytest

from registry.domain import changes
from registry.domain.accreditation import operations
from registry.domain.accreditation.queries import accreditations_of_mediator as accreditations_of
from registry.domain.errors import DomainError


def test_the_feed_lists_public_events_after_the_cursor_in_order(registered, factories) -> None:
    start = changes.latest_sequence()
    registrar = factories.person_with_role("registrar")
    ada = registered("Ada", body=registrar.roles[0].organisation)
    applicant = factories.mediator()
    factories.accreditation(applicant, status="applied")
    (accreditation,) = accreditations_of(ada)
    operations.suspend(accreditation, registrar, reason="PRIVATE-REASON", public_note="Paused while we look into it.")
    page = changes.changes_after(start)
    assert [(c.registration_number, c.kind, c.status) for c in page.changes] == [
        (ada.registration_number, "accredited", "accredited"),
        (ada.registration_number, "suspended", "suspended"),
    ]
    assert page.changes[1].public_note == "Paused while we look into it."
    assert page.changes[1].body_name == accreditation.body.name
    assert "PRIVATE-REASON" not in repr(page)
    assert page.next_after == page.changes[-1].sequence and not page.has_more
    first = changes.changes_after(start, limit=1)
    assert len(first.changes) == 1 and first.has_more
    rest = changes.changes_after(first.next_after)
    assert [c.kind for c in rest.changes] == ["suspended"]
    empty = changes.changes_after(rest.next_after)
    assert empty.changes == [] and empty.next_after == rest.next_after and not empty.has_more


@pytest.mark.parametrize(("after", "limit"), [(-1, 10), (0, 0), (0, 1001)])
def test_feed_arguments_are_bounded(after: int, limit: int) -> None:
    with pytest.raises(DomainError):
        changes.changes_after(after, limit)


def test_the_snapshot_states_its_sequence_and_lists_everyone_on_the_register(registered, factories) -> None:
    mediators = [registered(f"Person {i}", status=s) for i, s in enumerate(["accredited", "suspended", "lapsed"])]
    applicant = factories.mediator()
    factories.accreditation(applicant, status="applied")
    snapshot = changes.register_snapshot(batch_size=2)
    assert snapshot.sequence == changes.latest_sequence()
    entries = {e.registration_number: e for e in snapshot.entries}
    for mediator in mediators:
        assert mediator.registration_number in entries
    assert applicant.registration_number not in entries
    assert entries[mediators[1].registration_number].status.code == "suspended"
    assert entries[mediators[0].registration_number].body_name
