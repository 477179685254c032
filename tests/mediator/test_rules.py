"""The log's rules and the evidence sniffer, without the web layer."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal
from types import SimpleNamespace

import pytest

from registry.auth import policy
from registry.domain import evidence, standards
from registry.domain.logbook.rules import EntryDraft, RuleContext, parse_hours, problems

TODAY = date(2026, 6, 1)


@pytest.fixture
def context(app) -> RuleContext:
    return RuleContext(standards.cpd_scheme(), {"in_person", "video", "phone"}, TODAY)


GOOD = EntryDraft("cpd", "mediation_skills", TODAY, Decimal("1.25"), "Skills day")


def _fields(draft: EntryDraft, context: RuleContext) -> set[str]:
    return {problem.field for problem in problems(draft.cleaned(), context)}


def test_a_good_draft_has_no_problems(context) -> None:
    assert problems(GOOD, context) == []
    assert problems(replace(GOOD, hours=Decimal(40)), context) == []
    assert problems(replace(GOOD, hours=Decimal("0.25")), context) == []


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"occurred_on": TODAY + timedelta(days=1)}, "occurred_on"),
        ({"occurred_on": date(1999, 12, 31)}, "occurred_on"),
        ({"occurred_on": None}, "occurred_on"),
        ({"hours": Decimal("0.2")}, "hours"),
        ({"hours": Decimal("40.25")}, "hours"),
        ({"hours": Decimal("1.1")}, "hours"),
        ({"hours": None}, "hours"),
        ({"category": "group"}, "category"),
        ({"category": "made_up"}, "category"),
        ({"title": "  "}, "title"),
        ({"title": "x" * 201}, "title"),
        ({"local_authority_id": 5}, "kind"),
        ({"kind": "reading"}, "kind"),
    ],
)
def test_each_rule(context, change, field) -> None:
    assert field in _fields(replace(GOOD, **change), context)


def test_practice_entries_carry_only_the_practice_fields(context) -> None:
    practice = EntryDraft(
        "practice",
        "send_mediation",
        TODAY,
        Decimal(3),
        "Mediation",
        local_authority_id=1,
        issue_type="placement",
        format="video",
        outcome_band="full_agreement",
    )
    assert problems(practice, context) == []
    assert _fields(replace(practice, reflection="The mother said"), context) == {"reflection"}
    assert _fields(replace(practice, title="x" * 81), context) == {"title"}
    assert _fields(replace(practice, format="carrier_pigeon", outcome_band="won"), context) == {
        "format",
        "outcome_band",
    }


def test_parse_hours() -> None:
    assert parse_hours("1,5") == Decimal("1.5") and parse_hours(" 2 ") == Decimal(2)
    assert parse_hours("two") is None and parse_hours("NaN") is None and parse_hours("inf") is None


def test_sniffing_reads_content_not_names() -> None:
    assert evidence.sniff(b"%PDF-1.7 ...") == "application/pdf"
    assert evidence.sniff(b"\x89PNG\r\n\x1a\n....") == "image/png"
    assert evidence.sniff(b"\xff\xd8\xff\xdb") == "image/jpeg"
    assert evidence.sniff(b"PK\x03\x04 not a real zip") is None
    assert evidence.sniff(b"<svg onload=alert(1)>") is None
    with pytest.raises(ValueError):
        evidence.path_for(".", "../../etc/passwd")


def test_evidence_and_review_predicates() -> None:
    def person(user_id: int, *roles: tuple[str, int | None]):
        return SimpleNamespace(
            id=user_id,
            is_authenticated=True,
            roles=[SimpleNamespace(role=role, organisation_id=org) for role, org in roles],
        )

    owner = SimpleNamespace(user_id=1, body_ids=frozenset({10}))
    mediator, other_mediator = person(1, ("mediator", None)), person(2, ("mediator", None))
    registrar, outsider = person(3, ("registrar", 10)), person(4, ("registrar", 11))
    oversight = person(5, ("oversight", 20))
    assert policy.can_view_evidence(mediator, owner) and not policy.can_view_evidence(other_mediator, owner)
    assert policy.can_view_evidence(registrar, owner) and not policy.can_view_evidence(outsider, owner)
    assert policy.can_view_evidence(oversight, owner) and not policy.can_view_evidence(None, owner)
    assert policy.can_review_log(registrar, owner) and not policy.can_review_log(outsider, owner)
    assert not policy.can_review_log(oversight, owner) and not policy.can_review_log(mediator, owner)
