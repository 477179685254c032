"""Training programmes (issue 6): submission and versions, the criteria check, registrars'
decisions, status at a date, completions and their link to the CPD log.

- ``transitions``: the programme's legal transitions (the accreditation ``Transition`` type) and validity.
- ``criteria``: the check against the training criteria for a level; shortfalls in plain words.
- ``programmes``: submit_programme, submit_version.
- ``recording``: the one writer of ProgrammeAccreditationEvents — how and why it reuses the
  mediator accreditation pattern is in its docstring.
- ``decisions``: accredit, refuse, suspend, reinstate, withdraw, lapse, lapse_expired.
- ``history``: status_on / statuses_on (valid and record time), public_history.
- ``completions``: record_completion, record_completions (all-or-nothing), parse_csv.
- ``cpd_link``: a completed CPD course's verified entries in the mediator's log.
- ``queries``: the public list and page, workspaces, a mediator's completed training.
"""

from registry.domain.training.completions import (
    CompletionRow,
    CompletionsRefused,
    parse_csv,
    record_completion,
    record_completions,
)
from registry.domain.training.criteria import CheckedContent, Shortfall, shortfalls
from registry.domain.training.decisions import accredit, lapse, lapse_expired, refuse, reinstate, suspend, withdraw
from registry.domain.training.history import ProgrammeStatus, public_history, status_on, statuses_on
from registry.domain.training.programmes import (
    ProgrammeContent,
    Submitted,
    submit_programme,
    submit_version,
    version_shortfalls,
)

__all__ = [
    "CheckedContent",
    "CompletionRow",
    "CompletionsRefused",
    "ProgrammeContent",
    "ProgrammeStatus",
    "Shortfall",
    "Submitted",
    "accredit",
    "lapse",
    "lapse_expired",
    "parse_csv",
    "public_history",
    "record_completion",
    "record_completions",
    "refuse",
    "reinstate",
    "shortfalls",
    "status_on",
    "statuses_on",
    "submit_programme",
    "submit_version",
    "suspend",
    "version_shortfalls",
    "withdraw",
]
