"""The only reader of the top-level ``standards/`` files: parse, validate, typed objects.

Typical use::

    library = load_all(app.config["STANDARDS_PATH"])      # raises StandardsError on any problem
    scheme = library.cpd_scheme()                         # current version
    result = assess_compliance(scheme, start, end, lines)

``check_tree(root)`` lists problems without raising (for ``flask standards check``), and each
``library.files`` item carries the ``content_hash`` that the importer records per version.
Nothing here touches Flask or the database.
"""

from registry.standards.compliance import ComplianceResult, LogLine, RequirementResult, assess_compliance
from registry.standards.diff import Change, diff_versions
from registry.standards.library import StandardsLibrary, load_all, version_key
from registry.standards.loader import ParsedStandard, check_tree, load_family_file, load_family_text
from registry.standards.model import (
    Cap,
    Consultation,
    CpdScheme,
    Criterion,
    Document,
    LogCategory,
    LogKind,
    MediatorStandards,
    OversightCriteria,
    OversightCriterion,
    OversightSubject,
    Question,
    Requirement,
    Standard,
    Term,
    Threshold,
    TrainingCriteria,
    TrainingCriterion,
    TrainingLevel,
    Vocabularies,
)
from registry.standards.problems import Problem, StandardsError
from registry.standards.source import content_hash

__all__ = [
    "Cap",
    "Change",
    "ComplianceResult",
    "Consultation",
    "CpdScheme",
    "Criterion",
    "Document",
    "LogCategory",
    "LogKind",
    "LogLine",
    "MediatorStandards",
    "OversightCriteria",
    "OversightCriterion",
    "OversightSubject",
    "ParsedStandard",
    "Problem",
    "Question",
    "Requirement",
    "RequirementResult",
    "Standard",
    "StandardsError",
    "StandardsLibrary",
    "Term",
    "Threshold",
    "TrainingCriteria",
    "TrainingCriterion",
    "TrainingLevel",
    "Vocabularies",
    "assess_compliance",
    "check_tree",
    "content_hash",
    "diff_versions",
    "load_all",
    "load_family_file",
    "load_family_text",
    "version_key",
]
