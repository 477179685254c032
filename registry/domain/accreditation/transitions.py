"""The legal transitions of an accreditation (DESIGN §4), as data.

Each event kind names the statuses it may start from and the status it leads to. Every
operation checks its kind against this table before it writes anything, so an illegal
transition changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from registry.domain.errors import IllegalTransition


@dataclass(frozen=True)
class Transition:
    kind: str
    from_statuses: tuple[str | None, ...]
    to_status: str
    by: str  # "mediator", "registrar", "mediator or registrar" or "the daily job"
    verb: str  # "suspend", as in "you cannot suspend this accreditation"
    needs: str  # what the accreditation must be, in plain words


_DECIDE = "Only an application waiting for a decision can be decided."
_CURRENT = "Only a current accreditation can be changed this way."
_RUNNING = "Only a current or suspended accreditation can be changed this way."

TRANSITIONS: dict[str, Transition] = {
    t.kind: t
    for t in (
        Transition("applied", (None,), "applied", "mediator", "apply for", "An application has already been made."),
        Transition("accredited", ("applied",), "accredited", "registrar", "accredit", _DECIDE),
        Transition("refused", ("applied",), "refused", "registrar", "refuse", _DECIDE),
        Transition("renewed", ("accredited",), "accredited", "registrar", "renew", _CURRENT),
        Transition(
            "conditions_changed", ("accredited",), "accredited", "registrar", "change the conditions of", _CURRENT
        ),
        Transition("suspended", ("accredited",), "suspended", "registrar", "suspend", _CURRENT),
        Transition(
            "reinstated",
            ("suspended", "lapsed"),
            "accredited",
            "registrar",
            "reinstate",
            "Only a suspended or lapsed accreditation can be reinstated.",
        ),
        Transition("withdrawn", ("accredited", "suspended"), "withdrawn", "registrar", "withdraw", _RUNNING),
        Transition("lapsed", ("accredited", "suspended"), "lapsed", "the daily job", "lapse", _RUNNING),
        Transition("resigned", ("accredited",), "resigned", "mediator or registrar", "resign", _CURRENT),
    )
}

# Statuses in which the accreditation is in force or paused, and so runs out at valid_until.
RUNNING = ("accredited", "suspended")

# Kinds shown on public pages. Applications and refusals stay private between the mediator
# and their body: the register lists people who have been accredited, not every applicant.
PUBLIC_KINDS = (
    "accredited",
    "renewed",
    "conditions_changed",
    "suspended",
    "reinstated",
    "withdrawn",
    "resigned",
    "lapsed",
)

STATUS_WORDS = {
    None: "not yet applied for",
    "applied": "an application waiting for a decision",
    "refused": "refused",
    "accredited": "accredited",
    "suspended": "suspended",
    "lapsed": "lapsed",
    "withdrawn": "withdrawn",
    "resigned": "resigned",
}


def check_transition(kind: str, from_status: str | None) -> Transition:
    """The transition for ``kind`` from ``from_status``, or IllegalTransition saying why not."""
    transition = TRANSITIONS[kind]
    if from_status not in transition.from_statuses:
        raise IllegalTransition(
            f"You cannot {transition.verb} this accreditation because it is {STATUS_WORDS[from_status]}. "
            f"{transition.needs}"
        )
    return transition


def is_legal(kind: str, from_status: str | None, to_status: str) -> bool:
    transition = TRANSITIONS.get(kind)
    return transition is not None and from_status in transition.from_statuses and transition.to_status == to_status


def one_year_on(day: date) -> date:
    """The same calendar date a year later; 29 February moves to 1 March."""
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return date(day.year + 1, 3, 1)


def period_ending(starts_on: date) -> date:
    """The last day of a 12-month period starting on ``starts_on``: 4 March 2026 → 3 March 2027."""
    return one_year_on(starts_on) - timedelta(days=1)


def renewed_until(valid_until: date) -> date:
    """A renewal adds the next 12-month period, starting the day after the current one ends."""
    return period_ending(valid_until + timedelta(days=1))
