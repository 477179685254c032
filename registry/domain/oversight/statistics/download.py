"""One statistic as a CSV file: its table, then its definition and notes, then (for a figure from outcome
returns) every return it was worked out from.

The table's money columns carry pence (the exact figure rounded once, to 0.01); everything else is as
the page shows it before formatting. Every cell goes through ``csv_cells`` (a label that starts like a
formula cannot run in a spreadsheet). The blocks are separated by an empty row, each with a heading
row of its own, so a reader (or a program) can tell them apart.
"""

from __future__ import annotations

import io
from decimal import ROUND_HALF_UP, Decimal

from registry.domain import csv_cells
from registry.domain.oversight.statistics.figures import Figure, Value
from registry.domain.oversight.statistics.filters import StatisticsFilter
from registry.domain.oversight.statistics.returns import CountedReturn

PENNY = Decimal("0.01")


def _cell(value: Value, unit: str) -> Value:
    if unit == "pounds" and isinstance(value, Decimal):
        return value.quantize(PENNY, rounding=ROUND_HALF_UP)
    return value


def figure_csv(figure: Figure, chosen: StatisticsFilter, counted: list[CountedReturn] | None) -> str:
    out = io.StringIO()
    writer = csv_cells.writer(out)
    units = figure.column_units()
    writer.writerow(figure.columns)
    writer.writerows([_cell(value, units[i]) for i, value in enumerate(row)] for row in figure.rows)
    writer.writerow([])
    writer.writerow(["About this table"])
    writer.writerow(["Title", figure.title])
    writer.writerow(["Period", chosen.period_label])
    writer.writerow(["Area", chosen.area_label])
    if figure.definition:
        writer.writerow(["Definition", figure.definition])
    for note in figure.notes:
        writer.writerow(["Note", note])
    if counted is not None:
        writer.writerow(
            ["Source", f"{len(counted):,} outcome returns from mediation providers, each at its latest revision"]
        )
        writer.writerow([])
        writer.writerow(["Mediation provider", "Local authority", "GSS code", "Quarter", "Revision", "Sent on"])
        writer.writerows(
            [r.provider, r.local_authority, r.gss_code, r.period, r.revision, r.submitted_on] for r in counted
        )
    return out.getvalue()
