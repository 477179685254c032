"""Fixtures for mediation providers: a provider with a member of staff, an accredited mediator who can
sign in, and Sheffield's organisation."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from flask.testing import FlaskClient

from registry.models import Mediator, Organisation
from tests.api import conftest as api_fixtures
from tests.conftest import csrf_token_from
from tests.fixtures.clients import sign_in

la_organisation = api_fixtures.la_organisation


@pytest.fixture
def provider(factories) -> Organisation:  # type: ignore[no-untyped-def]
    return factories.organisation(kind="mediation_provider", name="Pennine Mediation", slug="pennine-mediation")


@pytest.fixture
def staff(client_as, provider) -> FlaskClient:  # type: ignore[no-untyped-def]
    return client_as("provider", organisation=provider)


@pytest.fixture
def accredited(app, factories) -> Callable[..., tuple[Mediator, FlaskClient]]:  # type: ignore[no-untyped-def]
    """``accredited("Ada Lovelace", status=...)``: a mediator with an account, signed in, and their record."""

    def make(name: str = "Ada Lovelace", status: str = "accredited") -> tuple[Mediator, FlaskClient]:
        user = factories.person_with_role("mediator")
        mediator = factories.mediator(user_id=user.id, display_name=name)
        factories.accreditation(mediator, status=status)
        client = app.test_client()
        sign_in(client, user)
        client.user = user  # type: ignore[attr-defined]
        return mediator, client

    return make


def send(client: FlaskClient, page: str, action: str | None = None, **answers: object):  # type: ignore[no-untyped-def]
    """Open ``page`` and post its form (to ``action``, or back to the page) with a CSRF token from it."""
    opened = client.get(page)
    assert opened.status_code == 200, opened.text
    return client.post(action or page, data={**answers, "csrf_token": csrf_token_from(opened.text)})
