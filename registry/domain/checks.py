"""Checking registration numbers: one at a time (status at a date) or up to 1,000 in one go.

``run_check`` is the one bulk check behind ``POST /api/v1/checks`` and the website's /check page.
It answers one result per input, in input order, duplicates and mistyped numbers included, at a
fixed number of queries whatever the batch size: one for the mediators, one for their events
(``statuses_on``), one for conflicts declared with the checking LA and, when stored, the inserts.

Outcomes: ``invalid_number`` (malformed, or a wrong check character: "it looks mistyped"),
``not_found`` (no mediator on the public register has it: applicants who were never accredited
are not on the public register), or the mediator's status on the date asked about in the API's
words (``MediatorStatus.code``).
"""

from __future__ import annotations

import csv
import io
import re
import secrets
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date, datetime

from sqlalchemy import ColumnElement, Table, exists, select
from sqlalchemy.orm import selectinload

from registry.database import among, insert_rows
from registry.domain import audit, clock
from registry.domain.accreditation.history import MediatorStatus, past_date, status_notes, status_on, statuses_on
from registry.domain.accreditation.transitions import PUBLIC_KINDS, TRANSITIONS
from registry.domain.csv_cells import ControlCharacters, control_character_problems
from registry.domain.declarations import declarations_on
from registry.domain.errors import DomainError, NotFound
from registry.domain.local_authorities import find_local_authority
from registry.domain.registration_numbers import InvalidRegistrationNumber, normalise, parse
from registry.domain.search import UnknownLocalAuthority
from registry.extensions import db
from registry.models import (
    Accreditation,
    ApiKey,
    BulkCheck,
    BulkCheckResult,
    LocalAuthority,
    Mediator,
    Organisation,
    User,
)
from registry.models.base import utcnow

MAX_NUMBERS = 1000
# The statuses only private events lead to (applied, refused): a mediator in them is not on the register.
NEVER_PUBLIC = tuple(sorted({t.to_status for kind, t in TRANSITIONS.items() if kind not in PUBLIC_KINDS}))
INPUT_MAX_LENGTH = 100
MISTYPED = "Check the number — it looks mistyped"
REFERENCE = re.compile(r"[0-9a-f]{32}")


@dataclass(frozen=True)
class CheckItem:
    position: int  # 1-based, in input order
    input: str
    registration_number: str | None
    outcome: str
    name: str | None = None
    valid_until: date | None = None
    conditions: str | None = None
    declared_conflict: bool | None = None  # with the checking LA; None when no LA asked
    since: date | None = None  # the day the status began ("Suspended since …")
    declared_conflict_since: date | None = None  # the day the declared employment or conflict began

    @property
    def message(self) -> str | None:
        """Why an ``invalid_number`` cannot be right, in the parser's words: not in the form SM-123456-7, or
        well formed but with a wrong check character ("it looks mistyped"). None for every other outcome."""
        if self.outcome != "invalid_number":
            return None
        try:
            parse(self.input, "SM")
        except InvalidRegistrationNumber as error:
            return str(error)
        return MISTYPED


@dataclass(frozen=True)
class CheckResult:
    as_at: date
    items: list[CheckItem]
    created_at: datetime
    reference: str | None = None  # set when the check was stored
    organisation_id: int | None = None

    @property
    def counts(self) -> dict[str, int]:
        return dict(Counter(item.outcome for item in self.items))


def on_register() -> ColumnElement[bool]:
    """SQL: the mediator has at least one public event and has not left, so is on the public register.

    Only applying and refusal are private, and every other status is reached through accreditation
    (DESIGN §4), so "has a public event" is "has an accreditation whose status is neither applied
    nor refused": answered from the accreditations' (mediator, status) index, without the events."""
    return Mediator.left_register_on.is_(None) & exists().where(
        Accreditation.mediator_id == Mediator.id, Accreditation.status.not_in(NEVER_PUBLIC)
    )


def _normalised(text: str) -> str | None:
    try:
        return normalise(text, "SM")
    except InvalidRegistrationNumber:
        return None


def _item(
    position: int,
    text: str,
    number: str | None,
    found: dict[str, tuple[int, str]],
    statuses: dict[int, MediatorStatus],
    declared: dict[int, dict[str, date]],
    la_id: int | None,
) -> CheckItem:
    printable = text if text.isprintable() else "".join(ch for ch in text if ch.isprintable())
    shown = printable.strip()[:INPUT_MAX_LENGTH]
    if number is None:
        return CheckItem(position, shown, None, "invalid_number")
    if number not in found:
        return CheckItem(position, shown, number, "not_found")
    mediator_id, name = found[number]
    status: MediatorStatus = statuses[mediator_id]
    state = status.state
    return CheckItem(
        position,
        shown,
        number,
        status.code,
        name=name,
        valid_until=state.valid_until if state else None,
        conditions=state.conditions if state and status.code == "accredited_with_conditions" else None,
        declared_conflict=(mediator_id in declared) if la_id is not None else None,
        since=state.since if state else None,
        declared_conflict_since=min(declared[mediator_id].values()) if mediator_id in declared else None,
    )


