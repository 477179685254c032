"""Read queries about the public register as a whole."""

from __future__ import annotations

from sqlalchemy import func, select

from registry.extensions import db
from registry.models import Accreditation


def count_currently_accredited() -> int:
    """Mediators holding at least one accreditation that is currently in force."""
    return db.session.execute(
        select(func.count(func.distinct(Accreditation.mediator_id))).where(Accreditation.status == "accredited")
    ).scalar_one()
