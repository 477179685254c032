"""The words pages and the API use for a programme's levels, delivery modes and assessment methods."""

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
# A programme's statuses and events are in registry.domain.statuses, with the mediator's.
