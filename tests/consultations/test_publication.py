"""Publishing the final version after a consultation (issue 21, item 5): checked against the draft it
followed, it makes the working group's response public and leaves accreditations judged against the
version before untouched."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from flask.testing import FlaskClient
from sqlalchemy import select

from registry.demo.consultation import published_text
from registry.domain.drafts import ConsultationRefused
from registry.domain.standards import import_standards
from registry.extensions import db
from registry.models import Accreditation, Consultation, ConsultationDecision
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
    assert client.get("/standards/mediator-standards/1.1").status_code == 200
    assert db.session.scalars(select(Accreditation.id, Accreditation.standards_version)).all() == judged
