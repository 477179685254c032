"""What a review is judged against.

Accrediting bodies, training providers and mediation providers: their subject in the oversight
criteria (``OB-*``, ``OT-*``, and ``OP-*`` from version 1.1). A mediator has no subject there, so a
mediator review uses the criteria of the mediator standards (``MS-*``) they are accredited against:
the same yardstick the body used to accredit them. The review records the family and version it was
planned against and keeps using them if a newer version is published meanwhile.
"""

from __future__ import annotations

from dataclasses import dataclass

from registry.domain import standards

OVERSIGHT_FAMILY = "oversight-criteria"
MEDIATOR_FAMILY = "mediator-standards"


@dataclass(frozen=True)
class ReviewCriterion:
    code: str
    title: str
    statement: str


def current_criteria_for(subject_kind: str) -> tuple[str, str]:
    """(family, version) a new review of this kind of subject is planned against."""
    library = standards.library()
    if subject_kind == "mediator":
        return MEDIATOR_FAMILY, library.current_version(MEDIATOR_FAMILY)
    return OVERSIGHT_FAMILY, library.current_version(OVERSIGHT_FAMILY)


def criteria(subject_kind: str, family: str, version: str) -> list[ReviewCriterion]:
    """The criteria, in the order the standards list them."""
    library = standards.library()
    if family == MEDIATOR_FAMILY:
        return [ReviewCriterion(c.code, c.title, c.statement) for c in library.mediator_standards(version).criteria()]
    subject = library.oversight_criteria(version).subject(subject_kind)
    if subject is None:
        return []
    return [ReviewCriterion(c.code, c.title, c.statement) for c in subject.criteria]
