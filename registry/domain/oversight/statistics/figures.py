"""A statistic as a table: the page shows it (and charts one column), the CSV download is the same rows
with its definition (and, for a figure from outcome returns, the returns it was worked out from)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

Value = int | Decimal | str | None  # None is "no data"


@dataclass(frozen=True)
class Figure:
    slug: str  # the CSV's name: /statistics/<slug>.csv
    title: str
    columns: tuple[str, ...]
    rows: Sequence[tuple[Value, ...]]
    chart_column: int | None = None  # the column the bar chart shows; None for a table only
    unit: str = "count"  # how the charted column reads: count, percent or pounds
    notes: tuple[str, ...] = field(default_factory=tuple)
    definition: str = ""  # how it is worked out, in words: on the page and in its CSV
    from_returns: bool = False  # worked out from providers' outcome returns (its CSV lists them)

    def column_units(self) -> list[str]:
        """How each column reads: the charted column's unit, percent for "(%)", pounds for "(£)", else count."""
        units = []
        for index, column in enumerate(self.columns):
            if index == self.chart_column:
                units.append(self.unit)
            elif "(%)" in column or column == "Percentage":
                units.append("percent")
            elif "(£)" in column:
                units.append("pounds")
            else:
                units.append("count")
        return units

    def chart_rows(self) -> list[tuple[str, Value]]:
        if self.chart_column is None:
            return []
        return [(str(row[0]), row[self.chart_column]) for row in self.rows]


def percentage(part: int | None, whole: int | None) -> Decimal | None:
    """part ÷ whole as a percentage to one decimal place; None ("no data") when there is no whole."""
    if part is None or not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def points(higher: Decimal | None, lower: Decimal | None) -> Decimal | None:
    """The difference between two percentages in percentage points."""
    if higher is None or lower is None:
        return None
    return (higher - lower).quantize(Decimal("0.1"))
