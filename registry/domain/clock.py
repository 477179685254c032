"""The register's calendar: days are UK days (Europe/London); timestamps are stored in UTC.

Operations read the time through ``today()`` and ``now()`` so tests can move the clock. It imports
nothing of the register, so anything may read the time without importing the accreditation package.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

UK = ZoneInfo("Europe/London")


def now() -> datetime:
    return datetime.now(UTC)


def today() -> date:
    return now().astimezone(UK).date()


def start_of_day(day: date) -> datetime:
    """The UTC instant at which the UK day ``day`` begins."""
    return datetime.combine(day, time.min, tzinfo=UK).astimezone(UTC)


def end_of_day(day: date) -> datetime:
    """The first UTC instant after the UK day ``day`` (an exclusive upper bound)."""
    return start_of_day(day + timedelta(days=1))


def long_date(day: date) -> str:
    """'3 March 2027', for messages."""
    return f"{day.day} {day:%B %Y}"
