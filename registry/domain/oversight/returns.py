"""Quarterly outcome returns from mediation providers: aggregate, anonymous figures per LA.

A return is for one provider, one local authority and one calendar quarter (1 = January to
March). Submitting figures for a quarter already returned is a correction: it adds the next
OutcomeReturnRevision and updates the OutcomeReturn row to the new figures (the statistics
read that row, so the latest revision counts). Nothing is overwritten: every revision stays.
Figures identical to the latest revision add nothing.

The figures must be whole numbers of 0 or more, and consistent (``problems`` explains each):
those who chose mediation, certificates and mediations cannot exceed advice contacts; agreements
(full + partial + none), cases with health or social care elements and later appeals of mediated cases cannot exceed
mediations held; later appeals of cases not mediated cannot exceed the advice contacts that
did not lead to mediation.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from registry.domain import audit, clock
from registry.domain.errors import DomainError, NotFound
from registry.domain.local_authorities import find_local_authority
from registry.extensions import db
from registry.models import LocalAuthority, Organisation, OutcomeReturn, OutcomeReturnRevision, User
from registry.models.oversight import RETURN_FIGURES, quarter_label

FIRST_YEAR = 2014  # Part 3 of the Children and Families Act 2014
MAX_FIGURE = 1_000_000

FIGURE_LABELS = {
    "advice_contacts": "Mediation advice contacts",
    "mediation_chosen": "Advice contacts who chose mediation",
    "certificates_issued": "Certificates issued",
    "mediations_held": "Mediations held",
    "agreements_full": "Mediations ending in full agreement",
    "agreements_partial": "Mediations ending in partial agreement",
    "agreements_none": "Mediations ending without agreement",
    "health_social_care_cases": "Mediations with health or social care elements",
    "appeals_after_mediation": "Later appeals known, mediated cases",
    "appeals_without_mediation": "Later appeals known, cases not mediated",
}


@dataclass(frozen=True)
class ReturnInput:
    local_authority: str  # GSS or DfE code
    year: object
    quarter: object
    figures: dict[str, object] = field(default_factory=dict)
    note: str = ""


@dataclass(frozen=True)
class Problem:
    field: str
    message: str


@dataclass(frozen=True)
class CheckedReturn:
    local_authority: LocalAuthority
    year: int
    quarter: int
    figures: dict[str, int]
    note: str


class ReturnRefused(DomainError):
    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(p.message for p in problems))
        self.problems = problems


def _whole(value: object) -> int | None:
    text = str(value).strip().replace(",", "") if value is not None else ""
    return int(text) if text.isascii() and text.isdigit() else None


def _period_problems(year: int | None, quarter: int | None, today: date) -> list[Problem]:
    if year is None or not FIRST_YEAR <= year <= today.year:
        return [Problem("year", f"Enter a year from {FIRST_YEAR} to {today.year}, like {today.year}")]
    if quarter is None or not 1 <= quarter <= 4:
        return [Problem("quarter", "Select the quarter, from 1 (January to March) to 4 (October to December)")]
    if date(year, 3 * quarter - 2, 1) > today:
        return [Problem("quarter", f"{quarter_label(year, quarter)} has not started yet")]
    return []


def consistency_problems(f: dict[str, int]) -> list[Problem]:
    """Each figure that breaks a rule, with the numbers, in plain words."""
    problems = []
    advice, held = f["advice_contacts"], f["mediations_held"]
    agreements = f["agreements_full"] + f["agreements_partial"] + f["agreements_none"]
    rules = [
        (
            "mediation_chosen",
            f["mediation_chosen"] > advice,
            f"Advice contacts who chose mediation ({f['mediation_chosen']}) cannot be more than mediation advice "
            f"contacts ({advice})",
        ),
        (
            "certificates_issued",
            f["certificates_issued"] > advice,
            f"Certificates issued ({f['certificates_issued']}) cannot be more than mediation advice contacts "
            f"({advice})",
        ),
        (
            "mediations_held",
            held > advice,
            f"Mediations held ({held}) cannot be more than mediation advice contacts ({advice})",
        ),
        (
            "agreements_none",
            agreements > held,
            f"Agreements full, partial and none add up to {agreements}, more than the mediations held ({held})",
        ),
        (
            "health_social_care_cases",
            f["health_social_care_cases"] > held,
            f"Mediations with health or social care elements ({f['health_social_care_cases']}) cannot be more than "
            f"mediations held ({held})",
        ),
        (
            "appeals_after_mediation",
            f["appeals_after_mediation"] > held,
            f"Later appeals of mediated cases ({f['appeals_after_mediation']}) cannot be more than mediations held "
            f"({held})",
        ),
        (
            "appeals_without_mediation",
            f["appeals_without_mediation"] > advice - held,
            f"Later appeals of cases not mediated ({f['appeals_without_mediation']}) cannot be more than the advice "
            f"contacts that did not lead to mediation ({max(advice - held, 0)})",
        ),
    ]
    for name, broken, message in rules:
        if broken:
            problems.append(Problem(name, message))
    return problems


def check(details: ReturnInput, today: date | None = None) -> CheckedReturn:
    """Every problem with the return at once (ReturnRefused), or the checked return."""
    today = today or clock.today()
    problems: list[Problem] = []
    local_authority = find_local_authority(details.local_authority or "")
    if local_authority is None:
        problems.append(Problem("local_authority", "Select the local authority, or give its GSS or DfE code"))
    year, quarter = _whole(details.year), _whole(details.quarter)
    problems += _period_problems(year, quarter, today)
    figures: dict[str, int] = {}
    for name in RETURN_FIGURES:
        value = _whole(details.figures.get(name))
        if value is None or value > MAX_FIGURE:
            problems.append(Problem(name, f"{FIGURE_LABELS[name]} must be a whole number of 0 or more"))
        else:
            figures[name] = value
    if len(figures) == len(RETURN_FIGURES):
        problems += consistency_problems(figures)
    note = (details.note or "").strip()
    if len(note) > 2000:
        problems.append(Problem("note", "Keep the note to 2,000 characters or fewer"))
    if problems:
        raise ReturnRefused(problems)
    assert local_authority is not None and year is not None and quarter is not None
    return CheckedReturn(local_authority, year, quarter, figures, note)


@dataclass(frozen=True)
class Submitted:
    outcome_return: OutcomeReturn
    change: str  # "new", "corrected" or "unchanged"


def existing_return(
    provider: Organisation, local_authority: LocalAuthority, year: int, quarter: int
) -> OutcomeReturn | None:
    return db.session.scalars(
        select(OutcomeReturn).where(
            OutcomeReturn.provider_id == provider.id,
            OutcomeReturn.local_authority_id == local_authority.id,
            OutcomeReturn.year == year,
            OutcomeReturn.quarter == quarter,
        )
    ).first()


def save(provider: Organisation, checked: CheckedReturn, actor: User, source: str = "form") -> Submitted:
    """Store a checked return as a new return or the next revision of the existing one."""
    current = existing_return(provider, checked.local_authority, checked.year, checked.quarter)
    if current is not None and current.figures() == checked.figures:
        return Submitted(current, "unchanged")
    if current is None:
        current = OutcomeReturn(
            provider_id=provider.id,
            local_authority=checked.local_authority,
            year=checked.year,
            quarter=checked.quarter,
            revision=0,
        )
        db.session.add(current)
    current.revision += 1
    current.submitted_at = clock.now()
    for name, value in checked.figures.items():
        setattr(current, name, value)
    db.session.flush()
    db.session.add(
        OutcomeReturnRevision(
            return_id=current.id,
            revision=current.revision,
            source=source,
            note=checked.note,
            submitted_at=current.submitted_at,
            submitted_by_id=actor.id,
            **checked.figures,
        )
    )
    db.session.flush()
    audit.record(
        actor,
        "outcome_return.submitted",
        "outcome_return",
        current.id,
        provider_id=provider.id,
        local_authority=checked.local_authority.gss_code,
        year=checked.year,
        quarter=checked.quarter,
        revision=current.revision,
        source=source,
    )
    return Submitted(current, "new" if current.revision == 1 else "corrected")


def submit(provider: Organisation, details: ReturnInput, actor: User, today: date | None = None) -> Submitted:
    """Check and store one return from the form; raises ReturnRefused with every problem."""
    return save(provider, check(details, today), actor, "form")


def returns_of(provider_ids: set[int]) -> list[OutcomeReturn]:
    """A provider's returns, latest quarter first."""
    query = (
        select(OutcomeReturn)
        .where(OutcomeReturn.provider_id.in_(provider_ids))
        .options(joinedload(OutcomeReturn.local_authority), joinedload(OutcomeReturn.provider))
        .order_by(OutcomeReturn.year.desc(), OutcomeReturn.quarter.desc(), OutcomeReturn.id)
    )
    return list(db.session.scalars(query))


def return_by_id(return_id: int) -> OutcomeReturn:
    found = db.session.scalars(
        select(OutcomeReturn)
        .where(OutcomeReturn.id == return_id)
        .options(
            joinedload(OutcomeReturn.local_authority),
            joinedload(OutcomeReturn.provider),
            selectinload(OutcomeReturn.revisions).joinedload(OutcomeReturnRevision.submitted_by),
        )
    ).first()
    if found is None:
        raise NotFound("There is no such outcome return")
    return found
