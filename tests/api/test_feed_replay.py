"""Export + feed == a fresh export, after a day of demo activity that includes every kind of change.

A local authority's system loads the open-data export, then applies the change feed's ``updates``
after the export's sequence in order, the way the README says: a ``mediator_entry`` replaces (or
adds) the row of its ``subject`` with its ``entry`` (lists joined by ``;``, null as an empty cell),
a ``mediator_left`` drops the row. The copy must equal an export taken at the end of the day.
The day's changes are made through the domain and committed, as the register's pages and commands do.
"""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime
from typing import Any

import pytest
from flask.testing import FlaskClient
from sqlalchemy import select

from registry.domain import changes, publication
from registry.domain.accreditation import operations
from registry.domain.accreditation.operations import lapse_expired
from registry.domain.administration import rename_organisation
from registry.domain.mediators import remove_from_register
from registry.domain.profiles import current_input, update_profile
from registry.domain.training import decisions
from registry.extensions import db
from registry.models import (
    Accreditation,
    LocalAuthority,
    Mediator,
    Organisation,
    RoleAssignment,
    TrainingProgramme,
    User,
)
from registry.models.changes import CHANGE_KINDS, STANDARDS_VERSION
from tests.fixtures.clock import Clock

Rows = dict[str, dict[str, str]]


@pytest.fixture
def clock_start() -> date:
    """The demo's histories are written around the real today."""
    return datetime.now(UTC).date()


def _export(client: FlaskClient) -> tuple[int, Rows]:
    response = client.get("/api/v1/exports/register.csv")
    assert response.status_code == 200
    rows = {
        row["registration_number"]: {name: value for name, value in row.items() if name != "register_sequence"}
        for row in csv.DictReader(io.StringIO(response.get_data(as_text=True)))
    }
    return int(response.headers["X-Register-Sequence"]), rows


def _cell(value: Any) -> str:
    if isinstance(value, list):
        return ";".join(value)
    return "" if value is None else str(value)


def _replay(client: FlaskClient, copy: Rows, after: int) -> list[str]:
    """Apply every update after ``after`` to ``copy``, paging the feed; the kinds seen, in order."""
    kinds = []
    while True:
        page = client.get(f"/api/v1/changes?after={after}&limit=5").json
        assert page is not None
        for update in page["updates"]:
            kinds.append(update["kind"])
            if update["kind"] == "mediator_entry":
                copy[update["subject"]] = {name: _cell(value) for name, value in update["entry"].items()}
            elif update["kind"] == "mediator_left":
                copy.pop(update["subject"], None)
        if not page["has_more"]:
            return kinds
        after = page["next_after"]


def _registrar_of(body_id: int) -> User:
    return db.session.scalars(
        select(User)
        .join(RoleAssignment, RoleAssignment.user_id == User.id)
        .where(RoleAssignment.role == "registrar", RoleAssignment.organisation_id == body_id)
    ).first()  # type: ignore[return-value]


def _accreditation(status: str, *, not_of: set[int] = frozenset()) -> Accreditation:  # type: ignore[assignment]
    found = db.session.scalars(
        select(Accreditation)
        .join(Mediator, Mediator.id == Accreditation.mediator_id)
        .where(Accreditation.status == status, Accreditation.mediator_id.not_in(not_of or {0}))
        .order_by(Accreditation.id)
    ).first()
    assert found is not None, f"the demo has an accreditation that is {status}"
    return found