def run_check(
    numbers: list[str],
    as_at: date | None = None,
    organisation: Organisation | None = None,
    actor: User | None = None,
    store: bool = False,
    api_key: ApiKey | None = None,
) -> CheckResult:
    """Check up to 1,000 numbers as at a date (default today). Stored only when ``store`` (an LA's check)."""
    if not numbers:
        raise DomainError("Enter at least one registration number")
    if len(numbers) > MAX_NUMBERS:
        raise DomainError(f"Check at most {MAX_NUMBERS:,} numbers at a time; you sent {len(numbers):,}")
    if store and organisation is None:
        raise DomainError("Only a check made for an organisation is kept")
    on = past_date(as_at)
    normalised = [_normalised(text) for text in numbers]
    wanted = {number for number in normalised if number is not None}
    found: dict[str, tuple[int, str]] = {}
    if wanted:
        rows = db.session.execute(
            select(Mediator.id, Mediator.registration_number, Mediator.display_name).where(
                among(Mediator.registration_number, sorted(wanted)), on_register()
            )
        )
        found = {row.registration_number: (row.id, row.display_name) for row in rows}
    ids = [mediator_id for mediator_id, _ in found.values()]
    statuses = statuses_on(ids, on) if ids else {}
    la_id = organisation.local_authority_id if organisation is not None else None
    declared = declarations_on(ids, la_id, on) if la_id is not None else {}
    items = [
        _item(i, text, number, found, statuses, declared, la_id)
        for i, (text, number) in enumerate(zip(numbers, normalised, strict=True), start=1)
    ]
    result = CheckResult(on, items, utcnow(), organisation_id=organisation.id if organisation else None)
    if store:
        assert organisation is not None
        result = _store(result, organisation, actor, api_key)
    return result


def _store(result: CheckResult, organisation: Organisation, actor: User | None, api_key: ApiKey | None) -> CheckResult:
    check = BulkCheck(
        reference=secrets.token_hex(16),
        organisation_id=organisation.id,
        created_by_id=actor.id if actor is not None else None,
        api_key_id=api_key.id if api_key is not None else None,
        as_at=result.as_at,
        created_at=result.created_at,
        item_count=len(result.items),
    )
    db.session.add(check)
    db.session.flush()
    # A Core insert of the table, one statement: the ORM's bulk insert would split the rows into
    # a statement per run of rows with the same None columns.
    table = BulkCheckResult.__table__
    assert isinstance(table, Table)  # a mapped class's table; SQLAlchemy types __table__ as any FromClause
    insert_rows(
        table,
        [
            {
                "check_id": check.id,
                "position": item.position,
                "input": item.input,
                "registration_number": item.registration_number,
                "outcome": item.outcome,
                "name": item.name,
                "valid_until": item.valid_until,
                "conditions": item.conditions,
                "declared_conflict": item.declared_conflict,
            }
            for item in result.items
        ],
    )
    audit.record(
        actor,
        "check.stored",
        "bulk_check",
        check.reference,
        organisation_id=organisation.id,
        api_key_id=check.api_key_id,
        as_at=result.as_at.isoformat(),
        counts=result.counts,
    )
    return CheckResult(result.as_at, result.items, result.created_at, check.reference, organisation.id)


def get_check(reference: str, organisation_ids: set[int] | list[int]) -> CheckResult:
    """A stored check, for the organisation that ran it only (NotFound for anyone else)."""
    if not REFERENCE.fullmatch(reference or ""):
        raise NotFound("There is no check with that id for your organisation.")
    check = db.session.scalars(
        select(BulkCheck).where(BulkCheck.reference == reference).options(selectinload(BulkCheck.results))
    ).first()
    if check is None or check.organisation_id not in set(organisation_ids):
        raise NotFound("There is no check with that id for your organisation.")
    items = [
        CheckItem(
            r.position,
            r.input,
            r.registration_number,
            r.outcome,
            r.name,
            r.valid_until,
            r.conditions,
            r.declared_conflict,
        )
        for r in check.results
    ]
    items = _dated(items, check)
    return CheckResult(check.as_at, items, check.created_at, check.reference, check.organisation_id)


