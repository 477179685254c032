"""The daily job: lapse accreditations whose validity has run out.

Selects running accreditations with ``valid_until`` before today (an index scan on
``(status, valid_until)``) and lapses each, effective the day after its ``valid_until`` — not
the day the job runs — so running late, after missed days, or twice gives the same history.
A lapsed accreditation is no longer running, so a second run finds nothing to do.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from registry.domain import clock
from registry.domain.accreditation.operations import lapse
from registry.domain.accreditation.transitions import RUNNING
from registry.extensions import db
from registry.models import Accreditation

BATCH = 500


def lapse_expired(today: date | None = None) -> list[int]:
    """Lapse every running accreditation whose ``valid_until`` is before ``today``; returns their ids."""
    today = today or clock.today()
    lapsed: list[int] = []
    while True:
        batch = db.session.scalars(
            select(Accreditation)
            .where(Accreditation.status.in_(RUNNING), Accreditation.valid_until < today)
            .order_by(Accreditation.valid_until, Accreditation.id)
            .limit(BATCH)
        ).all()
        if not batch:
            return lapsed
        for accreditation in batch:
            lapse(accreditation, None, today=today)
            lapsed.append(accreditation.id)
