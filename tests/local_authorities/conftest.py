"""Fixtures for the LA pages: Sheffield's organisation and officer, a service, a covering mediator."""

from __future__ import annotations

from datetime import date

import pytest

from registry.domain.commissioned_services import ServiceInput, add_service
from registry.models import CommissionedService, Organisation
from tests.api import conftest as api_fixtures

la_organisation = api_fixtures.la_organisation
registered = api_fixtures.registered

SHEFFIELD = "E08000039"

SERVICE = ServiceInput(
    provider_name="Steel City Mediation",
    how_to_refer="Phone or email us and say you want mediation advice about an EHC decision.",
    since=date(2022, 4, 1),
    email="mediation@steelcity.example",
    phone="0114 496 0000",
    website="https://steelcity.example/mediation",
    local_offer_url="https://sheffield.example/local-offer/mediation",
)


@pytest.fixture
def sheffield(la_organisation) -> Organisation:  # type: ignore[no-untyped-def]
    return la_organisation(SHEFFIELD)


@pytest.fixture
def service(sheffield: Organisation) -> CommissionedService:
    return add_service(sheffield, SERVICE, None)
