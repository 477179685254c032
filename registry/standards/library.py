"""The loaded, validated standards: every version of every family, and which one is current."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from registry.standards.loader import ParsedStandard, scan_tree
from registry.standards.model import (
    CpdScheme,
    Document,
    MediatorStandards,
    OversightCriteria,
    TrainingCriteria,
    Vocabularies,
)
from registry.standards.problems import StandardsError

D = TypeVar("D", bound=Document)


def version_key(version: str) -> tuple[int, ...]:
    """Sort key comparing versions numerically, so that "1.10" comes after "1.9"."""
    return tuple(int(part) for part in version.split("."))


@dataclass(frozen=True)
class StandardsLibrary:
    """Every file under one standards root; built by ``load_all``, so every file in it is valid."""

    root: Path
    files: tuple[ParsedStandard, ...]

    def families(self) -> tuple[str, ...]:
        return tuple(sorted({f.family for f in self.files if not f.is_draft}))

    def versions(self, family: str) -> tuple[str, ...]:
        """The family's published versions, oldest first: never a draft in consultation, so nothing
        that reads the standards (rules, forms, API, pages) sees a draft until it is published."""
        return tuple(sorted((f.version for f in self.files if f.family == family and not f.is_draft), key=version_key))

    def drafts(self, family: str) -> tuple[str, ...]:
        """The family's drafts in consultation, oldest first (read through ``draft``)."""
        return tuple(sorted((f.version for f in self.files if f.family == family and f.is_draft), key=version_key))

    def draft(self, family: str, version: str) -> Document:
        """A draft in consultation (raises ``KeyError`` for anything else)."""
        parsed = self.parsed(family, version)
        if not parsed.is_draft or parsed.document is None:
            raise KeyError(f"{family} {version} is not a draft in consultation")
        return parsed.document

    def published_before(self, family: str, version: str) -> str | None:
        """The highest published version below ``version``: what a draft is compared with."""
        earlier = [v for v in self.versions(family) if version_key(v) < version_key(version)]
        return earlier[-1] if earlier else None

    def parsed(self, family: str, version: str) -> ParsedStandard:
        """The file behind a version, with its ``content_hash`` (raises ``KeyError`` when unknown)."""
        for item in self.files:
            if (item.family, item.version) == (family, version):
                return item
        raise KeyError(f"there is no version {version} of {family}")

    def get(self, family: str, version: str) -> Document:
        """A published version (raises ``KeyError`` for a draft: see ``draft``)."""
        parsed = self.parsed(family, version)
        if parsed.document is None:  # load_all admits only files without problems, so only a hand-built library
            raise KeyError(f"{family} {version} has problems and cannot be used")
        if parsed.is_draft:
            raise KeyError(f"{family} {version} is a draft in consultation, not a published version")
        return parsed.document

    def current_version(self, family: str) -> str:
        versions = self.versions(family)
        if not versions:
            raise KeyError(f"there is no published version of {family}")
        return versions[-1]

    def current(self, family: str) -> Document:
        """The family's highest version by number (not by publication date)."""
        return self.get(family, self.current_version(family))

    def mediator_standards(self, version: str | None = None) -> MediatorStandards:
        return self._typed("mediator-standards", version, MediatorStandards)

    def cpd_scheme(self, version: str | None = None) -> CpdScheme:
        return self._typed("cpd-scheme", version, CpdScheme)

    def training_criteria(self, version: str | None = None) -> TrainingCriteria:
        return self._typed("training-criteria", version, TrainingCriteria)

    def oversight_criteria(self, version: str | None = None) -> OversightCriteria:
        return self._typed("oversight-criteria", version, OversightCriteria)

    def vocabularies(self, version: str | None = None) -> Vocabularies:
        return self._typed("vocabularies", version, Vocabularies)

    def _typed(self, family: str, version: str | None, kind: type[D]) -> D:
        document = self.get(family, version or self.current_version(family))
        if not isinstance(document, kind):
            raise TypeError(f"{family} {version} was read as {type(document).__name__}, not {kind.__name__}")
        return document


def load_all(root: Path) -> StandardsLibrary:
    """Read and validate the whole tree at ``root``; raises ``StandardsError`` listing every problem."""
    files, problems = scan_tree(Path(root))
    if problems:
        raise StandardsError(problems)
    return StandardsLibrary(root=Path(root), files=tuple(files))
