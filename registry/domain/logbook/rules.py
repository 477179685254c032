"""What a log entry must be, written once for the form, the CSV import and the API.

``problems(draft, context)`` returns every problem with a draft as (field, message) pairs in
plain English, without touching the database. The category must be one the CPD scheme lists
for the kind; the date must not be in the future; hours come in quarter hours between a quarter
of an hour and 40 hours; practice entries carry only the LA, issue type, format, outcome band,
hours and a short title (no reflection, which would invite details about families).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal, InvalidOperation

from registry.domain.logbook.vocabulary import ISSUE_TYPES, OUTCOME_BANDS
from registry.models.logs import LOG_KINDS, MAX_QUARTER_HOURS
from registry.standards import CpdScheme

EARLIEST_DATE = date(2000, 1, 1)
MAX_HOURS = Decimal(MAX_QUARTER_HOURS) / 4
TITLE_LENGTH = 200
PRACTICE_TITLE_LENGTH = 80
PROVIDER_LENGTH = 200
REFLECTION_LENGTH = 5000
PRACTICE_FIELDS = ("local_authority_id", "issue_type", "format", "outcome_band")


@dataclass(frozen=True)
class EntryDraft:
    """A log entry as someone typed it. Text is stripped by ``cleaned``; absent values are None."""

    kind: str
    category: str = ""
    occurred_on: date | None = None
    hours: Decimal | None = None
    title: str = ""
    provider: str = ""
    reflection: str = ""
    local_authority_id: int | None = None
    issue_type: str | None = None
    format: str | None = None
    outcome_band: str | None = None

    def cleaned(self) -> EntryDraft:
        return replace(
            self,
            category=(self.category or "").strip(),
            title=" ".join((self.title or "").split()),
            provider=" ".join((self.provider or "").split()),
            reflection=(self.reflection or "").strip(),
        )


@dataclass(frozen=True)
class RuleContext:
    scheme: CpdScheme
    format_codes: Collection[str]
    today: date


@dataclass(frozen=True)
class Problem:
    field: str
    message: str


def parse_hours(text: str) -> Decimal | None:
    """'1.5', '1,5' or ' 2 ' as a Decimal; None when it is not a number."""
    try:
        value = Decimal(text.strip().replace(",", "."))
    except (InvalidOperation, AttributeError):
        return None
    return value if value.is_finite() else None


def quarter_hours(hours: Decimal) -> int:
    return int(hours * 4)


def _hours_problem(hours: Decimal | None) -> str | None:
    if hours is None:
        return "Enter the hours, like 1.5 for an hour and a half"
    if hours < Decimal("0.25"):
        return "Hours must be at least 0.25 (a quarter of an hour)"
    if hours > MAX_HOURS:
        return f"Hours must be {MAX_HOURS:f} or fewer for one entry: log a longer course as separate entries"
    if (hours * 4) % 1 != 0:
        return "Enter hours in quarter hours, like 1, 1.25, 1.5 or 1.75"
    return None


def _date_problem(occurred_on: date | None, today: date) -> str | None:
    if occurred_on is None:
        return "Enter the date it took place"
    if occurred_on > today:
        return "The date must be today or in the past"
    if occurred_on < EARLIEST_DATE:
        return "The date must be in 2000 or later"
    return None


def _category_problem(draft: EntryDraft, scheme: CpdScheme) -> str | None:
    codes = {category.code for category in scheme.categories_for(draft.kind)}
    if draft.category in codes:
        return None
    if draft.kind == "supervision":
        return "Choose one-to-one or group supervision"
    return "Choose a category from the list"


def _text_problems(draft: EntryDraft) -> list[Problem]:
    found = []
    title_limit = PRACTICE_TITLE_LENGTH if draft.kind == "practice" else TITLE_LENGTH
    if not draft.title:
        found.append(Problem("title", "Enter a title"))
    elif len(draft.title) > title_limit:
        found.append(Problem("title", f"The title must be {title_limit} characters or fewer"))
    if len(draft.provider) > PROVIDER_LENGTH:
        found.append(Problem("provider", f"The provider must be {PROVIDER_LENGTH} characters or fewer"))
    if len(draft.reflection) > REFLECTION_LENGTH:
        found.append(Problem("reflection", f"The reflection must be {REFLECTION_LENGTH} characters or fewer"))
    return found


def _practice_problems(draft: EntryDraft, format_codes: Collection[str]) -> list[Problem]:
    found = []
    if draft.reflection:
        found.append(Problem("reflection", "Practice entries have no reflection: leave out details about families"))
    if draft.local_authority_id is None:
        found.append(Problem("local_authority_id", "Choose the local authority"))
    if draft.issue_type not in ISSUE_TYPES:
        found.append(Problem("issue_type", "Choose what the disagreement was about"))
    if draft.format not in format_codes:
        found.append(Problem("format", "Choose how the mediation was held"))
    if draft.outcome_band not in OUTCOME_BANDS:
        found.append(Problem("outcome_band", "Choose the outcome"))
    return found


def problems(draft: EntryDraft, context: RuleContext) -> list[Problem]:
    """Every problem with a (cleaned) draft, in form order; empty when it can be saved."""
    if draft.kind not in LOG_KINDS:
        return [Problem("kind", "Choose CPD, supervision or practice")]
    found = []
    category_problem = _category_problem(draft, context.scheme)
    if category_problem:
        found.append(Problem("category", category_problem))
    date_problem = _date_problem(draft.occurred_on, context.today)
    if date_problem:
        found.append(Problem("occurred_on", date_problem))
    hours_problem = _hours_problem(draft.hours)
    if hours_problem:
        found.append(Problem("hours", hours_problem))
    found += _text_problems(draft)
    if draft.kind == "practice":
        found += _practice_problems(draft, context.format_codes)
    elif any(getattr(draft, name) is not None for name in PRACTICE_FIELDS):
        found.append(Problem("kind", "Only practice entries have a local authority, issue type, format and outcome"))
    return found