def test_export_plus_feed_equals_a_fresh_export_after_a_day_of_changes(
    frozen_clock: Clock, client: FlaskClient, demo_register: None
) -> None:
    db.session.commit()
    sequence, copy = _export(client)

    # A registrar suspends one accredited mediator and changes another's conditions.
    suspended = _accreditation("accredited")
    operations.suspend(
        suspended, _registrar_of(suspended.body_id), reason="PRIVATE reason", public_note="Suspended for now."
    )
    db.session.commit()
    # A mediator changes their public entry: areas, languages, contact details.
    mediator = db.session.get(Mediator, _accreditation("accredited", not_of={suspended.mediator_id}).mediator_id)
    assert mediator is not None
    wanted = current_input(mediator)
    update_profile(
        mediator,
        None,
        type(wanted)(
            **{
                **wanted.__dict__,
                "public_phone": "0114 496 0000",
                "languages": wanted.languages | {"cy"},
                "area_ids": wanted.area_ids | {db.session.scalars(select(LocalAuthority.id)).first() or 0},
            }
        ),
    )
    db.session.commit()
    # The admin renames a mediation provider: every entry that names it changes too.
    provider = db.session.scalars(
        select(Organisation).where(Organisation.kind == "mediation_provider").order_by(Organisation.id)
    ).first()
    assert provider is not None
    rename_organisation(provider, provider.name + " (South Yorkshire)")
    db.session.commit()
    # A body suspends a training programme.
    programme = db.session.scalars(
        select(TrainingProgramme).where(TrainingProgramme.status == "accredited").order_by(TrainingProgramme.id)
    ).first()
    assert programme is not None and programme.body is not None
    decisions.suspend(
        programme, _registrar_of(programme.body.id), programme.body, reason="PRIVATE", public_note="Under review."
    )
    db.session.commit()
    # A mediator whose accreditation lapsed leaves the register at their request.
    leaving = db.session.get(Mediator, _accreditation("lapsed").mediator_id)
    assert leaving is not None
    remove_from_register(leaving, None, "Retired: their letter of 6 December")
    db.session.commit()
    # The next day: the daily job lapses what ran out and publishes what changed by date.
    frozen_clock.advance(1)
    lapse_expired()
    publication.publish_due()
    db.session.commit()

    kinds = _replay(client, copy, sequence)
    # A version of the standards is published by `flask standards import`, not in a day of the register's
    # changes, and touches no row of the export (tests/consultations/test_publication.py reads it in the feed).
    assert set(kinds) == set(CHANGE_KINDS) - {STANDARDS_VERSION}, kinds
    _, fresh = _export(client)
    assert leaving.registration_number not in fresh
    assert copy == fresh


def test_a_private_edit_publishes_nothing_and_the_same_entry_is_published_once(
    client: FlaskClient, demo_register: None
) -> None:
    db.session.commit()
    mediator = db.session.get(Mediator, _accreditation("accredited").mediator_id)
    assert mediator is not None
    mediator.home_address = "PRIVATE home address"
    db.session.commit()
    start = changes.latest_sequence()
    mediator.private_phone = "PRIVATE 0114"
    db.session.commit()
    assert changes.changes_after(start).updates == []
    mediator.website = "https://mediator.example"
    db.session.commit()
    published = changes.changes_after(start).updates
    assert [(u.kind, u.subject, u.data["website"]) for u in published] == [
        ("mediator_entry", mediator.registration_number, "https://mediator.example")
    ]
    assert "PRIVATE" not in str(client.get(f"/api/v1/changes?after={start}").json)


def test_the_daily_job_publishes_an_entry_whose_status_turned_over_by_date(
    frozen_clock: Clock, client: FlaskClient, demo_register: None
) -> None:
    db.session.commit()
    accreditation = _accreditation("accredited")
    assert accreditation.valid_until is not None
    number = accreditation.mediator.registration_number
    start = changes.latest_sequence()
    frozen_clock.advance((accreditation.valid_until - frozen_clock.today).days + 1)
    publication.publish_due()  # before anything lapses it by an event
    db.session.commit()
    mine = [u for u in changes.changes_after(start).updates if u.subject == number]
    assert [(u.kind, u.data["status"]) for u in mine] == [("mediator_entry", "lapsed")]
    publication.publish_due()
    db.session.commit()
    assert [u.subject for u in changes.changes_after(mine[0].sequence).updates if u.subject == number] == []
