"""The log as CSV: download it, and import entries from a spreadsheet.

Columns, in this order: date (YYYY-MM-DD), kind, category, hours, title, provider, reflection,
local_authority (GSS or DfE code), issue_type, format, outcome_band, then review_status,
review_note and evidence_file, which the export fills in and the import ignores (imported
entries always wait for review; evidence is uploaded entry by entry).

Import is all or nothing: every row is checked by the same rules as the form, and if any row has
a problem nothing is imported and each problem is reported with its row number as a spreadsheet
shows it (the header is row 1). A row already in the log (same date, kind, category, hours and
title) is a problem too, so importing a file twice does not double the log.

Cells that a spreadsheet would run as a formula (starting ``=``, ``+``, ``-``, ``@``, tab or
carriage return) are written with a leading apostrophe, which the import removes again; a cell
holding a control character is a problem of its row (see ``registry.domain.csv_cells``).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from registry.domain import audit, csv_cells
from registry.domain.csv_cells import RowProblem, RowsRefused
from registry.domain.local_authorities import find_local_authority
from registry.domain.logbook.entries import check_draft, rule_context
from registry.domain.logbook.rules import EntryDraft, parse_hours, quarter_hours
from registry.extensions import db
from registry.models import LocalAuthority, LogEntry, Mediator, User

COLUMNS = (
    "date",
    "kind",
    "category",
    "hours",
    "title",
    "provider",
    "reflection",
    "local_authority",
    "issue_type",
    "format",
    "outcome_band",
    "review_status",
    "review_note",
    "evidence_file",
)
REQUIRED_COLUMNS = ("date", "kind", "category", "hours", "title")
COLUMN_FOR_FIELD = {"occurred_on": "date", "local_authority_id": "local_authority"}
MAX_ROWS = 5000

# What makes two entries the same for an import: date, kind, category, quarter hours and title.
_EntryKey = tuple[date | None, str, str, int | None, str]


class ImportRefused(RowsRefused):
    """Nothing was imported; ``problems`` names each row and what is wrong with it."""

    def __init__(self, problems: list[RowProblem], message: str | None = None) -> None:
        super().__init__(problems, message or f"Nothing was imported: {len(problems)} problem(s) to fix first.")


def _hours_text(entry: LogEntry) -> str:
    return f"{entry.hours.normalize():f}"


def export_rows(entries: Iterable[LogEntry]) -> Iterable[list[str | None]]:
    yield list(COLUMNS)
    for entry in entries:
        values = (
            entry.occurred_on.isoformat(),
            entry.kind,
            entry.category,
            _hours_text(entry),
            entry.title,
            entry.provider,
            entry.reflection,
            entry.local_authority.gss_code if entry.local_authority else "",
            entry.issue_type or "",
            entry.format or "",
            entry.outcome_band or "",
            entry.review_status,
            entry.review_note,
            entry.evidence.original_name if entry.evidence else "",
        )
        yield list(values)


def export_csv(mediator: Mediator) -> str:
    """The whole log, oldest first, as CSV text."""
    entries = db.session.scalars(
        select(LogEntry)
        .where(LogEntry.mediator_id == mediator.id)
        .options(joinedload(LogEntry.local_authority), joinedload(LogEntry.evidence))
        .order_by(LogEntry.occurred_on, LogEntry.id)
    )
    buffer = io.StringIO()
    csv_cells.writer(buffer).writerows(export_rows(entries))
    return buffer.getvalue()


def _parse_date(text: str) -> date | None:
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


@dataclass
class _Row:
    number: int
    draft: EntryDraft
    problems: list[RowProblem]


def _cell(record: dict[str, str | None], column: str) -> str:
    return csv_cells.undefused((record.get(column) or "").strip())


def _read_row(number: int, record: dict[str, str | None], areas: dict[str, LocalAuthority | None]) -> _Row:
    found: list[RowProblem] = []
    occurred_on = _parse_date(_cell(record, "date"))
    if _cell(record, "date") and occurred_on is None:
        found.append(RowProblem(number, "date", "Enter the date as 2026-03-14 or 14/03/2026"))
    hours = parse_hours(_cell(record, "hours")) if _cell(record, "hours") else None
    if _cell(record, "hours") and hours is None:
        found.append(RowProblem(number, "hours", "Enter the hours as a number, like 1.5"))
    area_code = _cell(record, "local_authority")
    if area_code and area_code not in areas:
        areas[area_code] = find_local_authority(area_code)
    area = areas.get(area_code)
    if area_code and area is None:
        found.append(RowProblem(number, "local_authority", f"There is no local authority with the code {area_code}"))
    draft = EntryDraft(
        kind=_cell(record, "kind").lower(),
        category=_cell(record, "category"),
        occurred_on=occurred_on,
        hours=hours,
        title=_cell(record, "title"),
        provider=_cell(record, "provider"),
        reflection=_cell(record, "reflection"),
        local_authority_id=area.id if area else None,
        issue_type=_cell(record, "issue_type") or None,
        format=_cell(record, "format") or None,
        outcome_band=_cell(record, "outcome_band") or None,
    ).cleaned()
    return _Row(number, draft, found)


def _records(text: str) -> list[dict[str, str | None]]:
    reader = csv.DictReader(io.StringIO(text))
    headers = [(name or "").strip().lower() for name in (reader.fieldnames or [])]
    missing = [column for column in REQUIRED_COLUMNS if column not in headers]
    if missing:
        raise ImportRefused(
            [RowProblem(1, column, "This column is missing from the header row") for column in missing],
            "The file's first row must name the columns: " + ", ".join(REQUIRED_COLUMNS) + " at least.",
        )
    reader.fieldnames = headers
    records = list(reader)
    if not records:
        raise ImportRefused([], "The file has no entries under its header row.")
    if len(records) > MAX_ROWS:
        raise ImportRefused([], f"The file has {len(records)} entries: import at most {MAX_ROWS} at a time.")
    return records


def _already_logged(mediator: Mediator, rows: list[_Row]) -> set[_EntryKey]:
    dates = [row.draft.occurred_on for row in rows if row.draft.occurred_on]
    if not dates:
        return set()
    existing = db.session.execute(
        select(LogEntry.occurred_on, LogEntry.kind, LogEntry.category, LogEntry.quarter_hours, LogEntry.title).where(
            LogEntry.mediator_id == mediator.id, LogEntry.occurred_on.between(min(dates), max(dates))
        )
    ).all()
    return {(occurred_on, kind, category, hours, title) for occurred_on, kind, category, hours, title in existing}


def _key(draft: EntryDraft) -> _EntryKey:
    hours = quarter_hours(draft.hours) if draft.hours is not None else None
    return (draft.occurred_on, draft.kind, draft.category, hours, draft.title)


def read_import(mediator: Mediator, text: str) -> list[EntryDraft]:
    """Every row as a checked draft, or ImportRefused listing every problem in every row."""
    context = rule_context()
    areas: dict[str, LocalAuthority | None] = {}
    records = _records(text)
    unreadable = csv_cells.control_character_problems(enumerate(records, start=2), COLUMNS)
    if unreadable:
        raise ImportRefused(unreadable)
    rows = [_read_row(number, record, areas) for number, record in enumerate(records, start=2)]
    logged = _already_logged(mediator, rows)
    problems: list[RowProblem] = []
    for row in rows:
        problems += row.problems
        reported = {problem.column for problem in row.problems}
        for problem in check_draft(row.draft, context):
            column = COLUMN_FOR_FIELD.get(problem.field, problem.field)
            if column not in reported:
                problems.append(RowProblem(row.number, column, problem.message))
        if not row.problems and _key(row.draft) in logged:
            problems.append(RowProblem(row.number, "date", "This entry is already in your log"))
    if problems:
        raise ImportRefused(problems)
    return [row.draft for row in rows]


def import_csv(mediator: Mediator, actor: User | None, text: str) -> int:
    """Add every row of the CSV to the log as entries waiting for review; returns how many."""
    drafts = read_import(mediator, text)
    for draft in drafts:
        assert draft.hours is not None, "read_import refuses a row without hours"
        entry = LogEntry(
            mediator_id=mediator.id,
            kind=draft.kind,
            category=draft.category,
            occurred_on=draft.occurred_on,
            quarter_hours=quarter_hours(draft.hours),
            title=draft.title,
            provider=draft.provider,
            reflection=draft.reflection,
            local_authority_id=draft.local_authority_id,
            issue_type=draft.issue_type,
            format=draft.format,
            outcome_band=draft.outcome_band,
            review_status="declared",
            annotation="",
            review_note="",
        )
        db.session.add(entry)
    db.session.flush()
    audit.record(actor, "log.imported", "mediator", mediator.id, entries=len(drafts))
    return len(drafts)


def decode_upload(content: bytes) -> str:
    """CSV bytes as text (UTF-8, with or without the byte-order mark Excel adds)."""
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportRefused([], "The file must be a CSV file saved as UTF-8.") from error
