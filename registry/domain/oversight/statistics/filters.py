"""What a visitor chose: a calendar year (or all years) and a region (or all of England).

The year defaults to the latest year any outcome return is for (or the current year when there
are none). A value that is not offered falls back to the default rather than failing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select

from registry.domain import clock
from registry.extensions import db
from registry.models import AccreditationEvent, LocalAuthority, OutcomeReturn


@dataclass(frozen=True)
class Region:
    code: str
    name: str


@dataclass(frozen=True)
class StatisticsFilter:
    year: int | None  # None: all years
    region: Region | None  # None: all of England
    today: date

    @property
    def as_at(self) -> date:
        """The day the register figures are taken on: the period's last day, or today if sooner."""
        if self.year is None or self.year >= self.today.year:
            return self.today
        return date(self.year, 12, 31)

    @property
    def period_label(self) -> str:
        return str(self.year) if self.year is not None else "all years"

    @property
    def area_label(self) -> str:
        return self.region.name if self.region else "England"

    def moments(self) -> tuple[datetime, datetime] | None:
        """The UTC bounds of the year (start inclusive, end exclusive), or None for all years."""
        if self.year is None:
            return None
        return clock.start_of_day(date(self.year, 1, 1)), clock.end_of_day(date(self.year, 12, 31))

    def query_args(self) -> dict[str, str]:
        return {
            "year": str(self.year) if self.year is not None else "all",
            "region": self.region.code if self.region else "",
        }


def regions() -> list[Region]:
    rows = db.session.execute(
        select(LocalAuthority.region_code, LocalAuthority.region_name).distinct().order_by(LocalAuthority.region_name)
    )
    return [Region(code, name) for code, name in rows]


def years_available(today: date) -> list[int]:
    """Every year from the first with anything to count — the earliest outcome return (returns go back to
    2014) or the earliest accreditation on the register — to this year (or a later return's), latest first.
    A register with neither offers this year alone."""
    first_return, last_return = db.session.execute(
        select(func.min(OutcomeReturn.year), func.max(OutcomeReturn.year))
    ).one()
    first_accredited = db.session.scalar(select(func.min(AccreditationEvent.effective_on)))
    first = min(
        [year for year in (first_return, first_accredited.year if first_accredited else None) if year is not None],
        default=today.year,
    )
    last = max(today.year, last_return or today.year)
    return list(range(last, min(first, last) - 1, -1))


def _default_year(today: date) -> int:
    return db.session.scalar(select(func.max(OutcomeReturn.year))) or today.year


def choose_filter(year: str | None, region: str | None, today: date | None = None) -> StatisticsFilter:
    today = today or clock.today()
    chosen_year: int | None
    if year == "all":
        chosen_year = None
    elif year and year.isascii() and year.isdigit() and int(year) in years_available(today):
        chosen_year = int(year)
    else:
        chosen_year = _default_year(today)
    chosen_region = next((r for r in regions() if r.code == (region or "").upper()), None)
    return StatisticsFilter(chosen_year, chosen_region, today)
