"""No private field of a consultation leaves through a public page or the API (the privacy sentinel,
``tests.fixtures.privacy``): the demo's consultation with a marker in every field that is not public,
a response's email and the reason for hiding one included."""

from __future__ import annotations

from flask.testing import FlaskClient
from sqlalchemy import select

from registry.domain import clock
from registry.extensions import db
from registry.models import Consultation, ConsultationAnswer, ConsultationResponse
from tests.fixtures.privacy import mark_unpublished, readable_text, shows_the_marker

PUBLIC_PAGES = (
    "/standards/consultations",
    "/standards/mediator-standards/1.1/consultation",
    "/standards/mediator-standards/1.1/consultation/respond",
    "/standards",
    "/standards/mediator-standards/1.0",
    "/api/v1/standards",
    "/api/v1/changes?after=0&limit=1000",
)


def test_no_private_field_of_a_consultation_shows(client: FlaskClient, demo_register) -> None:
    consultation = db.session.scalars(select(Consultation).where(Consultation.version == "1.1")).one()
    hidden = ConsultationResponse(
        consultation=consultation,
        email="hidden@example.org",
        publication="named",
        verified_at=clock.now(),
        hidden_at=clock.now(),
        hidden_reason="abuse",
        answers=[ConsultationAnswer(topic="MS-6.5", view="agree", reason="hidden words")],
    )
    db.session.add(hidden)
    db.session.flush()
    written = mark_unpublished()
    assert {"ConsultationResponse.email", "ConsultationResponse.hidden_reason", "ConsultationAnswer.reason"} <= written
    for path in PUBLIC_PAGES:
        response = client.get(path)
        assert response.status_code == 200, path
        assert not shows_the_marker(readable_text(response)), path
    assert client.get("/standards/mediator-standards/1.1/consultation/response").status_code == 404
