"""Cells of the CSV files the register writes and reads: formulas defused out, control characters refused in.

Writing: a spreadsheet runs a cell starting ``=``, ``+``, ``-``, ``@``, tab or carriage return as
a formula (``=HYPERLINK(...)`` in a name becomes a link that leaks the sheet), so every CSV the
register writes goes through ``writer``, which puts an apostrophe before such text (the OWASP
rule). Only text is touched: numbers, dates and None the code writes stay as they are, so a
negative figure is still a number. The log import takes the apostrophe off again (``undefused``).

Reading: every cell an import reads is checked for control characters (see
``registry.domain.control_characters``; tab and line breaks may stand in a cell), and each one
found is a ``RowProblem`` naming its row, as a spreadsheet numbers it, and its column.

``RowProblem`` is the register's one type for "this row of what you sent is wrong", and
``RowsRefused`` the one refusal carrying a list of them: the log import, outcome returns and
training completions refuse with a subclass of it, as ``ControlCharacters`` does.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from registry.domain.control_characters import control_character_in
from registry.domain.errors import DomainError

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_FORMULA_FIRST = frozenset(FORMULA_STARTS)
CONTROL_CHARACTER_IN_CELL = "Remove the control character from this cell"


def defused(row: Iterable[object]) -> list[object]:
    """The row as it is safe to write: text a spreadsheet would run as a formula gets a leading ``'``."""
    # One comprehension per row and a set lookup per cell, no call: the open-data export writes
    # 100,000 rows, and this keeps defusing them to a fraction of what writing them costs.
    return ["'" + value if isinstance(value, str) and value[:1] in _FORMULA_FIRST else value for value in row]


def undefused(text: str) -> str:
    """A cell read back: the apostrophe ``defused`` added is taken off."""
    return text[1:] if text.startswith("'") and text[1:].startswith(FORMULA_STARTS) else text


class _Output(Protocol):
    def write(self, text: str, /) -> Any: ...


class CellWriter:
    """``csv.writer`` with every row defused; lines end CRLF, as RFC 4180 and spreadsheets expect."""

    def __init__(self, out: _Output) -> None:
        self._writer = csv.writer(out, lineterminator="\r\n")

    def writerow(self, row: Iterable[object]) -> None:
        self._writer.writerow(defused(row))

    def writerows(self, rows: Iterable[Iterable[object]]) -> None:
        for row in rows:
            self._writer.writerow(defused(row))


def writer(out: _Output) -> CellWriter:
    """The only way the register writes CSV."""
    return CellWriter(out)


@dataclass(frozen=True)
class RowProblem:
    """What is wrong with one row: ``Row 3, hours: Enter the hours as a number`` (``Row 3: ...`` with no column)."""

    row: int  # as a spreadsheet numbers it: the header is row 1
    column: str | None  # the column (for a row typed into a form, the answer) it concerns; None for the whole row
    message: str

    def __str__(self) -> str:
        if self.column is None:
            return f"Row {self.row}: {self.message}"
        return f"Row {self.row}, {self.column}: {self.message}"


class RowsRefused(DomainError):
    """Nothing was taken from the rows sent; ``problems`` names each row (and column) and what is wrong."""

    def __init__(self, problems: Sequence[RowProblem], message: str, *, field: str | None = None) -> None:
        super().__init__(message, field=field)
        self.problems = list(problems)


class ControlCharacters(RowsRefused):
    """Cells of a CSV hold control characters; ``problems`` names each row and column."""

    def __init__(self, problems: list[RowProblem]) -> None:
        super().__init__(problems, " ".join(f"{problem}." for problem in problems))


def control_character_problems(
    records: Iterable[tuple[int, Mapping[str, str | None]]], columns: Iterable[str]
) -> list[RowProblem]:
    """A problem for every cell of ``columns`` holding a control character, from ``(row number, {column: cell})``."""
    read = tuple(columns)
    return [
        RowProblem(number, column, CONTROL_CHARACTER_IN_CELL)
        for number, record in records
        for column in read
        if (cell := record.get(column)) and control_character_in(cell, multi_line=True)
    ]
