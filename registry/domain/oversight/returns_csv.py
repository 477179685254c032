"""Outcome returns from a CSV file: all or nothing, with every problem named by row and column.

Columns (a header row with these names, in any order; ``note`` may be left out):
``local_authority`` (GSS or DfE code), ``year``, ``quarter`` (1–4), the ten figures in
``RETURN_FIGURES``, and ``note``. Rows are numbered as a spreadsheet shows them (the header is
row 1). If any row has a problem, or two rows are for the same LA and quarter, nothing is saved.
A cell holding a control character is a problem of its row (see ``registry.domain.csv_cells``).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from registry.domain import csv_cells
from registry.domain.csv_cells import RowProblem, RowsRefused
from registry.domain.oversight.returns import CheckedReturn, ReturnInput, ReturnRefused, check, save
from registry.models import Organisation, User
from registry.models.oversight import RETURN_FIGURES

COLUMNS = ("local_authority", "year", "quarter", *RETURN_FIGURES, "note")
REQUIRED = COLUMNS[:-1]
MAX_ROWS = 2000


class ImportRefused(RowsRefused):
    """Nothing was saved; ``problems`` lists what to fix."""

    def __init__(self, problems: list[RowProblem], message: str | None = None) -> None:
        super().__init__(problems, message or f"Nothing was saved: {len(problems)} problem(s) to fix first.")


@dataclass(frozen=True)
class ImportReport:
    new: int
    corrected: int
    unchanged: int

    def __str__(self) -> str:
        return f"{self.new} new, {self.corrected} corrected, {self.unchanged} unchanged."


def template_csv() -> str:
    out = io.StringIO()
    csv_cells.writer(out).writerow(COLUMNS)
    return out.getvalue()


def decode(content: bytes) -> str:
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportRefused([], "The file must be a CSV file saved as UTF-8.") from error


def _rows(text: str) -> list[dict[str, str]]:
    reader = csv.DictReader(io.StringIO(text))
    header = [name.strip().lower() for name in reader.fieldnames or []]
    missing = [name for name in REQUIRED if name not in header]
    if missing:
        raise ImportRefused([], f"The file is missing the column(s): {', '.join(missing)}. Use the template.")
    reader.fieldnames = header
    rows = [{k: (v or "").strip() for k, v in row.items() if k} for row in reader]
    if not rows:
        raise ImportRefused([], "The file has no returns in it.")
    if len(rows) > MAX_ROWS:
        raise ImportRefused([], f"A file can hold at most {MAX_ROWS:,} returns. Split it into smaller files.")
    return rows


def check_file(text: str) -> list[CheckedReturn]:
    """Every row checked; ImportRefused listing every problem in the file."""
    rows = _rows(text)
    unreadable = csv_cells.control_character_problems(enumerate(rows, start=2), COLUMNS)
    if unreadable:
        raise ImportRefused(unreadable)
    problems: list[RowProblem] = []
    checked: list[CheckedReturn] = []
    seen: dict[tuple[int, int, int], int] = {}
    for number, row in enumerate(rows, start=2):
        details = ReturnInput(
            local_authority=row.get("local_authority", ""),
            year=row.get("year"),
            quarter=row.get("quarter"),
            figures={name: row.get(name) for name in RETURN_FIGURES},
            note=row.get("note", ""),
        )
        try:
            item = check(details)
        except ReturnRefused as refusal:
            problems += [RowProblem(number, p.field, p.message) for p in refusal.problems]
            continue
        key = (item.local_authority.id, item.year, item.quarter)
        if key in seen:
            problems.append(
                RowProblem(number, "local_authority", f"Row {seen[key]} is for the same local authority and quarter")
            )
        seen.setdefault(key, number)
        checked.append(item)
    if problems:
        raise ImportRefused(problems)
    return checked


def import_returns(provider: Organisation, content: bytes, actor: User) -> ImportReport:
    """Check the whole file, then save every row (new returns and corrections)."""
    counts = {"new": 0, "corrected": 0, "unchanged": 0}
    for item in check_file(decode(content)):
        counts[save(provider, item, actor, source="csv").change] += 1
    return ImportReport(**counts)
