"""Applications behind the demo histories, as ``registry.domain.accreditation.applications`` makes them.

Every accreditation starts with an initial application (decided when the registrar accredited or
refused it; still open while ``applied``). A reinstatement after a lapse follows a renewal
application, and some lapsed mediators have an open one waiting. No per-criterion outcomes are
made: decided demo applications have none, and open ones are for the demo registrars to assess.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from registry.demo.lifecycle import Story

TRAINING = (
    "Foundation mediation course (40 hours) with Kestrel Mediation Academy; SEND law and EHC plans (2 days).",
    "Civil and family mediation training (5 days); SEND mediation specialist course with Harbourside "
    "Mediation Training.",
    "Accredited foundation course in mediation; training on the SEND Code of Practice and tribunal appeals.",
)
PRACTICE = (
    "About 30 SEND mediations a year for the last three years, most of them by video.",
    "Around 20 mediations a year, mostly about EHC needs assessments and the content of plans.",
    "I co-mediated for a year under supervision and now take about 25 mediations a year on my own.",
)


def _row(
    accreditation_id: int,
    kind: str,
    submitted_at: datetime,
    decided_at: datetime | None,
    submitted_by_id: int | None,
    declarations: dict[str, Any],
) -> dict[str, Any]:
    return {
        "accreditation_id": accreditation_id,
        "kind": kind,
        "standards_version": "1.0",
        "submitted_at": submitted_at,
        "submitted_by_id": submitted_by_id,
        "decided_at": decided_at,
        **declarations,
    }


def declarations_for(serial: int, independence_details: str) -> dict[str, Any]:
    """The applicant's declarations: all in order, with any health-body conflict explained."""
    return {
        "not_employed_by_local_authority": True,
        "independent_of_health_bodies": not independence_details,
        "independence_details": independence_details,
        "has_indemnity_insurance": True,
        "training_completed": TRAINING[serial % len(TRAINING)],
        "practice_experience": PRACTICE[serial % len(PRACTICE)],
        "consents_to_publication": True,
    }


def application_rows(
    story: Story, accreditation_id: int, submitted_by_id: int | None, declarations: dict[str, Any]
) -> list[dict[str, Any]]:
    rows = []
    events = story.events
    for index, event in enumerate(events):
        assert event.recorded_at is not None
        if event.kind == "applied":
            decided = events[index + 1].recorded_at if index + 1 < len(events) else None
            rows.append(_row(accreditation_id, "initial", event.recorded_at, decided, submitted_by_id, declarations))
        elif event.kind == "reinstated" and event.from_status == "lapsed":
            lapsed_at = events[index - 1].recorded_at
            assert lapsed_at is not None
            submitted = lapsed_at + (event.recorded_at - lapsed_at) / 2
            rows.append(_row(accreditation_id, "renewal", submitted, event.recorded_at, submitted_by_id, declarations))
    if story.renewal_requested_at is not None:
        rows.append(_row(accreditation_id, "renewal", story.renewal_requested_at, None, submitted_by_id, declarations))
    return rows
