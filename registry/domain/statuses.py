"""The register's words for its statuses, declared once: a label, a colour and what it means.

Pages (the ``statusTag``/``statusHeadline`` macros in ``templates/components/status.html``), the
API (``label`` and ``explanation`` beside each ``status`` code), the CSV files (check results, the
change feed) and the notification emails all read these tables, so "Accredited — conditions apply"
is said the same way everywhere and a new status is added in one place.

- ``MEDIATOR``: a mediator's public status on a date (``MediatorStatus.code``, the API's codes).
- ``CHECK_OUTCOMES``: a checked number's outcome: a mediator's status, or why there is none.
- ``ACCREDITATION``: one accreditation's own status, as the people working on it see it.
- ``PROGRAMME``: a training programme's status, with what it means for someone relying on it.
- ``EVENTS``: an event of either lifecycle, in a timeline, a notification or the LA's list of changes.
- ``INDEPENDENCE``: what a mediator declared with a local authority (an independence declaration's
  kind), said beside them wherever they are shown for that LA; the label ends with the LA's name.

Each ``meaning`` is one plain sentence (``tests/website/test_vocabulary.py`` holds them to it).

Colours are GOV.UK tag colours (``govuk-tag--<colour>``): green may act, yellow may act with care,
red must not, grey is not accredited, blue is waiting.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Words:
    label: str
    colour: str
    meaning: str = ""


MEDIATOR: dict[str, Words] = {
    "accredited": Words("Accredited", "green", "They can take on SEND mediations."),
    "accredited_with_conditions": Words(
        "Accredited — conditions apply",
        "yellow",
        "They can take on SEND mediations while they keep to the conditions on their profile.",
    ),
    "suspended": Words(
        "Suspended",
        "red",
        "They must not take on SEND mediations while suspended, so if you have one booked with them, "
        "contact your mediation service.",
    ),
    "lapsed": Words(
        "Lapsed",
        "grey",
        "Their accreditation ran out because it was not renewed in time, so they must not take on SEND mediations.",
    ),
    "withdrawn": Words(
        "Withdrawn", "red", "Their accreditation was withdrawn, so they must not take on SEND mediations."
    ),
    "not_accredited": Words("Not accredited", "grey", "They are not accredited to mediate SEND disagreements."),
}

CHECK_OUTCOMES: dict[str, Words] = MEDIATOR | {
    "not_found": Words("Not on the register", "grey", "No accredited mediator has ever had this number."),
    "invalid_number": Words(
        "Invalid number",
        "orange",
        "The number cannot be right, because it is not in the form SM-123456-7 or a character is mistyped.",
    ),
}

ACCREDITATION: dict[str, Words] = {
    "applied": Words("Waiting for a decision", "blue", "The body has the application and has not decided yet."),
    "submitted": Words("Waiting for a decision", "blue", "The body has the application and has not decided yet."),
    "refused": Words("Refused", "red", "The body decided not to accredit, and gave its reasons."),
    "accredited": Words(
        "Accredited", "green", "The body checked the application against the standards and accepted it."
    ),
    "suspended": Words(
        "Suspended", "red", "The accreditation is paused, and no new SEND mediations may be taken on meanwhile."
    ),
    "lapsed": Words("Lapsed", "grey", "The accreditation ran out because it was not renewed in time."),
    "withdrawn": Words("Withdrawn", "red", "The body ended the accreditation for good."),
    "resigned": Words("Resigned", "grey", "The mediator chose to leave the register."),
}

PROGRAMME: dict[str, Words] = {
    "submitted": ACCREDITATION["submitted"],
    "refused": ACCREDITATION["refused"],
    "accredited": Words(
        "Accredited", "green", "Completing this programme counts as accredited SEND mediation training."
    ),
    "suspended": Words(
        "Suspended", "red", "The programme's accreditation is paused: completions while it is suspended do not count."
    ),
    "lapsed": Words(
        "Lapsed",
        "grey",
        "The accreditation ran out without being renewed, but completions before then still count.",
    ),
    "withdrawn": Words("Withdrawn", "red", "The accreditation was withdrawn, but completions before then still count."),
}

EVENTS: dict[str, str] = {
    "applied": "Applied",
    "submitted": "Submitted",
    "resubmitted": "Resubmitted",
    "accredited": "Accredited",
    "refused": "Refused",
    "renewed": "Accreditation renewed",
    "conditions_changed": "Conditions of accreditation changed",
    "suspended": "Accreditation suspended",
    "reinstated": "Accreditation reinstated",
    "withdrawn": "Accreditation withdrawn",
    "resigned": "Resigned from the register",
    "lapsed": "Accreditation lapsed",
}


def labels(table: dict[str, Words]) -> dict[str, str]:
    """``{code: label}``, for a select's choices or a column of words."""
    return {code: words.label for code, words in table.items()}


INDEPENDENCE: dict[str, Words] = {
    "employment": Words(
        "Declared that they are employed by",
        "orange",
        "The law says a SEND mediator must not be employed by the local authority they mediate for: "
        "ask the mediation service for a different mediator.",
    ),
    "conflict": Words(
        "Declared a contract or other conflict of interest with",
        "orange",
        "Ask them, or the mediation service, whether they can mediate your case independently.",
    ),
}
