"""How a mediator covers a local authority: ``local`` (they list it among their areas) or
``remote`` (they do not, but they take cases from anywhere in England and meet by video or phone).

Decided once, here, in SQL for the search (``registry.domain.search``) and in Python for a profile
read for an LA (``registry.domain.accreditation.queries.public_profile``). A remote mediator who
also meets in person does so in their own areas only, so a search for in-person meetings leaves
the remote mediators out.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, and_, exists, true

from registry.models import LocalAuthority, Mediator, MediatorFormat

LOCAL, REMOTE = "local", "remote"
# The formats that let a mediator take a case from anywhere in England.
REMOTE_FORMATS = ("video", "phone")


def works_remotely() -> ColumnElement[bool]:
    """SQL: the mediator takes cases from anywhere in England and meets by video or phone.

    The formats are a correlated EXISTS, not ``IN (subquery)``: most mediators meet by video or
    phone, so an IN list drove the plan from the formats (140,000 rows at 100,000 mediators) instead
    of from the few thousand who take cases anywhere (``takes_cases_anywhere``'s index)."""
    remote_format = exists().where(MediatorFormat.mediator_id == Mediator.id, MediatorFormat.code.in_(REMOTE_FORMATS))
    return and_(Mediator.takes_cases_anywhere == true(), remote_format)


def coverage_of(mediator: Mediator, local_authority: LocalAuthority) -> str | None:
    """LOCAL, REMOTE, or None when the mediator does not cover the LA (their areas and formats loaded)."""
    if local_authority in mediator.areas:
        return LOCAL
    remote = any(item.code in REMOTE_FORMATS for item in mediator.formats)
    return REMOTE if mediator.takes_cases_anywhere and remote else None
