"""Checks between files: codes and categories one family refers to must exist in the version it names."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING

from registry.standards.model import CpdScheme, Document, MediatorStandards, TrainingCriteria
from registry.standards.problems import Problem

if TYPE_CHECKING:
    from registry.standards.loader import ParsedStandard

Report = Callable[[str, str], None]


def check_references(parsed: Sequence[ParsedStandard]) -> list[Problem]:
    """Problems with references from training criteria to mediator standards and the CPD scheme.

    A referenced file that exists but has problems of its own is skipped here: its own problems
    are already reported, and checking against half-read data would add noise.
    """
    files = {(p.family, p.version): p for p in parsed}
    problems: list[Problem] = []
    for item in parsed:
        if isinstance(item.document, TrainingCriteria) and not item.is_draft:
            problems += _training_references(item, item.document, files)
    return problems


def _training_references(
    item: ParsedStandard, criteria: TrainingCriteria, files: Mapping[tuple[str, str], ParsedStandard]
) -> list[Problem]:
    found: list[Problem] = []

    def report(location: str, message: str) -> None:
        found.append(Problem(item.file, location, message, item.line_of(location)))

    standards = _referenced(files, "mediator-standards", criteria.mediator_standards_version, report)
    scheme = _referenced(files, "cpd-scheme", criteria.cpd_scheme_version, report)
    for index, level in enumerate(criteria.levels):
        if isinstance(standards, MediatorStandards):
            known = set(standards.criterion_codes)
            for position, code in enumerate(level.must_cover):
                if code not in known:
                    message = f"{code} is not a criterion in mediator-standards {standards.version}"
                    report(f"levels[{index}].must_cover[{position}]", message)
        if isinstance(scheme, CpdScheme):
            for position, code in enumerate(level.log_categories):
                if scheme.category(code) is None:
                    message = f"'{code}' is not a log category in cpd-scheme {scheme.version}"
                    report(f"levels[{index}].log_categories[{position}]", message)
    return found


def _referenced(
    files: Mapping[tuple[str, str], ParsedStandard], family: str, version: str, report: Report
) -> Document | None:
    if (family, version) not in files:
        report(f"{family.replace('-', '_')}_version", f"{family} {version} does not exist in this standards folder")
        return None
    if files[(family, version)].is_draft:
        report(f"{family.replace('-', '_')}_version", f"{family} {version} is a draft in consultation, not published")
        return None
    return files[(family, version)].document
