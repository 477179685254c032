"""Plain-English wording for demo histories: public notes, private reasons and conditions."""

from __future__ import annotations

from random import Random

PUBLIC_NOTES = {
    "accredited": "Accredited against the SEND mediator standards, version 1.0.",
    "refused": "Application refused: the evidence did not yet meet the standards. The applicant may apply again.",
    "renewed": "Accreditation renewed for a further 12 months.",
    "conditions_added": "Accredited with conditions. The conditions are shown on this page.",
    "conditions_lifted": "Conditions lifted: the accrediting body is satisfied they have been met.",
    "suspended": "Accreditation suspended while the accrediting body looks into a concern.",
    "reinstated": "Suspension lifted. The mediator is accredited again.",
    "reinstated_after_lapse": "Accreditation restored after a renewal application with a complete log.",
    "withdrawn": "Accreditation withdrawn: the accrediting body found that the standards were not met.",
    "lapsed": "Lapsed: the accreditation was not renewed before it ended.",
    "resigned": "The mediator has left the register.",
}

REASONS = {
    "accredited": [
        "All criteria met. Observed mediation was well structured and impartial.",
        "All criteria met on the evidence submitted; references from two LAs were positive.",
        "Criteria met. Strong understanding of EHC plan appeals and of health and social care elements.",
    ],
    "refused": [
        "Observed mediation did not show impartiality: the applicant told the family what a tribunal would decide.",
        "Not enough supervised SEND mediation practice (fewer than the hours the standards ask for).",
        "The applicant could not show training in the SEND legal framework; advised to complete a course first.",
        "Two references did not confirm the practice hours claimed.",
    ],
    "renewed": [
        "CPD, supervision and practice log for the year complete and verified.",
        "Log complete; CPD hours above the minimum. No concerns in the period.",
    ],
    "conditions_added": [
        "Log for the year was short of supervision hours; renewal granted with a condition to catch up.",
        "Concern about record keeping upheld in part; conditions agreed with the mediator.",
        "Returned to practice after a long break; conditions agreed for the first months.",
    ],
    "conditions_lifted": [
        "Evidence received that the conditions have been met.",
        "Supervisor's report confirms the conditions are met.",
    ],
    "suspended": [
        "Concern received from a parent about a breach of confidentiality; investigation opened.",
        "LA reported that the mediator also worked for it on a contract; checking independence.",
        "Concern raised by a mediation provider about conduct in a mediation meeting.",
    ],
    "reinstated": [
        "Investigation finished: concern not upheld.",
        "Independence question resolved: the contract with the LA has ended.",
    ],
    "withdrawn": [
        "Investigation upheld a serious concern about conduct; accreditation withdrawn.",
        "Mediator continued to work for an LA it mediated for, after being told this breaks independence.",
    ],
    "resigned": [
        "Mediator retiring from practice.",
        "Mediator taking up a post with a local authority, so can no longer be independent.",
        "Mediator moving abroad.",
    ],
}

CONDITIONS = [
    "Must have monthly supervision with an accredited SEND mediation supervisor for six months.",
    "Must complete six hours of CPD on health and social care elements of EHC plans within six months.",
    "May only mediate jointly with another accredited mediator until the accrediting body confirms otherwise.",
    "Must send the accrediting body a sample of three anonymised mediation records each quarter.",
]


def note(kind: str) -> str:
    return PUBLIC_NOTES[kind]


def reason(rng: Random, kind: str) -> str:
    return rng.choice(REASONS[kind])


def condition(rng: Random) -> str:
    return rng.choice(CONDITIONS)