def _dated(items: list[CheckItem], check: BulkCheck) -> list[CheckItem]:
    """A stored check's results with their dates, which the results table does not keep: when each
    status began, as the register knew it on the day of the check, and when a declared link with the
    LA began (declarations are read as they stand now). Three queries whatever the size."""
    numbers = sorted({item.registration_number for item in items if item.name and item.registration_number})
    if not numbers:
        return items
    rows = db.session.execute(
        select(Mediator.registration_number, Mediator.id).where(among(Mediator.registration_number, numbers))
    )
    ids = {number: mediator_id for number, mediator_id in rows}
    statuses = statuses_on(list(ids.values()), check.as_at, check.created_at.astimezone(clock.UK).date())
    la_id = db.session.scalar(select(Organisation.local_authority_id).where(Organisation.id == check.organisation_id))
    declared = declarations_on(list(ids.values()), la_id, check.as_at) if la_id is not None else {}

    def dated(item: CheckItem) -> CheckItem:
        mediator_id = ids.get(item.registration_number or "")
        if mediator_id is None:
            return item
        state = statuses[mediator_id].state
        since = min(declared[mediator_id].values()) if item.declared_conflict and mediator_id in declared else None
        return replace(item, since=state.since if state else None, declared_conflict_since=since)

    return [dated(item) for item in items]


def checks_of(organisation_ids: set[int] | list[int], limit: int = 50) -> list[BulkCheck]:
    """The organisations' most recent stored checks, newest first (without their results)."""
    return list(
        db.session.scalars(
            select(BulkCheck)
            .where(BulkCheck.organisation_id.in_(list(organisation_ids)))
            .order_by(BulkCheck.created_at.desc(), BulkCheck.id.desc())
            .limit(limit)
        )
    )


def numbers_from_csv(text: str) -> list[str]:
    """The numbers in CSV text: the ``registration_number`` column when there is a header naming
    it, otherwise the first cell of every line. Blank lines are skipped. Raises DomainError for a
    file that is not CSV, and ``ControlCharacters`` (naming row and column) for a number holding one."""
    try:
        rows = [
            (number, row)
            for number, row in enumerate(csv.reader(io.StringIO(text.lstrip("\ufeff"))), start=1)
            if any(c.strip() for c in row)
        ]
    except csv.Error as error:
        raise DomainError(f"The file could not be read as CSV: {error}") from error
    if not rows:
        return []
    header = [cell.strip().lower().replace(" ", "_") for cell in rows[0][1]]
    if "registration_number" in header:
        column, name = header.index("registration_number"), "registration_number"
        rows = rows[1:]
    else:
        column, name = 0, "column 1"
    cells = [(number, {name: row[column] if column < len(row) else ""}) for number, row in rows]
    unreadable = control_character_problems(cells, [name])
    if unreadable:
        raise ControlCharacters(unreadable)
    return [record[name].strip() for _, record in cells]


@dataclass(frozen=True)
class StatusReport:
    """A mediator's status on a date, and (when an LA was named) their independence from it."""

    registration_number: str
    name: str
    status: MediatorStatus
    body_name: str | None
    local_authority: LocalAuthority | None = None
    declared: dict[str, date] = field(default_factory=dict)  # kind declared with the LA → the day it began
    note: str | None = None  # the public note of a suspension


def status_report(
    registration_number: str,
    on: date | None = None,
    as_known_on: date | None = None,
    local_authority: str | None = None,
) -> StatusReport:
    """The status on ``on`` as the register knew it at the end of ``as_known_on``. Without ``on`` it is
    the status on ``as_known_on`` ("what the register said that day"), else today's.

    Raises InvalidRegistrationNumber, NotFound (not on the public register), UnknownLocalAuthority,
    FutureDate."""
    number = normalise(registration_number, "SM")
    as_known_on = past_date(as_known_on, "recorded_as_at") if as_known_on is not None else None
    on = past_date(on) if on is not None else (as_known_on or clock.today())
    la = None
    if local_authority:
        la = find_local_authority(local_authority)
        if la is None:
            raise UnknownLocalAuthority(f"There is no English local authority with the code {local_authority}")
    mediator = db.session.scalars(select(Mediator).where(Mediator.registration_number == number, on_register())).first()
    if mediator is None:
        raise NotFound(f"No mediator on the register has the registration number {number}.")
    status = status_on(mediator, on, as_known_on)
    body = db.session.get(Organisation, status.state.body_id) if status.state else None
    declared = declarations_on([mediator.id], la.id, on).get(mediator.id, {}) if la is not None else {}
    note = status_notes({mediator.id: status}).get(mediator.id)
    return StatusReport(number, mediator.display_name, status, body.name if body else None, la, declared, note)
