"""The accreditation lifecycle (DESIGN §4): applications, assessment, decisions, history, the daily job.

- ``transitions``: the table of legal transitions and the 12-month validity arithmetic.
- ``applications``: apply, apply_for_renewal, record_assessment.
- ``operations``: accredit, refuse, renew, change_conditions, suspend, reinstate, withdraw, resign, lapse.
- ``recording``: the one writer of AccreditationEvents (checks, then event + cache + audit).
- ``history``: status_on (valid and record time), the public timeline.
- ``queries``: the registrar's queue, lookups, the public profile.
- ``daily``: lapse_expired.
"""

from registry.domain.accreditation.applications import (
    Declarations,
    OutcomeInput,
    apply,
    apply_for_renewal,
    missing_criteria,
    open_application,
    record_assessment,
)
from registry.domain.accreditation.daily import lapse_expired
from registry.domain.accreditation.history import MediatorStatus, public_timeline, status_on, statuses_on
from registry.domain.accreditation.operations import (
    accredit,
    change_conditions,
    lapse,
    refuse,
    reinstate,
    renew,
    resign,
    suspend,
    withdraw,
)

__all__ = [
    "Declarations",
    "MediatorStatus",
    "OutcomeInput",
    "accredit",
    "apply",
    "apply_for_renewal",
    "change_conditions",
    "lapse",
    "lapse_expired",
    "missing_criteria",
    "open_application",
    "public_timeline",
    "record_assessment",
    "refuse",
    "reinstate",
    "renew",
    "resign",
    "status_on",
    "statuses_on",
    "suspend",
    "withdraw",
]
