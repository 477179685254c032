"""The words pages and the API use for a programme's codes, kept in one place."""

from __future__ import annotations

LEVEL_NAMES = {
    "foundation": "Foundation training",
    "send_specialist": "SEND specialist training",
    "cpd_course": "CPD course",
}
DELIVERY_MODE_NAMES = {
    "in_person": "In person",
    "online": "Online",
    "blended": "Blended (in person and online)",
}
ASSESSMENT_METHOD_NAMES = {
    "observed_role_play": "Observed role-play assessment",
    "written": "Written assessment",
    "portfolio": "Portfolio",
    "attendance_only": "Attendance only",
}
STATUS_NAMES = {
    "submitted": "Waiting for a decision",
    "refused": "Refused",
    "accredited": "Accredited",
    "suspended": "Suspended",
    "lapsed": "Lapsed",
    "withdrawn": "Withdrawn",
}
EVENT_NAMES = {
    "submitted": "Submitted",
    "resubmitted": "Resubmitted",
    "accredited": "Accredited",
    "refused": "Refused",
    "suspended": "Suspended",
    "reinstated": "Reinstated",
    "withdrawn": "Withdrawn",
    "lapsed": "Lapsed",
}
# What each public status means for someone choosing or relying on the training.
STATUS_EXPLANATIONS = {
    "accredited": "Completing this programme counts as accredited SEND mediation training.",
    "suspended": "The programme's accreditation is paused: completions while it is suspended do not count.",
    "lapsed": "The accreditation ran out and the provider has not renewed it. Earlier completions still count.",
    "withdrawn": "The accreditation was withdrawn. Completions before then still count.",
}
