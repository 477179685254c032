"""A signed-in mediator with a Mediator record and a current accreditation, and ways to seed their log."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

import pytest
from flask.testing import FlaskClient

from registry.extensions import db
from registry.models import Accreditation, LogEntry, Mediator, Organisation, User
from tests.conftest import csrf_token_from


@dataclass
class MediatorWorld:
    client: FlaskClient
    user: User
    mediator: Mediator
    body: Organisation
    accreditation: Accreditation

    def token(self, path: str) -> str:
        return csrf_token_from(self.client.get(path).text)


@pytest.fixture
def world(client_as, factories) -> MediatorWorld:
    """Accredited for the 12 months that began 100 days ago, by a body of its own."""
    body = factories.organisation(kind="accrediting_body")
    client = client_as("mediator")
    mediator = factories.mediator(user_id=client.user.id)
    valid_from = date.today() - timedelta(days=100)
    accreditation = factories.accreditation(
        mediator, body, valid_from=valid_from, valid_until=valid_from + timedelta(days=364)
    )
    return MediatorWorld(client, client.user, mediator, body, accreditation)


@pytest.fixture
def registrar(client_as, world: MediatorWorld) -> FlaskClient:
    """A registrar of the mediator's own accrediting body."""
    return client_as("registrar", organisation=world.body)


def add_entry(
    mediator: Mediator,
    kind: str,
    category: str,
    hours: str,
    days_ago: int = 10,
    *,
    status: str = "declared",
    title: str = "Seeded entry",
    **fields: object,
) -> LogEntry:
    """Insert an entry straight into the log, for tests about reading it rather than adding it."""
    entry = LogEntry(
        mediator_id=mediator.id,
        kind=kind,
        category=category,
        occurred_on=date.today() - timedelta(days=days_ago),
        quarter_hours=int(Decimal(hours) * 4),
        title=title,
        provider=fields.pop("provider", ""),
        reflection=fields.pop("reflection", ""),
        annotation=fields.pop("annotation", ""),
        review_status=status,
        review_note=fields.pop("review_note", ""),
        **fields,
    )
    db.session.add(entry)
    db.session.flush()
    return entry


@pytest.fixture
def seed():
    return add_entry
