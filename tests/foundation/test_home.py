from __future__ import annotations

import re
from datetime import date, timedelta

from flask.testing import FlaskClient

from registry.extensions import db
from registry.models import Accreditation


def _accredited_count(html: str) -> int:
    match = re.search(r'id="accredited-count"[^>]*>([\d,]+)<', html)
    assert match, "home page does not show the accredited count"
    return int(match.group(1).replace(",", ""))


def test_home_counts_currently_accredited_mediators(client: FlaskClient, factories) -> None:
    before = _accredited_count(client.get("/").text)
    body = factories.organisation(kind="accrediting_body")
    today = date.today()
    for status in ("accredited", "accredited", "suspended", "lapsed"):
        mediator = factories.mediator()
        db.session.add(
            Accreditation(
                mediator=mediator,
                body=body,
                standards_version="1.0",
                status=status,
                valid_from=today - timedelta(days=30),
                valid_until=today + timedelta(days=300),
            )
        )
    db.session.flush()
    assert _accredited_count(client.get("/").text) == before + 2
