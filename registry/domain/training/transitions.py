"""The legal transitions of a programme's accreditation, as data, in the shape mediator accreditation uses.

Each kind names the statuses it may start from and the status it leads to (the ``Transition``
type of ``registry.domain.accreditation.transitions``). A programme is submitted by its provider,
then accredited or refused by a registrar; an accredited programme may be suspended (and
reinstated while still in date) or withdrawn for good; it lapses when its validity ends, and a
refused or lapsed programme comes back by resubmission with a new version.
"""

from __future__ import annotations

from datetime import date, timedelta

from registry.domain.accreditation.transitions import Transition
from registry.domain.errors import IllegalTransition

_DECIDE = "Only a programme waiting for a decision can be accredited or refused."
_CURRENT = "Only an accredited programme can be changed this way."
_RUNNING = "Only an accredited or suspended programme can be changed this way."

TRANSITIONS: dict[str, Transition] = {
    t.kind: t
    for t in (
        Transition("submitted", (None,), "submitted", "trainer", "submit", "It has already been submitted."),
        Transition(
            "resubmitted",
            ("refused", "lapsed"),
            "submitted",
            "trainer",
            "resubmit",
            "Only a refused or lapsed programme can be resubmitted.",
        ),
        Transition("accredited", ("submitted",), "accredited", "registrar", "accredit", _DECIDE),
        Transition("refused", ("submitted",), "refused", "registrar", "refuse", _DECIDE),
        Transition("suspended", ("accredited",), "suspended", "registrar", "suspend", _CURRENT),
        Transition(
            "reinstated",
            ("suspended",),
            "accredited",
            "registrar",
            "reinstate",
            "Only a suspended programme can be reinstated.",
        ),
        Transition("withdrawn", ("accredited", "suspended"), "withdrawn", "registrar", "withdraw", _RUNNING),
        Transition("lapsed", ("accredited", "suspended"), "lapsed", "the daily job", "lapse", _RUNNING),
    )
}

RUNNING = ("accredited", "suspended")
# What the public may see: the programmes that have been accredited, and these events of theirs.
PUBLIC_STATUSES = ("accredited", "suspended", "lapsed", "withdrawn")
PUBLIC_KINDS = ("accredited", "suspended", "reinstated", "withdrawn", "lapsed")

STATUS_WORDS = {
    None: "not yet submitted",
    "submitted": "waiting for a decision",
    "refused": "refused",
    "accredited": "accredited",
    "suspended": "suspended",
    "lapsed": "lapsed",
    "withdrawn": "withdrawn",
}


def check_transition(kind: str, from_status: str | None) -> Transition:
    """The transition for ``kind`` from ``from_status``, or IllegalTransition saying why not."""
    transition = TRANSITIONS[kind]
    if from_status not in transition.from_statuses:
        raise IllegalTransition(
            f"You cannot {transition.verb} this programme because it is {STATUS_WORDS[from_status]}. {transition.needs}"
        )
    return transition


def years_on(day: date, years: int) -> date:
    """The same calendar date ``years`` later; 29 February moves to 1 March."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return date(day.year + years, 3, 1)


def accredited_until(starts_on: date, years: int) -> date:
    """The last day of an accreditation of ``years`` starting on ``starts_on``: 4 March 2026, 3 years → 3 March 2029."""
    return years_on(starts_on, years) - timedelta(days=1)
