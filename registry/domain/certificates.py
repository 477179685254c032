"""What a mediator's dated certificate says: their entry and status as the register recorded it at
one moment (``/mediators/<number>/certificate.pdf``; the drawing is ``registry.web.mediators.certificate``).

The certificate is evidence a mediator can hand to a family or an LA, so it says exactly when the
register said it ("as recorded on 7 December 2026 at 19:40 GMT") and it is never kept: each download
reads the register afresh. Asked for an earlier day (``recorded_as_at``), it shows what the register
said at the end of that UK day, from the events it had recorded by then (``checks.status_report``,
the same answer as the status API's).

The standards version is that of the accreditation that decides the status; the dates are the
period of that accreditation and the day the status began. Only public facts: a suspension's public
note, never its private reason.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select

from registry.domain import clock
from registry.domain.checks import StatusReport, status_report
from registry.extensions import db
from registry.models import Accreditation


@dataclass(frozen=True)
class Certificate:
    report: StatusReport
    standards_version: str | None  # of the deciding accreditation; None when there never was one by then
    recorded_at: datetime  # UTC: the moment whose record it shows
    recorded_as_at: date | None  # the past day asked for, if any

    @property
    def as_recorded(self) -> str:
        """'As recorded on 7 December 2026 at 19:40 GMT', in UK time; for a past day, 'As recorded at the
        end of 1 March 2026'."""
        if self.recorded_as_at is not None and self.recorded_at >= clock.end_of_day(self.recorded_as_at):
            return f"As recorded at the end of {clock.long_date(self.recorded_as_at)}"
        local = self.recorded_at.astimezone(clock.UK)
        return f"As recorded on {clock.long_date(local.date())} at {local:%H:%M} {local.tzname()}"


def certificate(registration_number: str, recorded_as_at: date | None = None) -> Certificate:
    """The certificate for a number, now or as recorded at the end of ``recorded_as_at``.

    Raises what ``status_report`` raises: InvalidRegistrationNumber, NotFound, FutureDate."""
    now = clock.now()
    report = status_report(registration_number, as_known_on=recorded_as_at)
    state = report.status.state
    version = (
        db.session.scalar(select(Accreditation.standards_version).where(Accreditation.id == state.accreditation_id))
        if state is not None
        else None
    )
    ended = recorded_as_at is not None and clock.end_of_day(recorded_as_at) <= now
    recorded_at = clock.end_of_day(recorded_as_at) if ended and recorded_as_at is not None else now
    return Certificate(report, version, recorded_at, recorded_as_at)
