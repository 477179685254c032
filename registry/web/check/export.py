"""Check results as CSV, each outcome in the register's words (``registry.domain.statuses``).

The file holds only what the register publishes (numbers, names, statuses, dates, conditions),
plus, for the local authority that ran a stored check, whether the mediator declared a conflict
with it. Cells that a spreadsheet would run as a formula are defused with a leading apostrophe
(``registry.domain.csv_cells``): what was entered is echoed back, whatever it was.
"""

from __future__ import annotations

import io

from registry.domain import csv_cells
from registry.domain.checks import CheckResult
from registry.domain.statuses import CHECK_OUTCOMES

COLUMNS = [
    "line",
    "you_entered",
    "registration_number",
    "outcome",
    "status",
    "name",
    "accredited_until",
    "conditions",
    "checked_as_at",
]


def check_csv(result: CheckResult, with_conflicts: bool = False) -> str:
    out = io.StringIO()
    writer = csv_cells.writer(out)
    writer.writerow(COLUMNS + (["declared_conflict_with_your_local_authority"] if with_conflicts else []))
    for item in result.items:
        row = [
            item.position,
            item.input,
            item.registration_number,
            item.outcome,
            CHECK_OUTCOMES[item.outcome].label + (f" — {item.message}" if item.message else ""),
            item.name,
            item.valid_until.isoformat() if item.valid_until else "",
            item.conditions,
            result.as_at.isoformat(),
        ]
        if with_conflicts:
            row.append({True: "yes", False: "no", None: ""}[item.declared_conflict])
        writer.writerow(row)
    return out.getvalue()


def csv_filename(result: CheckResult) -> str:
    return f"register-check-{result.as_at.isoformat()}{'-' + result.reference[:8] if result.reference else ''}.csv"
