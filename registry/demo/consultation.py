"""The demo's consultation (issue 21): mediator-standards 1.1 as a draft in open consultation, with a
few verified responses, so ``make run`` shows the whole journey.

The draft is ``drafts/mediator-standards-1.1.yaml`` with its dates filled in around today (open for
another three weeks), recorded the way ``flask standards import`` records a draft. It is demo data,
not a file of the real standards tree: a register in production consults on drafts its working group
writes into ``STANDARDS_PATH``.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from string import Template

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
