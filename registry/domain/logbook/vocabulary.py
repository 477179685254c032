"""The fixed lists a practice entry is described by: issue type and outcome band.

Practice entries record no names or personal data about families, only what these lists (and
the local authority, format and hours) say. Formats come from the standards vocabularies.
"""

from __future__ import annotations

ISSUE_TYPES: dict[str, str] = {
    "refusal_to_assess": "Refusal to carry out an EHC needs assessment",
    "refusal_to_issue": "Refusal to issue an EHC plan",
    "plan_contents": "What an EHC plan says (needs or provision)",
    "placement": "The school or college named in a plan",
    "health_social_care": "Health or social care provision",
    "review_amendments": "Changes after an annual review",
    "ceasing_plan": "A decision to stop maintaining a plan",
    "other": "Something else",
}

OUTCOME_BANDS: dict[str, str] = {
    "full_agreement": "Full agreement",
    "partial_agreement": "Partial agreement",
    "no_agreement": "No agreement",
    "not_concluded": "Did not go ahead or did not finish",
}

KIND_NAMES: dict[str, str] = {"cpd": "CPD", "supervision": "Supervision", "practice": "Practice"}

REVIEW_STATUS_NAMES: dict[str, str] = {"declared": "Not yet reviewed", "verified": "Verified", "rejected": "Rejected"}
