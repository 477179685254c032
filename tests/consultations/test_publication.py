"""Publishing the final version after a consultation (issue 21, item 5): checked against the draft it
followed, it makes the working group's response public and leaves accreditations judged against the
version before untouched."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from flask.testing import FlaskClient
from sqlalchemy import select

from registry.demo.consultation import published_text
from registry.domain.drafts import ConsultationRefused
from registry.domain.standards import import_standards
from registry.extensions import db
from registry.models import (
    Accreditation,
    Consultation,
    ConsultationAnswer,
    ConsultationDecision,
    ConsultationResponse,
    Notification,
)
from registry.models.standards import StandardsVersion

RESPONSE = "/standards/mediator-standards/1.1/consultation/response"


def test_publishing_waits_for_the_close_and_the_response_then_opens_it(
    consultation: Consultation,
    tree: Path,
    write_published: Callable[[str], Path],
    frozen_clock,
    client: FlaskClient,
    factories,
) -> None:
    accreditation = factories.accreditation(factories.mediator())
    mediator_user = factories.person_with_role("mediator")
    officer = factories.person_with_role("la_officer")
    assert accreditation.standards_version == "1.0"
    judged = db.session.scalars(select(Accreditation.id, Accreditation.standards_version)).all()
    write_published(published_text(date(2026, 5, 1)))
    with pytest.raises(ConsultationRefused, match="in consultation until 2026-03-31"):
        import_standards(tree)
    frozen_clock.advance(30)
    with pytest.raises(ConsultationRefused, match="has not written its response"):
        import_standards(tree)
    consultation.decisions.append(ConsultationDecision(topic="overall", decision="Adopted as drafted."))
    db.session.flush()
    assert client.get(RESPONSE).status_code == 404  # not public before publication
    text = published_text(date(2026, 5, 1)).replace(
        "takes place by video or telephone", "takes place by video, telephone or chat", 1
    )
    write_published(text)
    with pytest.raises(ConsultationRefused, match="MS-6.5"):
        import_standards(tree)
    write_published(published_text(date(2026, 5, 1)))
    report = import_standards(tree)
    assert report.added == ["mediator-standards 1.1"]
    assert db.session.scalars(
        select(StandardsVersion.version).where(StandardsVersion.family == "mediator-standards")
    ).all() == ["1.0", "1.1"]
    assert consultation.published_at is not None
    page = client.get(RESPONSE)
    assert page.status_code == 200 and "Adopted as drafted." in page.text
    assert RESPONSE in client.get("/standards/mediator-standards/1.1").text  # linked from the new version,
    assert RESPONSE in client.get("/standards/mediator-standards/1.0").text  # the old one,
    assert RESPONSE in client.get("/standards/mediator-standards/1.1/consultation").text  # and the consultation
    assert db.session.scalars(select(Accreditation.id, Accreditation.standards_version)).all() == judged
    feed = client.get("/api/v1/changes?after=0&limit=1000").get_json()
    announced = [u for u in feed["updates"] if u["kind"] == "standards_version"]
    assert announced[-1]["subject"] == "mediator-standards/1.1"
    assert announced[-1]["standards"]["takes_effect_on"] == "2026-05-01"
    assert announced[-1]["standards"]["consultation_response_url"] == RESPONSE
    told = db.session.scalars(select(Notification).where(Notification.kind == "standards_published")).all()
    assert {n.recipient_id for n in told} >= {mediator_user.id, officer.id}
    assert all("takes effect on 1 May 2026" in n.subject and n.link == RESPONSE for n in told)


def _response(consultation: Consultation, publication: str, reason: str, **fields: object) -> ConsultationResponse:
    response = ConsultationResponse(
        consultation=consultation,
        email=f"{publication}-sentinel@example.org",
        publication=publication,
        verified_at=datetime.now(UTC),
        answers=[ConsultationAnswer(topic="MS-6.5", view="agree", reason=reason)],
        **fields,
    )
    db.session.add(response)
    return response


def test_the_published_response_shows_only_what_each_author_allowed(
    consultation: Consultation, tree: Path, write_published: Callable[[str], Path], frozen_clock, client: FlaskClient
) -> None:
    _response(consultation, "named", "Named words.", name="Nia Named", organisation="Named Org")
    _response(consultation, "anonymous", "Anonymous words.", name="Anna Anonymous")
    _response(consultation, "private", "Private words.", name="Pat Private")
    _response(consultation, "named", "Hidden words.", name="Hal Hidden", hidden_at=datetime.now(UTC), hidden_reason="x")
    _response(consultation, "named", "Unverified words.", name="Una Unverified").verified_at = None
    consultation.decisions.append(ConsultationDecision(topic="MS-6.5", decision="Kept."))
    db.session.flush()
    frozen_clock.advance(30)
    write_published(published_text(date(2026, 5, 1)))
    import_standards(tree)
    page = client.get(RESPONSE).text
    assert "Nia Named, Named Org" in page and "Named words." in page
    assert "Anonymous words." in page and "Anna Anonymous" not in page
    assert "3 agreed and 0 disagreed" in page  # the hidden and the unverified do not count
    for private in ("Private words.", "Pat Private", "Hidden words.", "Hal Hidden", "Unverified words.", "sentinel@"):
        assert private not in page
    feed = client.get("/api/v1/changes?after=0&limit=1000").text
    assert "sentinel@" not in feed and "Hidden words." not in feed
