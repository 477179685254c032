"""No private field leaves through the API: fill every private field with a marker and look for it
in every response (public and keyed) and in the export; and no public schema declares one."""

from __future__ import annotations

import marshmallow as ma
from sqlalchemy import select

from registry.api.schemas import privileged, public
from registry.domain.accreditation import operations
from registry.domain.local_authorities import find_local_authority
from registry.extensions import db
from registry.models import Accreditation, IndependenceDeclaration

MARKER = "ZZPRIVATEZZ"
PRIVATE_NAMES = {"home_address", "private_email", "private_phone", "reason", "actor", "actor_id", "password_hash"}


def _schemas(module) -> list[type[ma.Schema]]:  # type: ignore[no-untyped-def]
    return [v for v in vars(module).values() if isinstance(v, type) and issubclass(v, ma.Schema) and v is not ma.Schema]


def test_no_api_schema_declares_a_private_field() -> None:
    for schema in _schemas(public) + _schemas(privileged):
        names = set(schema().fields) | {f.data_key for f in schema().fields.values() if f.data_key}
        assert not names & PRIVATE_NAMES, (schema.__name__, names & PRIVATE_NAMES)


def test_no_private_value_appears_in_any_response(client, registered, factories, api_key, la_organisation) -> None:
    registrar = factories.person_with_role(
        "registrar", name=f"Registrar {MARKER}actor", email="zzprivatezz@example.test"
    )
    mediator = registered(
        "Ada Public",
        body=registrar.roles[0].organisation,
        home_address=f"1 {MARKER} Street",
        private_email=f"{MARKER.lower()}-email@example.test",
        private_phone=f"0{MARKER}",
    )
    db.session.add(
        IndependenceDeclaration(
            mediator=mediator,
            kind="conflict",
            local_authority=find_local_authority("E08000039"),
            started_on=mediator.created_at.date(),
            description=f"Declared {MARKER} description",
        )
    )
    accreditation = db.session.scalars(select(Accreditation).where(Accreditation.mediator_id == mediator.id)).one()
    operations.suspend(accreditation, registrar, reason=f"Reason {MARKER}", public_note="Paused for now.")
    operations.reinstate(accreditation, registrar, reason=f"Reinstated {MARKER}")
    db.session.flush()
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
        assert MARKER not in text and MARKER.lower() not in text, path
    assert any("Ada Public" in text for text in seen)
    assert MARKER not in str(check)
