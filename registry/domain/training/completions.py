"""Completions: the provider records which mediators completed which version of a programme, when.

One at a time (``record_completion``) or many (``record_completions``, fed by ``parse_csv``),
all-or-nothing: every row is checked first, and if any is wrong nothing is recorded and each
problem names its row. A completion needs:
- a mediator's registration number: a mistyped one (wrong check character) is reported as
  mistyped, a well-formed one nobody holds as not found;
- a date, not in the future, on which the programme was accredited (from its events);
- the version completed: the one given, or else the latest submitted by that date;
- no completion of the same programme by the same mediator on the same date already.

A completion of a ``cpd_course`` also records a verified CPD log entry for the mediator in each
of the programme's log categories (see ``cpd_link``). Each completion writes one audit event.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime

from sqlalchemy import select

from registry.domain import audit, clock
from registry.domain.control_characters import control_character_in
from registry.domain.csv_cells import RowProblem, RowsRefused
from registry.domain.lifecycle import replay
from registry.domain.registration_numbers import InvalidRegistrationNumber, parse
from registry.domain.training import cpd_link
from registry.extensions import db
from registry.models import (
    Mediator,
    ProgrammeAccreditationEvent,
    ProgrammeVersion,
    TrainingCompletion,
    TrainingProgramme,
    User,
)

MAX_ROWS = 1000
NUMBER_HEADINGS = {"registration number", "registration_number", "registration no", "number", "mediator"}
DATE_HEADINGS = {"completed on", "completed_on", "date completed", "completion date", "date"}
VERSION_HEADINGS = {"version", "programme version"}


@dataclass(frozen=True)
class CompletionRow:
    """One completion as typed or uploaded: text, checked by ``record_completions``."""

    row: int  # the spreadsheet row (the heading is row 1), or 1 for a single completion
    registration_number: str
    completed_on: str | date
    version: str | int | None = None


class CompletionsRefused(RowsRefused):
    """Nothing was recorded; ``problems`` says what is wrong, row by row.

    A provider's file names its columns in its own words, so each problem names only its row. One
    completion typed into the form (``single``) is refused with its first problem's message, on
    the answer that problem concerns (``field``: registration_number, completed_on or version).
    """

    def __init__(self, problems: Sequence[RowProblem], single: bool = False) -> None:
        rows = [replace(problem, column=None) for problem in problems]
        if single and problems:
            super().__init__(rows, problems[0].message, field=problems[0].column)
        else:
            super().__init__(rows, "; ".join(map(str, rows)))


@dataclass(frozen=True)
class _Checked:
    row: int
    mediator: Mediator
    completed_on: date
    version: ProgrammeVersion


def record_completion(
    programme: TrainingProgramme,
    actor: User,
    registration_number: str,
    completed_on: str | date,
    version: str | int | None = None,
) -> TrainingCompletion:
    """Record one completion (CompletionsRefused, with one problem and its field, if it cannot be)."""
    return _record(programme, actor, [CompletionRow(1, registration_number, completed_on, version)], single=True)[0]


def record_completions(
    programme: TrainingProgramme, actor: User, rows: Sequence[CompletionRow]
) -> list[TrainingCompletion]:
    """Check every row; record them all, or raise CompletionsRefused and record none."""
    if not rows:
        raise CompletionsRefused([RowProblem(1, None, "There are no completions to record.")])
    if len(rows) > MAX_ROWS:
        raise CompletionsRefused([RowProblem(1, None, f"Upload at most {MAX_ROWS} completions at a time.")])
    return _record(programme, actor, rows)


def _record(
    programme: TrainingProgramme, actor: User, rows: Sequence[CompletionRow], single: bool = False
) -> list[TrainingCompletion]:
    checked, problems = _check_rows(programme, rows)
    if problems:
        raise CompletionsRefused(sorted(problems, key=lambda p: p.row), single=single)
    completions = []
    for item in checked:
        completion = TrainingCompletion(
            programme=programme,
            version=item.version,
            mediator=item.mediator,
            completed_on=item.completed_on,
            recorded_at=clock.now(),
            recorded_by=actor,
        )
        db.session.add(completion)
        db.session.flush()
        completion.log_entry_id = cpd_link.log_completion(completion, programme, item.version, actor)
        audit.record(
            actor,
            "training_programme.completion_recorded",
            "training_programme",
            programme.reference,
            completion_id=completion.id,
            mediator_id=item.mediator.id,
            registration_number=item.mediator.registration_number,
            programme_version=item.version.number,
            completed_on=item.completed_on.isoformat(),
            log_entry_id=completion.log_entry_id,
        )
        completions.append(completion)
    db.session.flush()
    return completions


def _check_rows(programme: TrainingProgramme, rows: Sequence[CompletionRow]) -> tuple[list[_Checked], list[RowProblem]]:
    problems: list[RowProblem] = []
    numbers: dict[int, str] = {}
    dates: dict[int, date] = {}
    for item in rows:
        number = _number(item, problems)
        day = _date(item, problems)
        if number is not None:
            numbers[item.row] = number
        if day is not None:
            dates[item.row] = day
    mediators = {
        m.registration_number: m
        for m in db.session.scalars(select(Mediator).where(Mediator.registration_number.in_(set(numbers.values()))))
    }
    versions = list(
        db.session.scalars(
            select(ProgrammeVersion)
            .where(ProgrammeVersion.programme_id == programme.id)
            .order_by(ProgrammeVersion.number)
        )
    )
    events = list(
        db.session.scalars(
            select(ProgrammeAccreditationEvent).where(ProgrammeAccreditationEvent.programme_id == programme.id)
        )
    )
    existing = _existing(programme, mediators.values(), dates.values())
    seen: dict[tuple[str, date], int] = {}
    checked = []
    for item in rows:
        number, day = numbers.get(item.row), dates.get(item.row)
        mediator = mediators.get(number) if number else None
        if number is not None and mediator is None:
            problems.append(
                RowProblem(item.row, "registration_number", f"No mediator has the registration number {number}.")
            )
        if day is None:
            continue
        state = replay(events, day)
        if state is None or state.status != "accredited":
            problems.append(
                RowProblem(
                    item.row,
                    "completed_on",
                    f"{programme.reference} was not accredited on {clock.long_date(day)}, "
                    "so a completion on that date cannot be recorded.",
                )
            )
            continue
        version = _version(item, day, versions, problems)
        if number is None or mediator is None or version is None:
            continue
        if (mediator.id, day) in existing:
            problems.append(
                RowProblem(
                    item.row,
                    "completed_on",
                    f"{number} already has a completion of this programme on {clock.long_date(day)}.",
                )
            )
            continue
        if (number, day) in seen:
            problems.append(
                RowProblem(
                    item.row,
                    "completed_on",
                    f"{number} on {clock.long_date(day)} is also in row {seen[(number, day)]}.",
                )
            )
            continue
        seen[(number, day)] = item.row
        checked.append(_Checked(item.row, mediator, day, version))
    return checked, problems


def _number(item: CompletionRow, problems: list[RowProblem]) -> str | None:
    text = (item.registration_number or "").strip()
    if not text:
        problems.append(RowProblem(item.row, "registration_number", "Enter the mediator's registration number."))
        return None
    try:
        return str(parse(text, "SM"))
    except InvalidRegistrationNumber as error:
        if "mistyped" in str(error):
            problems.append(
                RowProblem(item.row, "registration_number", f"{text} looks mistyped — check the registration number.")
            )
        else:
            problems.append(
                RowProblem(
                    item.row, "registration_number", f"{text} is not a registration number: they look like SM-123456-7."
                )
            )
        return None


def _uk_day(moment: datetime) -> date:
    return moment.astimezone(clock.UK).date()


_UK_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


def parse_date(text: str | date) -> date:
    """A date written 2026-03-04 or 4/3/2026 (day first); ValueError otherwise."""
    if isinstance(text, date):
        return text
    text = (text or "").strip()
    match = _UK_DATE.match(text)
    if match:
        day, month, year = (int(part) for part in match.groups())
        return date(year, month, day)
    return datetime.strptime(text, "%Y-%m-%d").date()


def _date(item: CompletionRow, problems: list[RowProblem]) -> date | None:
    if not str(item.completed_on or "").strip():
        problems.append(RowProblem(item.row, "completed_on", "Enter the date the mediator completed the programme."))
        return None
    try:
        day = parse_date(item.completed_on)
    except ValueError:
        problems.append(
            RowProblem(
                item.row, "completed_on", f"'{item.completed_on}' is not a date: write it like 2026-03-04 or 4/3/2026."
            )
        )
        return None
    if day > clock.today():
        problems.append(RowProblem(item.row, "completed_on", "The date of completion cannot be in the future."))
        return None
    return day


def _version(
    item: CompletionRow, day: date, versions: list[ProgrammeVersion], problems: list[RowProblem]
) -> ProgrammeVersion | None:
    by_then = [v for v in versions if _uk_day(v.submitted_at) <= day] if versions else []
    wanted = str(item.version).strip() if item.version is not None else ""
    if not wanted:
        if by_then:
            return by_then[-1]
        problems.append(
            RowProblem(
                item.row, "version", f"No version of the programme had been submitted by {clock.long_date(day)}."
            )
        )
        return None
    number = wanted.lower().removeprefix("version").strip()
    version = next((v for v in versions if number.isdigit() and v.number == int(number)), None)
    if version is None:
        problems.append(RowProblem(item.row, "version", f"This programme has no version {wanted}."))
        return None
    if version not in by_then:
        problems.append(
            RowProblem(
                item.row,
                "version",
                f"Version {version.number} was submitted on {clock.long_date(_uk_day(version.submitted_at))}, "
                "after that date of completion.",
            )
        )
        return None
    return version


def _existing(
    programme: TrainingProgramme, mediators: Iterable[Mediator], days: Iterable[date]
) -> set[tuple[int, date]]:
    mediator_ids = [m.id for m in mediators]
    wanted_days = set(days)
    if not mediator_ids or not wanted_days:
        return set()
    rows = db.session.execute(
        select(TrainingCompletion.mediator_id, TrainingCompletion.completed_on).where(
            TrainingCompletion.programme_id == programme.id,
            TrainingCompletion.mediator_id.in_(mediator_ids),
            TrainingCompletion.completed_on.in_(wanted_days),
        )
    )
    return {(row.mediator_id, row.completed_on) for row in rows}


def parse_csv(text: str) -> list[CompletionRow]:
    """Rows from an uploaded CSV with headings (registration number, completed on, and optionally version).

    Raises CompletionsRefused for a file that cannot be read as such; the rows themselves are
    checked by ``record_completions``.
    """
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")))
    try:
        lines = list(reader)
    except csv.Error as error:
        raise CompletionsRefused([RowProblem(1, None, f"The file could not be read as CSV ({error}).")]) from error
    numbered = [(index, line) for index, line in enumerate(lines, start=1) if any(cell.strip() for cell in line)]
    if not numbered:
        raise CompletionsRefused([RowProblem(1, None, "The file is empty.")])
    heading_row, heading_line = numbered[0]
    headings = [cell.strip().lower() for cell in heading_line]
    columns = {
        name: next((i for i, h in enumerate(headings) if h in options), None)
        for name, options in (("number", NUMBER_HEADINGS), ("date", DATE_HEADINGS), ("version", VERSION_HEADINGS))
    }
    if columns["number"] is None or columns["date"] is None:
        raise CompletionsRefused(
            [
                RowProblem(
                    heading_row,
                    None,
                    "The first row must be headings, including 'registration number' and 'completed on'.",
                )
            ]
        )
    if len(numbered) - 1 > MAX_ROWS:
        raise CompletionsRefused([RowProblem(1, None, f"Upload at most {MAX_ROWS} completions at a time.")])

    bad_cells = [
        RowProblem(index, None, f"Remove the control character from the '{heading_line[column].strip()}' column.")
        for index, line in numbered[1:]
        for column in (c for c in columns.values() if c is not None)
        if column < len(line) and control_character_in(line[column], multi_line=True)
    ]
    if bad_cells:
        raise CompletionsRefused(bad_cells)

    def cell(line: list[str], column: int | None) -> str:
        return line[column].strip() if column is not None and column < len(line) else ""

    return [
        CompletionRow(index, cell(line, columns["number"]), cell(line, columns["date"]), cell(line, columns["version"]))
        for index, line in numbered[1:]
    ]
