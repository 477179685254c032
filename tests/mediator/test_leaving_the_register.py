"""A mediator whose accreditation has ended leaves the public register at their request
(``flask mediators remove-from-register``): no search, profile, check or export shows them after
it, and the change feed says they left. One still accredited, suspended or withdrawn cannot."""

from __future__ import annotations

from datetime import date, timedelta

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from registry.domain.registration_numbers import format_number
from registry.extensions import db
from registry.models import AuditEvent, Mediator
from tests.fixtures.factories import Factories


def _mediator(factories: type[Factories], status: str) -> Mediator:
    mediator = factories.mediator(display_name=f"Leaving {status.title()}")
    ended = date.today() + timedelta(days=30 if status == "accredited" else -30)
    factories.accreditation(mediator, status=status, valid_from=ended - timedelta(days=364), valid_until=ended)
    db.session.commit()
    return mediator


def _leave(app: Flask, number: str, reason: str = "Retired: their letter of 1 December"):  # type: ignore[no-untyped-def]
    return app.test_cli_runner().invoke(args=["mediators", "remove-from-register", number, "--reason", reason])


def test_a_lapsed_mediator_leaves_and_every_public_reader_says_so(
    app: Flask, client: FlaskClient, factories: type[Factories]
) -> None:
    mediator = _mediator(factories, "lapsed")
    number = mediator.registration_number
    assert client.get(f"/mediators/{number}").status_code == 200
    after = client.get("/api/v1/changes").json["next_after"]

    result = _leave(app, number.lower())
    assert result.exit_code == 0, result.output
    assert f"{number} has left the public register." in result.output

    page = client.get(f"/mediators/{number}")
    assert page.status_code == 404 and "is no longer on the register" in page.text
    assert client.get(f"/api/v1/mediators/{number}").status_code == 404
    assert number not in client.get("/api/v1/exports/register.csv").text
    assert number not in client.get("/mediators?status=any&q=Leaving").text
    left = [u for u in client.get(f"/api/v1/changes?after={after}").json["updates"] if u["subject"] == number]
    assert [(u["kind"], u["entry"]) for u in left] == [("mediator_left", None)]
    audit = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "mediator.left_register")).one()
    assert audit.subject_id == number and audit.data["reason"].startswith("Retired")
    assert "Retired" not in client.get(f"/api/v1/changes?after={after}").text  # the reason stays private


def test_an_accredited_suspended_or_withdrawn_mediator_cannot_leave(app: Flask, factories: type[Factories]) -> None:
    for status in ("accredited", "suspended", "withdrawn"):
        mediator = _mediator(factories, status)
        result = _leave(app, mediator.registration_number)
        assert result.exit_code != 0 and "may leave the public register" in result.output, (status, result.output)
        assert db.session.get(Mediator, mediator.id).left_register_on is None  # type: ignore[union-attr]


def test_leaving_needs_a_reason_and_a_real_number(app: Flask, factories: type[Factories]) -> None:
    mediator = _mediator(factories, "lapsed")
    assert "Give the reason" in _leave(app, mediator.registration_number, reason=" ").output
    assert "No mediator has the registration number" in _leave(app, format_number("SM", 999999)).output
    mistyped = _leave(app, "not a number")
    assert mistyped.exit_code != 0 and "There is no mediator with that registration number: " in mistyped.output
