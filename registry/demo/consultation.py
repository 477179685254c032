"""The demo's consultation (issue 21): mediator-standards 1.1 as a draft in open consultation, with a
few verified responses, so ``make run`` shows the whole journey.

The draft is ``drafts/mediator-standards-1.1.yaml`` with its dates filled in around today (open for
another three weeks), recorded the way ``flask standards import`` records a draft, with four verified
responses (named, anonymous and private; one from an organisation). The demo's oversight panel member
also holds ``standards_group``, so ``oversight@demo.test`` reads them. It is demo data,
not a file of the real standards tree: a register in production consults on drafts its working group
writes into ``STANDARDS_PATH``.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from string import Template

from sqlalchemy import select

from registry.domain import clock, drafts
from registry.extensions import db
from registry.models import Consultation, ConsultationAnswer, ConsultationResponse, User
from registry.standards import load_family_text

DRAFT = Path(__file__).parent / "drafts" / "mediator-standards-1.1.yaml"


def draft_text(opens_on: date, closes_on: date, published_on: date | None = None) -> str:
    """The demo draft with its dates (published, by default, the week after it closes)."""
    published = published_on or closes_on + timedelta(days=7)
    return Template(DRAFT.read_text(encoding="utf-8")).substitute(
        opens_on=opens_on.isoformat(), closes_on=closes_on.isoformat(), published_on=published.isoformat()
    )


def published_text(published_on: date) -> str:
    """The final 1.1 as the working group would publish it after the demo consultation: the draft's
    words, ``status: published``, without the consultation block."""
    text = draft_text(date(2000, 1, 1), date(2000, 1, 2), published_on)
    head, _, rest = text.partition("consultation:\n")
    _, _, body = rest.partition("\nstandards:\n")
    head = head.replace("status: consultation\n", "status: published\n")
    head = head.replace("a DRAFT for consultation", "published after consultation")
    return head + "standards:\n" + body


# (name, organisation, publication, answers as (topic, view, reason))
DEMO_RESPONSES: tuple[tuple[str | None, str | None, str, tuple[tuple[str, str, str], ...]], ...] = (
    (
        "Priya Shah",
        None,
        "named",
        (
            ("MS-5.2", "agree", "My son’s own words said more than any report about him. Please keep this."),
            ("MS-6.5", "agree", "A video meeting meant I did not need childcare, but I wanted to speak alone first."),
        ),
    ),
    (
        None,
        "Northshire SEND Information, Advice and Support Service",
        "anonymous",
        (
            ("overall", "agree", "The changes are clear and reflect what families tell us."),
            ("MS-6.2", "agree", "Agreements often fail when the health body was never asked."),
            ("Q1", "disagree", "A year is too long: renewals should use 1.1 after six months."),
        ),
    ),
    (
        "Gareth Price",
        "Pennine Mediation",
        "named",
        (
            ("MS-6.5", "disagree", "Telephone mediation can be fair: the criterion should not favour video."),
            ("MS-8.2", "agree", "Registered interpreters are easier to find in rural areas."),
        ),
    ),
    (
        None,
        None,
        "private",
        (("MS-5.2", "disagree", "Recording a young child’s exact words can expose them; it needs a safeguard."),),
    ),
)
DEMO_RESPONSE_EMAIL = "respondent-{}@demo.invalid"  # never shown; the demo's responses are verified already


def ensure_consultation(actor: User | None, today: date) -> int:
    """The demo's open consultation and its verified responses, once; how many responses were made."""
    known = db.session.scalars(
        select(Consultation).where(Consultation.family == "mediator-standards", Consultation.version == "1.1")
    ).first()
    if known is not None:
        return 0
    text = draft_text(today - timedelta(days=7), today + timedelta(days=21))
    parsed = load_family_text("mediator-standards", "1.1", text)
    drafts.record_draft(parsed, text, None, actor, today)
    consultation = db.session.scalars(select(Consultation).where(Consultation.version == "1.1")).one()
    now = clock.now()
    for number, (name, organisation, publication, answers) in enumerate(DEMO_RESPONSES, start=1):
        db.session.add(
            ConsultationResponse(
                consultation=consultation,
                name=name,
                organisation=organisation,
                email=DEMO_RESPONSE_EMAIL.format(number),
                publication=publication,
                created_at=now,
                verified_at=now,
                answers=[ConsultationAnswer(topic=t, view=v, reason=r) for t, v, r in answers],
            )
        )
    db.session.flush()
    return len(DEMO_RESPONSES)
