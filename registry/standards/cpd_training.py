"""Schemas for the CPD scheme and the training criteria: the families that count hours."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from registry.standards.model import (
    Cap,
    CpdScheme,
    LogCategory,
    LogKind,
    Requirement,
    TrainingCriteria,
    TrainingCriterion,
    TrainingLevel,
)
from registry.standards.schema import HEADER, SNAKE_CODE, Fields, header, reference
from registry.standards.source import child

ZERO = Decimal(0)
REQUIREMENT_CODE = re.compile(r"^[A-Z]{2,4}-\d+$")
TRAINING_CODE = re.compile(r"^T[A-Z]-\d+$")
CRITERION_CODE = re.compile(r"^MS-\d+\.\d+$")
#: the programme levels the register's data model knows; the file must describe each exactly once
TRAINING_LEVELS = ("foundation", "send_specialist", "cpd_course")
LEVEL_FIELDS = {
    "code", "title", "summary", "minimum_hours", "minimum_role_play_hours",
    "observed_assessment_required", "must_cover", "log_categories", "criteria",
}  # fmt: skip


def build_cpd_scheme(fields: Fields, data: Any) -> CpdScheme:
    top = fields.block(data, "", HEADER | {"period_months", "kinds", "categories", "requirements", "caps"})
    kinds = tuple(
        LogKind(
            fields.code(block, at, SNAKE_CODE, "cpd"),
            fields.text(block, at, "title"),
            fields.text(block, at, "description", required=False),
        )
        for at, block in fields.blocks(top, "", "kinds", {"code", "title", "description"})
    )
    kind_codes = {kind.code for kind in kinds if kind.code}
    categories = tuple(
        LogCategory(
            fields.code(block, at, SNAKE_CODE, "send_law_policy_practice"),
            reference(fields, block, at, "kind", kind_codes, "log kind"),
            fields.text(block, at, "title"),
            fields.text(block, at, "description", required=False),
        )
        for at, block in fields.blocks(top, "", "categories", {"code", "kind", "title", "description"})
    )
    kind_of = {category.code: category.kind for category in categories if category.code}
    requirements = []
    for at, block in fields.blocks(top, "", "requirements", {"code", "label", "kind", "category", "minimum_hours"}):
        code = fields.code(block, at, REQUIREMENT_CODE, "CPD-1")
        label = fields.text(block, at, "label")
        kind = reference(fields, block, at, "kind", kind_codes, "log kind")
        category = _category(fields, block, at, kind, kind_of, required=False)
        requirements.append(Requirement(code, label, kind, category, fields.hours(block, at, "minimum_hours") or ZERO))
    caps: list[Cap] = []
    for at, block in fields.blocks(top, "", "caps", {"kind", "category", "maximum_hours", "label"}, required=False):
        kind = reference(fields, block, at, "kind", kind_codes, "log kind")
        category = _category(fields, block, at, kind, kind_of, required=True) or ""
        if category and any(cap.category == category for cap in caps):
            fields.problem(child(at, "category"), f"category '{category}' already has a cap; give it only one")
        caps.append(
            Cap(kind, category, fields.hours(block, at, "maximum_hours") or ZERO, fields.text(block, at, "label"))
        )
    _check_reachable(fields, requirements, caps)
    return CpdScheme(
        **header(fields, top),
        period_months=fields.whole_number(top, "", "period_months"),
        kinds=kinds,
        categories=categories,
        requirements=tuple(requirements),
        caps=tuple(caps),
    )


def _category(fields: Fields, block: Any, at: str, kind: str, kind_of: dict[str, str], required: bool) -> str | None:
    if not required and "category" not in block:
        return None
    category = reference(fields, block, at, "category", set(kind_of), "log category")
    if category and kind and kind_of[category] != kind:
        fields.problem(
            child(at, "category"), f"category '{category}' belongs to kind '{kind_of[category]}', not '{kind}'"
        )
    return category or None


def _check_reachable(fields: Fields, requirements: list[Requirement], caps: list[Cap]) -> None:
    """A requirement that asks for more hours of a category than its cap lets count can never be met."""
    limits = {cap.category: cap.maximum_hours for cap in caps}
    for index, requirement in enumerate(requirements):
        limit = limits.get(requirement.category or "")
        if limit is not None and requirement.minimum_hours > limit:
            message = (
                f"requires {requirement.minimum_hours} hours of '{requirement.category}' but at most {limit} count"
            )
            fields.problem(child(child("requirements", index), "minimum_hours"), message)


def build_training_criteria(fields: Fields, data: Any) -> TrainingCriteria:
    top_fields = {"programme_accreditation_years", "mediator_standards_version", "cpd_scheme_version"}
    top = fields.block(data, "", HEADER | top_fields | {"general_criteria", "levels"})
    general = _training_criteria(fields, top, "", "general_criteria")
    levels = tuple(_level(fields, at, block) for at, block in fields.blocks(top, "", "levels", LEVEL_FIELDS))
    codes = [level.code for level in levels]
    for code in TRAINING_LEVELS:
        if code not in codes:
            fields.problem(
                "levels", f"the '{code}' level is missing; the file must describe {', '.join(TRAINING_LEVELS)}"
            )
    for index, code in enumerate(codes):
        if code and code not in TRAINING_LEVELS:
            fields.problem(
                f"levels[{index}].code", f"unknown level '{code}'; expected one of {', '.join(TRAINING_LEVELS)}"
            )
    return TrainingCriteria(
        **header(fields, top),
        programme_accreditation_years=fields.whole_number(top, "", "programme_accreditation_years"),
        mediator_standards_version=fields.version(top, "", "mediator_standards_version"),
        cpd_scheme_version=fields.version(top, "", "cpd_scheme_version"),
        general_criteria=general,
        levels=levels,
    )


def _level(fields: Fields, at: str, block: Any) -> TrainingLevel:
    minimum = fields.hours(block, at, "minimum_hours") or ZERO
    role_play = fields.hours(block, at, "minimum_role_play_hours", required=False)
    if role_play is not None and role_play > minimum:
        fields.problem(child(at, "minimum_role_play_hours"), f"is more than the level's minimum_hours ({minimum})")
    must_cover = fields.texts(block, at, "must_cover", required=False)
    for index, code in enumerate(must_cover):
        if not CRITERION_CODE.match(code):
            fields.problem(
                child(child(at, "must_cover"), index), f"'{code}' is not a mediator standard code like MS-3.2"
            )
    return TrainingLevel(
        code=fields.code(block, at, SNAKE_CODE, "foundation"),
        title=fields.text(block, at, "title"),
        summary=fields.text(block, at, "summary", required=False),
        minimum_hours=minimum,
        minimum_role_play_hours=role_play,
        observed_assessment_required=fields.flag(block, at, "observed_assessment_required"),
        must_cover=must_cover,
        log_categories=fields.texts(block, at, "log_categories", required=False),
        criteria=_training_criteria(fields, block, at, "criteria"),
    )


def _training_criteria(fields: Fields, parent: Any, at: str, key: str) -> tuple[TrainingCriterion, ...]:
    return tuple(
        TrainingCriterion(
            fields.code(block, location, TRAINING_CODE, "TF-1"),
            fields.text(block, location, "title"),
            fields.text(block, location, "statement"),
        )
        for location, block in fields.blocks(parent, at, key, {"code", "title", "statement"})
    )
