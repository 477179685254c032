"""Fixtures for the website tests: mediators on the register, and an app with rate limits switched on."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from registry import create_app
from registry.domain.local_authorities import find_local_authority
from registry.extensions import db, limiter
from registry.models import Mediator, MediatorFormat, MediatorLanguage, MediatorSpecialism, Organisation
from tests.conftest import RequestIsolatedClient, config_for_tests
from tests.fixtures.factories import Factories

LEEDS = "E08000035"


@pytest.fixture
def on_register(factories: type[Factories]) -> Callable[..., Mediator]:
    """``on_register("Ada Lovelace", status="suspended", areas=("E08000035",), ...)``: a mediator with
    one accreditation (see ``factories.accreditation``) and what they offer."""

    def make(
        name: str = "Ada Lovelace",
        *,
        status: str = "accredited",
        areas: tuple[str, ...] = (LEEDS,),
        languages: tuple[str, ...] = ("en",),
        formats: tuple[str, ...] = ("video",),
        specialisms: tuple[str, ...] = ("autism",),
        providers: tuple[Organisation, ...] = (),
        body: Organisation | None = None,
        **accreditation: object,
    ) -> Mediator:
        given, _, family = name.partition(" ")
        mediator = factories.mediator(display_name=name, given_name=given, family_name=family or given)
        mediator.areas.extend(find_local_authority(code) for code in areas)
        mediator.languages.extend(MediatorLanguage(code=code) for code in languages)
        mediator.formats.extend(MediatorFormat(code=code) for code in formats)
        mediator.specialisms.extend(MediatorSpecialism(code=code) for code in specialisms)
        mediator.providers.extend(providers)
        db.session.flush()
        factories.accreditation(mediator, body=body, status=status, **accreditation)  # type: ignore[arg-type]
        return mediator

    return make


@pytest.fixture
def limited_app(tmp_path: Path, database_url: str) -> Iterator[Flask]:
    """A second app with rate limits on (the suite's app has them off). It shares the test's
    database session, so its writes are rolled back with everything else."""
    config = config_for_tests(tmp_path, database_url) | {"RATELIMIT_ENABLED": True}
    app = create_app(config)
    app.test_client_class = RequestIsolatedClient
    try:
        yield app
    finally:
        limiter.reset()
        limiter.enabled = False  # the suite's app was created with limits off; keep it so


@pytest.fixture
def limited_client(limited_app: Flask) -> FlaskClient:
    return limited_app.test_client()
