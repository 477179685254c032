"""Drafts as data (issue 21, item 1): a draft is validated like a published file, recorded as a
consultation, and changes nothing the register reads until it is published."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from registry.demo.consultation import draft_text
from registry.domain.accreditation.standards_access import criterion_codes, current_version
from registry.domain.drafts import ConsultationRefused
from registry.domain.standards import import_standards, library
from registry.extensions import db
from registry.models import Consultation
from registry.models.standards import StandardsVersion
from registry.standards import load_family_text

NEW_CRITERION = "MS-6.5"


def _problems(text: str, family: str = "mediator-standards") -> list[str]:
    return [problem.message for problem in load_family_text(family, "1.1", text).problems]


def test_a_draft_is_validated_like_a_published_file() -> None:
    good = draft_text(date(2026, 3, 1), date(2026, 3, 31))
    assert _problems(good) == []
    assert any("closes" in p and "before it opens" in p for p in _problems(good.replace("2026-03-31", "2026-02-01")))
    without_block = good.split("consultation:\n  opens_on")[0] + "standards:" + good.split("\nstandards:", 1)[1]
    assert any("needs a consultation block" in p for p in _problems(without_block))
    published_with_block = good.replace("status: consultation", "status: published")
    assert any("only a draft" in p for p in _problems(published_with_block))
    assert any("is not a status" in p for p in _problems(good.replace("status: consultation", "status: draft")))
    assert any("MS-6.5" in p or "code" in p for p in _problems(good.replace("code: MS-6.5", "code: MS-6.1")))
    assert any("Q1" in p for p in _problems(good.replace("code: Q1", "code: question-1")))


def test_importing_records_a_consultation_never_a_published_version(tree: Path, frozen_clock: object) -> None:
    report = import_standards(tree)
    assert report.consultations == ["mediator-standards 1.1"]
    assert "Drafts recorded for consultation: mediator-standards 1.1" in str(report)
    versions = db.session.scalars(
        select(StandardsVersion.version).where(StandardsVersion.family == "mediator-standards")
    )
    assert list(versions) == ["1.0"]
    consultation = db.session.scalars(select(Consultation)).one()
    assert (consultation.opens_on, consultation.closes_on) == (date(2026, 3, 1), date(2026, 3, 31))
    assert "status: consultation" in consultation.source and consultation.published_at is None
    again = import_standards(tree)
    assert again.consultations == [] and "mediator-standards 1.1" in again.unchanged


def test_a_draft_never_reaches_the_rules_the_forms_or_the_api(
    consultation: Consultation, app: Flask, client: FlaskClient
) -> None:
    lib = library()
    assert lib.versions("mediator-standards") == ("1.0",) and lib.drafts("mediator-standards") == ("1.1",)
    assert current_version() == "1.0"
    assert NEW_CRITERION not in criterion_codes(current_version())
    with pytest.raises(KeyError, match="draft"):
        lib.get("mediator-standards", "1.1")
    listed = client.get("/api/v1/standards").get_json()
    assert "1.1" not in {entry["version"] for entry in listed["items"] if entry["family"] == "mediator-standards"}
    assert client.get("/api/v1/standards/mediator-standards/1.1").status_code == 404
    assert client.get("/standards/mediator-standards/1.1").status_code == 404
    assert NEW_CRITERION not in client.get("/standards/mediator-standards/1.0").text
    assert NEW_CRITERION not in client.get("/api/v1/standards/mediator-standards/1.0").text


def test_a_draft_may_be_replaced_until_it_opens_and_never_after(tree: Path, frozen_clock: object, app: Flask) -> None:
    path = tree / "mediator-standards" / "1.1.yaml"
    path.write_text(draft_text(date(2026, 3, 10), date(2026, 4, 10)), encoding="utf-8")  # opens after today (4 March)
    import_standards(tree)
    path.write_text(draft_text(date(2026, 3, 2), date(2026, 4, 10)), encoding="utf-8")
    assert import_standards(tree).consultations == ["mediator-standards 1.1"]  # not yet open: replaced
    assert db.session.scalars(select(Consultation.opens_on)).one() == date(2026, 3, 2)
    path.write_text(draft_text(date(2026, 3, 2), date(2026, 4, 30)), encoding="utf-8")
    with pytest.raises(ConsultationRefused, match="new version number"):
        import_standards(tree)
    assert db.session.scalars(select(Consultation.closes_on)).one() == date(2026, 4, 10)
