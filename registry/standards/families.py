"""Schemas for the document families, and the table of which schema reads which family folder.

A schema is a function ``(fields, data) -> Document``: it walks the parsed YAML with a ``Fields``
reader, which records a problem for everything wrong, and returns the typed document. The loader
only hands the document on when no problems were recorded.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from registry.standards.cpd_training import build_cpd_scheme, build_training_criteria
from registry.standards.model import (
    Criterion,
    Document,
    MediatorStandards,
    OversightCriteria,
    OversightCriterion,
    OversightSubject,
    Standard,
    Term,
    Threshold,
    Vocabularies,
)
from registry.standards.schema import HEADER, SNAKE_CODE, Fields, header
from registry.standards.source import child

AREA_CODE = re.compile(r"^MS-\d+$")
CRITERION_CODE = re.compile(r"^MS-\d+\.\d+$")
PREFIX = re.compile(r"^[A-Z]{2}$")
OVERSIGHT_CODE = re.compile(r"^[A-Z]{2}-\d+$")
LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}$")
OVERSIGHT_FIELDS = {"code", "title", "statement", "evidence", "threshold"}


def build_mediator_standards(fields: Fields, data: Any) -> MediatorStandards:
    top = fields.block(data, "", HEADER | {"standards"})
    standards = []
    for location, block in fields.blocks(top, "", "standards", {"code", "title", "summary", "criteria"}):
        code = fields.code(block, location, AREA_CODE, "MS-3")
        criteria = []
        for item_location, item in fields.blocks(
            block, location, "criteria", {"code", "title", "statement", "evidence"}
        ):
            item_code = fields.code(item, item_location, CRITERION_CODE, f"{code or 'MS-3'}.1")
            if code and item_code and not item_code.startswith(f"{code}."):
                message = f"criterion {item_code} sits under standard {code}, so its code must start with {code}."
                fields.problem(child(item_location, "code"), message)
            title = fields.text(item, item_location, "title")
            statement = fields.text(item, item_location, "statement")
            criteria.append(Criterion(item_code, title, statement, fields.texts(item, item_location, "evidence")))
        title, summary = fields.text(block, location, "title"), fields.text(block, location, "summary", required=False)
        standards.append(Standard(code, title, summary, tuple(criteria)))
    return MediatorStandards(**header(fields, top), standards=tuple(standards))


def build_oversight_criteria(fields: Fields, data: Any) -> OversightCriteria:
    top = fields.block(data, "", HEADER | {"subjects"})
    subjects = []
    for location, block in fields.blocks(top, "", "subjects", {"code", "title", "prefix", "summary", "criteria"}):
        code = fields.code(block, location, SNAKE_CODE, "accrediting_body")
        prefix = fields.text(block, location, "prefix")
        if prefix and not PREFIX.match(prefix):
            fields.problem(
                child(location, "prefix"), f"'{prefix}' is not a valid prefix; expected two capitals like OB"
            )
        criteria = [
            _oversight_criterion(fields, prefix, *item)
            for item in fields.blocks(block, location, "criteria", OVERSIGHT_FIELDS)
        ]
        title, summary = fields.text(block, location, "title"), fields.text(block, location, "summary", required=False)
        subjects.append(OversightSubject(code, title, prefix, summary, tuple(criteria)))
    return OversightCriteria(**header(fields, top), subjects=tuple(subjects))


def _oversight_criterion(fields: Fields, prefix: str, location: str, block: Any) -> OversightCriterion:
    code = fields.code(block, location, OVERSIGHT_CODE, f"{prefix or 'OB'}-1")
    if prefix and code and not code.startswith(f"{prefix}-"):
        fields.problem(child(location, "code"), f"criteria of this subject have codes starting {prefix}-, not {code}")
    threshold = None
    if "threshold" in block:
        at = child(location, "threshold")
        limit = fields.block(block["threshold"], at, {"measure", "minimum"})
        measure = fields.text(limit, at, "measure")
        threshold = Threshold(measure, fields.whole_number(limit, at, "minimum", minimum=0))
    title, statement = fields.text(block, location, "title"), fields.text(block, location, "statement")
    return OversightCriterion(code, title, statement, fields.texts(block, location, "evidence"), threshold)


def build_vocabularies(fields: Fields, data: Any) -> Vocabularies:
    top = fields.block(data, "", HEADER | {"specialisms", "formats", "languages"})
    return Vocabularies(
        **header(fields, top),
        specialisms=_terms(fields, top, "specialisms", SNAKE_CODE, "post_16"),
        formats=_terms(fields, top, "formats", SNAKE_CODE, "in_person"),
        languages=_terms(fields, top, "languages", LANGUAGE_CODE, "en (an ISO 639 code)"),
    )


def _terms(fields: Fields, top: Any, name: str, pattern: re.Pattern[str], example: str) -> tuple[Term, ...]:
    return tuple(
        Term(
            fields.code(block, location, pattern, example),
            fields.text(block, location, "title"),
            fields.text(block, location, "description", required=False),
        )
        for location, block in fields.blocks(top, "", name, {"code", "title", "description"})
    )


Schema = Callable[[Fields, Any], Document]

#: family folder name -> the schema that reads its files
FAMILIES: dict[str, Schema] = {
    "mediator-standards": build_mediator_standards,
    "cpd-scheme": build_cpd_scheme,
    "training-criteria": build_training_criteria,
    "oversight-criteria": build_oversight_criteria,
    "vocabularies": build_vocabularies,
}
