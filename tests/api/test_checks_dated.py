"""Bulk checks say when a suspension took effect and since when a mediator declared a link with the
checking LA (issue 17, items 4 and 6), in the API and on the LA's stored check, fresh or read again."""

from __future__ import annotations

import html
from datetime import date, timedelta

from sqlalchemy import select

from registry.domain.accreditation import suspend
from registry.extensions import db
from registry.models import Accreditation, IndependenceDeclaration
from tests.conftest import csrf_token_from

LEEDS = "E08000035"


def test_a_check_carries_the_suspension_date_and_the_declared_links_date(
    client, registered, api_key, la_organisation, factories
) -> None:
    leeds = la_organisation(LEEDS)
    token = api_key(leeds).token
    ada, sam = registered("Ada Employed"), registered("Sam Suspended")
    started = date.today() - timedelta(days=200)
    db.session.add(
        IndependenceDeclaration(
            mediator=ada, kind="employment", local_authority_id=leeds.local_authority_id, started_on=started
        )  # fmt: skip
    )
    accreditation = db.session.scalars(select(Accreditation).where(Accreditation.mediator_id == sam.id)).one()
    suspended_on = date.today() - timedelta(days=5)
    suspend(accreditation, factories.person_with_role("registrar"), reason="x", public_note="Paused",
            effective_on=suspended_on)  # fmt: skip
    numbers = [ada.registration_number, sam.registration_number]
    response = client.post("/api/v1/checks", json={"numbers": numbers}, headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 201, response.text
    ada_item, sam_item = response.json["items"]
    assert ada_item["declared_conflict"] is True and ada_item["declared_conflict_since"] == started.isoformat()
    assert sam_item["outcome"] == "suspended" and sam_item["since"] == suspended_on.isoformat()
    assert sam_item["declared_conflict"] is False and sam_item["declared_conflict_since"] is None
    again = client.get(response.json["url"], headers={"Authorization": f"Bearer {token}"})
    assert again.json["items"] == response.json["items"]  # the stored check, read again, says the same


def test_the_la_workspace_shows_the_dates_of_a_stored_check(client_as, la_organisation, registered, factories) -> None:
    leeds = la_organisation(LEEDS)
    officer = client_as("la_officer", organisation=leeds)
    ada, sam = registered("Ada Employed"), registered("Sam Suspended")
    started = date.today() - timedelta(days=200)
    db.session.add(IndependenceDeclaration(mediator=ada, kind="conflict", local_authority_id=leeds.local_authority_id,
                                           started_on=started))  # fmt: skip
    accreditation = db.session.scalars(select(Accreditation).where(Accreditation.mediator_id == sam.id)).one()
    suspended_on = date.today() - timedelta(days=5)
    suspend(accreditation, factories.person_with_role("registrar"), reason="x", public_note="Paused",
            effective_on=suspended_on)  # fmt: skip
    token = csrf_token_from(officer.get("/check").text)
    response = officer.post(
        "/check", data={"csrf_token": token, "numbers": f"{ada.registration_number}\n{sam.registration_number}"}
    )
    assert response.status_code == 302
    text = " ".join(html.unescape(officer.get(response.location).text).split())
    assert f"your local authority since {started.day} {started:%B %Y}" in text
    assert f"Since {suspended_on.day} {suspended_on:%B %Y}" in text
