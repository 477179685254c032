"""Submitting a programme and new versions of it (the training provider's side).

A programme is submitted with its first version; the content is checked against the training
criteria for its level and the shortfalls returned, so the provider sees at once what is
missing. Content never changes once submitted: a change is a new version, which
- while the programme waits for a decision, replaces what the registrar will decide on;
- for an accredited or suspended programme, must meet the criteria (an accredited programme
  keeps meeting them), and leaves the accreditation as it is;
- for a refused or lapsed programme, resubmits it (a ``resubmitted`` event: back to waiting).
A withdrawn programme takes no new versions.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from registry.domain import audit, clock, lifecycle, standards
from registry.domain.errors import ConcurrentChange, DomainError
from registry.domain.lifecycle import Change, clean_text
from registry.domain.registration_numbers import format_number
from registry.domain.sequences import next_value
from registry.domain.training.criteria import CheckedContent, Shortfall, shortfalls
from registry.domain.training.transitions import PROGRAMME_ACCREDITATION
from registry.extensions import db
from registry.models import Organisation, ProgrammeVersion, TrainingProgramme, User
from registry.models.logs import MAX_QUARTER_HOURS
from registry.models.training import ASSESSMENT_METHODS, DELIVERY_MODES, LEVELS

MAX_HOURS = Decimal("9999")
QUARTER = Decimal("0.25")
# One log entry holds at most this many hours (the professional log's limit).
MAX_LOG_HOURS = Decimal(MAX_QUARTER_HOURS) / 4


@dataclass(frozen=True)
class ProgrammeContent:
    """What a provider submits for one version of a programme."""

    title: str
    total_hours: Decimal
    practical_hours: Decimal
    delivery_mode: str
    assessment_method: str
    criteria_covered: Sequence[str] = ()
    log_hours: Mapping[str, Decimal] = field(default_factory=dict)
    summary: str = ""


@dataclass(frozen=True)
class Submitted:
    programme: TrainingProgramme
    version: ProgrammeVersion
    shortfalls: list[Shortfall]


def _hours(value: object, what: str, answer: str) -> Decimal:
    try:
        hours = Decimal(str(value))
    except (InvalidOperation, ValueError) as error:
        raise DomainError(f"Enter the {what} as a number of hours, like 12 or 7.5.", field=answer) from error
    if not hours.is_finite() or hours < 0 or hours > MAX_HOURS or hours != hours.quantize(Decimal("0.01")):
        raise DomainError(f"Enter the {what} as a number of hours between 0 and 9999, like 12 or 7.5.", field=answer)
    return hours


def _validated(level: str, content: ProgrammeContent, criteria_version: str) -> ProgrammeContent:
    """The content with its input checked (DomainError, naming the ``ProgrammeContent`` field or
    ``level``, on bad input); not the criteria check."""
    if level not in LEVELS:
        raise DomainError("Choose the level of the programme.", field="level")
    title = clean_text(content.title)
    if title is None or len(title) > 200:
        raise DomainError("Enter the programme's title (up to 200 characters).", field="title")
    total = _hours(content.total_hours, "total hours", "total_hours")
    practical = _hours(content.practical_hours, "practical hours", "practical_hours")
    if total == 0:
        raise DomainError("Enter the total hours of the programme: more than 0.", field="total_hours")
    if practical > total:
        raise DomainError("The practical hours cannot be more than the total hours.", field="practical_hours")
    if content.delivery_mode not in DELIVERY_MODES:
        raise DomainError("Choose how the programme is delivered.", field="delivery_mode")
    if content.assessment_method not in ASSESSMENT_METHODS:
        raise DomainError("Choose how participants are assessed.", field="assessment_method")
    criteria = standards.training_criteria(criteria_version)
    return ProgrammeContent(
        title=title,
        total_hours=total,
        practical_hours=practical,
        delivery_mode=content.delivery_mode,
        assessment_method=content.assessment_method,
        criteria_covered=_criteria_covered(content.criteria_covered, criteria.mediator_standards_version),
        log_hours=_log_hours(content.log_hours, criteria.cpd_scheme_version) if level == "cpd_course" else {},
        summary=(content.summary or "").strip(),
    )


def _criteria_covered(codes: Sequence[str], standards_version: str) -> tuple[str, ...]:
    known = standards.mediator_standards(standards_version).criterion_codes
    unknown = [code for code in codes if code not in known]
    if unknown:
        raise DomainError(
            f"These are not criteria of the mediator standards: {', '.join(unknown)}.", field="criteria_covered"
        )
    return tuple(code for code in known if code in set(codes))  # in the standards' order


def _log_hours(log_hours: Mapping[str, object], scheme_version: str) -> dict[str, Decimal]:
    scheme = standards.cpd_scheme(scheme_version)
    cleaned: dict[str, Decimal] = {}
    for category, value in log_hours.items():
        found = scheme.category(category)
        if found is None or found.kind != "cpd":
            raise DomainError(f"'{category}' is not a CPD log category.", field="log_hours")
        hours = _hours(value, "hours for each log category", "log_hours")
        if hours % QUARTER or hours > MAX_LOG_HOURS:
            raise DomainError(
                f"Enter the hours for each log category in quarter hours, up to {MAX_LOG_HOURS:f}, like 1.5 or 2.25.",
                field="log_hours",
            )
        if hours > 0:
            cleaned[category] = hours
    return cleaned


# The answer a refusal for shortfalls concerns: the first of these rules any shortfall is of, else
# the criteria covered.
_SHORTFALL_FIELDS = (
    ("minimum_role_play_hours", "practical_hours"),
    ("observed_assessment_required", "assessment_method"),
)


def _shortfalls_field(found: Sequence[Shortfall]) -> str:
    rules = {shortfall.rule for shortfall in found}
    return next((answer for rule, answer in _SHORTFALL_FIELDS if rule in rules), "criteria_covered")


def checked_content(level: str, version: ProgrammeVersion) -> CheckedContent:
    return CheckedContent(
        level=level,
        total_hours=version.total_hours,
        practical_hours=version.practical_hours,
        assessment_method=version.assessment_method,
        criteria_covered=tuple(version.criteria_covered),
        log_hours={category: Decimal(hours) for category, hours in version.log_hours.items()},
    )


def version_shortfalls(programme: TrainingProgramme, version: ProgrammeVersion) -> list[Shortfall]:
    """The shortfalls of ``version`` against the training criteria it was submitted under."""
    return shortfalls(checked_content(programme.level, version), version.criteria_version)


def _add_version(
    programme: TrainingProgramme, actor: User, content: ProgrammeContent, criteria_version: str, number: int
) -> ProgrammeVersion:
    version = ProgrammeVersion(
        programme=programme,
        number=number,
        title=content.title,
        summary=content.summary,
        total_hours=content.total_hours,
        practical_hours=content.practical_hours,
        delivery_mode=content.delivery_mode,
        assessment_method=content.assessment_method,
        criteria_covered=list(content.criteria_covered),
        log_hours={category: str(hours) for category, hours in content.log_hours.items()},
        criteria_version=criteria_version,
        submitted_at=clock.now(),
        submitted_by=actor,
    )
    db.session.add(version)
    programme.latest_version = number
    programme.title = content.title
    programme.delivery_mode = content.delivery_mode
    return version


def submit_programme(provider: Organisation, actor: User, level: str, content: ProgrammeContent) -> Submitted:
    """Create a programme (status ``submitted``) with its first version; returns it with its shortfalls."""
    if provider.kind != "training_provider":
        raise DomainError("Only a training provider can submit a training programme.", field="provider")
    criteria_version = standards.training_criteria().version
    content = _validated(level, content, criteria_version)
    change = Change("submitted", clock.today())
    programme = TrainingProgramme(
        reference="",
        provider=provider,
        level=level,
        title=content.title,
        delivery_mode=content.delivery_mode,
        latest_version=1,
        status="submitted",
    )
    lifecycle.check(PROGRAMME_ACCREDITATION, programme, change)
    programme.reference = format_number("TP", next_value("training_programmes"))
    db.session.add(programme)
    version = _add_version(programme, actor, content, criteria_version, 1)
    db.session.flush()
    found = shortfalls(checked_content(level, version), criteria_version)
    change.audit_data = {"level": level, "title": content.title, "shortfalls": [s.message for s in found]}
    lifecycle.record(PROGRAMME_ACCREDITATION, programme, actor, change)
    return Submitted(programme, version, found)


def submit_version(
    programme: TrainingProgramme, actor: User, content: ProgrammeContent, expected_version: int | None = None
) -> Submitted:
    """Add a new version of the programme's content (see the module docstring for what follows)."""
    if expected_version is not None and expected_version != programme.row_version:
        raise ConcurrentChange()
    if programme.status == "withdrawn":
        raise DomainError("This programme has been withdrawn, so it cannot take a new version.")
    criteria_version = standards.training_criteria().version
    content = _validated(programme.level, content, criteria_version)
    found = shortfalls(
        CheckedContent(
            programme.level,
            content.total_hours,
            content.practical_hours,
            content.assessment_method,
            content.criteria_covered,
            content.log_hours,
        ),
        criteria_version,
    )
    if programme.status in ("accredited", "suspended") and found:
        raise DomainError(
            "An accredited programme must keep meeting the criteria, so this version cannot replace the current one: "
            + "; ".join(s.message for s in found)
            + ".",
            field=_shortfalls_field(found),
        )
    resubmission = Change("resubmitted", clock.today()) if programme.status in ("refused", "lapsed") else None
    if resubmission is not None:
        lifecycle.check(PROGRAMME_ACCREDITATION, programme, resubmission)
    version = _add_version(programme, actor, content, criteria_version, programme.latest_version + 1)
    db.session.flush()
    audit_data = {"title": content.title, "shortfalls": [s.message for s in found]}
    if resubmission is not None:
        resubmission.audit_data = audit_data
        lifecycle.record(PROGRAMME_ACCREDITATION, programme, actor, resubmission)
    else:
        audit.record(
            actor,
            "training_programme.new_version",
            "training_programme",
            programme.reference,
            programme_version=version.number,
            **audit_data,
        )
    return Submitted(programme, version, found)
