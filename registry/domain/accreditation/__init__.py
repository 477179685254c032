"""The accreditation lifecycle (DESIGN §4): applications, assessment, decisions, history, the daily job.

The state machine itself is the one lifecycle (``registry.domain.lifecycle``), shared with training
programmes; this package configures it for a mediator and adds what is the mediator's own.

- ``transitions``: ``MEDIATOR_ACCREDITATION``, the lifecycle's configuration (the transitions table).
- ``applications``: apply, apply_for_renewal, record_assessment.
- ``operations``: accredit, refuse, renew, change_conditions, suspend, reinstate, withdraw, resign,
  lapse, and lapse_expired (the daily job's part for mediators).
- ``history``: status_on (valid and record time) with the decisive accreditation, the public timeline.
- ``queries``: the registrar's queue, lookups, the public profile.
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
from registry.domain.accreditation.history import MediatorStatus, public_timeline, status_on, statuses_on
from registry.domain.accreditation.operations import (
    accredit,
    change_conditions,
    lapse,
    lapse_expired,
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
