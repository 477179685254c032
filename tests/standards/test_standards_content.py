"""The shipped standards files: they check clean and say what the design says they say."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

from registry.standards import check_tree, load_all

SHIPPED = Path(__file__).resolve().parents[2] / "standards"


def test_shipped_tree_checks_clean() -> None:
    assert check_tree(SHIPPED) == []


def test_every_family_has_version_1_0() -> None:
    library = load_all(SHIPPED)
    assert library.families() == (
        "cpd-scheme",
        "mediator-standards",
        "oversight-criteria",
        "training-criteria",
        "vocabularies",
    )
    for family in library.families():
        assert "1.0" in library.versions(family)


def test_mediator_standards_cover_twelve_areas_with_stable_codes() -> None:
    standards = load_all(SHIPPED).mediator_standards("1.0")
    assert [s.code for s in standards.standards] == [f"MS-{n}" for n in range(1, 13)]
    for standard in standards.standards:
        assert 3 <= len(standard.criteria) <= 4, standard.code
        for number, criterion in enumerate(standard.criteria, start=1):
            assert criterion.code == f"{standard.code}.{number}"
            assert criterion.title and criterion.statement and criterion.evidence
    titles = " ".join(s.title.lower() for s in standards.standards)
    for topic in ("independence", "accessibility", "confidentiality", "complaints", "insurance", "supervision"):
        assert topic in titles


def test_cpd_scheme_numbers_are_the_designed_ones() -> None:
    scheme = load_all(SHIPPED).cpd_scheme("1.0")
    assert scheme.period_months == 12
    assert [k.code for k in scheme.kinds] == ["cpd", "supervision", "practice"]
    minimums = {(r.kind, r.category): r.minimum_hours for r in scheme.requirements}
    assert minimums == {
        ("cpd", None): Decimal(10),
        ("cpd", "send_law_policy_practice"): Decimal(3),
        ("supervision", None): Decimal(4),
        ("supervision", "one_to_one"): Decimal(2),
        ("practice", "send_mediation"): Decimal(10),
    }
    assert scheme.cap_for("cpd", "self_directed_reading") == Decimal(3)
    assert {c.code for c in scheme.categories_for("supervision")} == {"one_to_one", "group"}


def test_training_criteria_levels() -> None:
    library = load_all(SHIPPED)
    criteria = library.training_criteria("1.0")
    assert criteria.programme_accreditation_years == 3
    foundation = criteria.level("foundation")
    specialist = criteria.level("send_specialist")
    course = criteria.level("cpd_course")
    assert foundation and specialist and course
    assert foundation.minimum_hours == 40 and foundation.minimum_role_play_hours == 20
    assert foundation.observed_assessment_required
    assert specialist.minimum_hours == 12 and specialist.must_cover
    known = set(library.mediator_standards(criteria.mediator_standards_version).criterion_codes)
    assert set(specialist.must_cover) <= known
    scheme = library.cpd_scheme(criteria.cpd_scheme_version)
    assert course.log_categories and all(scheme.category(code) for code in course.log_categories)


def test_oversight_criteria_subjects_and_threshold() -> None:
    oversight = load_all(SHIPPED).oversight_criteria("1.0")
    body = oversight.subject("accrediting_body")
    provider = oversight.subject("training_provider")
    assert body and provider
    assert all(c.code.startswith("OB-") for c in body.criteria)
    assert all(c.code.startswith("OT-") for c in provider.criteria)
    thresholds = [c.threshold for c in body.criteria if c.threshold]
    assert [t.measure for t in thresholds] == ["accredited_mediators"]
    assert thresholds[0].minimum > 0


def test_vocabularies() -> None:
    vocabularies = load_all(SHIPPED).vocabularies("1.0")
    assert [t.code for t in vocabularies.formats] == ["in_person", "video", "phone"]
    languages = {t.code for t in vocabularies.languages}
    assert {"en", "cy", "bfi"} <= languages
    assert len(languages) >= 20
    assert all(re.fullmatch(r"[a-z]{2,3}", code) for code in languages)
    assert vocabularies.specialisms
    assert all(len(t.code) <= 40 for t in vocabularies.specialisms)
