"""The link from a completed CPD course to the mediator's professional log.

A completion of an accredited ``cpd_course`` adds a CPD entry to the mediator's log in each of
the programme version's log categories, for the hours the version says may be logged, through
the logbook's own ``add_entry`` (so the log's rules on categories, dates and hours apply) and
then marks it verified with the logbook's ``review``: the provider who ran the course vouches for
the attendance, so there is nothing left for the mediator's body to check. Both steps write
their own audit events, attributed to the person recording the completion.
"""

from __future__ import annotations

from decimal import Decimal

from registry.domain.logbook import EntryDraft, add_entry, review
from registry.models import ProgrammeVersion, TrainingCompletion, TrainingProgramme, User

TITLE_LENGTH = 200


def log_completion(
    completion: TrainingCompletion, programme: TrainingProgramme, version: ProgrammeVersion, actor: User
) -> int | None:
    """Record the verified log entries for ``completion``; the id of the first, or None when none are due."""
    if programme.level != "cpd_course" or not version.log_hours:
        return None
    suffix = f" ({programme.reference}, version {version.number})"
    title = version.title[: TITLE_LENGTH - len(suffix)] + suffix
    first: int | None = None
    for category, hours in sorted(version.log_hours.items()):
        draft = EntryDraft(
            kind="cpd",
            category=category,
            occurred_on=completion.completed_on,
            hours=Decimal(hours),
            title=title,
            provider=programme.provider.name,
        )
        entry = add_entry(completion.mediator, actor, draft)
        review(entry, actor, verified=True, note=f"Completion recorded by {programme.provider.name}.")
        first = first if first is not None else entry.id
    return first
