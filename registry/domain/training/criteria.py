"""The criteria check: does a programme's content meet the training criteria for its level?

Every threshold comes from the ``training-criteria`` standards file (``minimum_hours``,
``minimum_role_play_hours``, ``observed_assessment_required``, ``must_cover`` and
``log_categories``); none is written here. Shortfalls are listed in plain words, for the
provider when they submit and for the registrar deciding. A programme with shortfalls can be
submitted (the provider sees what is missing) but not accredited.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from registry.domain import standards
from registry.standards import TrainingLevel

# How each level is named in a sentence: "foundation programmes need at least 40 hours".
LEVEL_PLURALS = {
    "foundation": "foundation programmes",
    "send_specialist": "SEND specialist programmes",
    "cpd_course": "CPD courses",
}
ASSESSMENT_WORDS = {
    "observed_role_play": "an observed role-play assessment",
    "written": "a written assessment",
    "portfolio": "a portfolio",
    "attendance_only": "attendance only",
}


@dataclass(frozen=True)
class Shortfall:
    rule: str  # the level field it falls short of, e.g. "minimum_role_play_hours"
    message: str


@dataclass(frozen=True)
class CheckedContent:
    """The parts of a programme version the criteria look at."""

    level: str
    total_hours: Decimal
    practical_hours: Decimal
    assessment_method: str
    criteria_covered: Sequence[str]
    log_hours: Mapping[str, Decimal]


def hours_text(value: Decimal) -> str:
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _hours(value: Decimal) -> str:
    words = hours_text(value)
    return f"{words} hour" if value == 1 else f"{words} hours"


def shortfalls(content: CheckedContent, criteria_version: str | None = None) -> list[Shortfall]:
    """Every way ``content`` falls short of its level in training criteria ``criteria_version`` (default current)."""
    criteria = standards.training_criteria(criteria_version)
    level = criteria.level(content.level)
    if level is None:
        return [Shortfall("level", f"There is no '{content.level}' level in the training criteria {criteria.version}.")]
    found = _hour_shortfalls(level, content)
    if level.observed_assessment_required and content.assessment_method != "observed_role_play":
        found.append(
            Shortfall(
                "observed_assessment_required",
                f"{LEVEL_PLURALS[level.code]} need an observed assessment; "
                f"this one is assessed by {ASSESSMENT_WORDS.get(content.assessment_method, content.assessment_method)}",
            )
        )
    found.extend(_coverage_shortfalls(level, content, criteria.mediator_standards_version))
    found.extend(_log_category_shortfalls(level, content, criteria.cpd_scheme_version))
    return [Shortfall(s.rule, s.message[:1].upper() + s.message[1:]) for s in found]


def _hour_shortfalls(level: TrainingLevel, content: CheckedContent) -> list[Shortfall]:
    found = []
    name = LEVEL_PLURALS[level.code]
    if content.total_hours < level.minimum_hours:
        found.append(
            Shortfall(
                "minimum_hours",
                f"{name} need at least {_hours(level.minimum_hours)} in total; "
                f"this one has {hours_text(content.total_hours)}",
            )
        )
    role_play = level.minimum_role_play_hours
    if role_play is not None and content.practical_hours < role_play:
        found.append(
            Shortfall(
                "minimum_role_play_hours",
                f"{name} need at least {_hours(role_play)} of practical role-play; "
                f"this one has {hours_text(content.practical_hours)}",
            )
        )
    return found


def _coverage_shortfalls(level: TrainingLevel, content: CheckedContent, standards_version: str) -> list[Shortfall]:
    missing = [code for code in level.must_cover if code not in set(content.criteria_covered)]
    if not missing:
        return []
    mediator_standards = standards.mediator_standards(standards_version)
    named = [
        f"{code} ({criterion.title})" if (criterion := mediator_standards.criterion(code)) else code for code in missing
    ]
    listed = named[0] if len(named) == 1 else ", ".join(named[:-1]) + " or " + named[-1]
    return [
        Shortfall(
            "must_cover",
            f"{LEVEL_PLURALS[level.code]} must cover {len(level.must_cover)} listed criteria of the mediator "
            f"standards; this one does not cover {listed}",
        )
    ]


def _log_category_shortfalls(level: TrainingLevel, content: CheckedContent, scheme_version: str) -> list[Shortfall]:
    if not level.log_categories:
        return []
    name = LEVEL_PLURALS[level.code]
    logged = {category: hours for category, hours in content.log_hours.items() if hours > 0}
    if not logged:
        return [
            Shortfall(
                "log_categories", f"{name} must say which CPD log category they count towards; this one names none"
            )
        ]
    found = []
    scheme = standards.cpd_scheme(scheme_version)
    outside = [code for code in logged if code not in level.log_categories]
    if outside:
        titles = ", ".join((c.title if (c := scheme.category(code)) else code) for code in outside)
        found.append(
            Shortfall("log_categories", f"{name} cannot be logged as {titles}; choose from the listed categories")
        )
    total = sum(logged.values(), Decimal(0))
    if total > content.total_hours:
        found.append(
            Shortfall(
                "log_categories",
                f"{name} can be logged for at most their own length ({_hours(content.total_hours)}); "
                f"this one allows {hours_text(total)}",
            )
        )
    return found
