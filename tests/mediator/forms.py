"""Form data for the mediator's pages, as a browser would send it."""

from __future__ import annotations

from datetime import date, timedelta


def date_parts(day: date) -> list[str]:
    return [str(day.day), str(day.month), str(day.year)]


def cpd_form(token: str, **overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "csrf_token": token,
        "category": "send_law_policy_practice",
        "occurred_on": date_parts(date.today() - timedelta(days=3)),
        "hours": "1.5",
        "title": "Tribunal update webinar",
        "provider": "SEND Law Network",
        "reflection": "Useful on the new guidance.",
    }
    data.update(overrides)
    return data


def practice_form(token: str, local_authority_id: int, **overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "csrf_token": token,
        "category": "send_mediation",
        "occurred_on": date_parts(date.today() - timedelta(days=5)),
        "hours": "3.25",
        "title": "Mediation about a refusal to assess",
        "local_authority_id": str(local_authority_id),
        "issue_type": "refusal_to_assess",
        "format": "video",
        "outcome_band": "partial_agreement",
    }
    data.update(overrides)
    return data
