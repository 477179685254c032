"""The standards as the rest of the register sees them.

Reading goes through ``registry.standards`` (the only reader of the YAML files), from the folder
in ``STANDARDS_PATH``. Published versions never change, so the parsed library is cached per
folder. Importing records each version with its content hash and refuses a changed file for a
version already published: the author must publish a new version number instead.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

from flask import current_app
from sqlalchemy import select

from registry.domain import audit, clock
from registry.domain import drafts as recording
from registry.domain.errors import DomainError, NotFound
from registry.extensions import db
from registry.models.standards import StandardsVersion
from registry.models.users import User
from registry.standards import (
    CpdScheme,
    MediatorStandards,
    StandardsLibrary,
    TrainingCriteria,
    Vocabularies,
    load_all,
)

FAMILY_TITLES = {
    "mediator-standards": "Quality standards for SEND mediators",
    "cpd-scheme": "CPD, supervision and practice scheme",
    "training-criteria": "Criteria for training programmes",
    "oversight-criteria": "Oversight criteria for accrediting bodies, training providers and mediation providers",
    "vocabularies": "Controlled vocabularies",
}


T = TypeVar("T")


@lru_cache(maxsize=4)
def _load(root: str) -> StandardsLibrary:
    return load_all(Path(root))


def library() -> StandardsLibrary:
    return _load(str(current_app.config["STANDARDS_PATH"]))


def _typed(getter: Callable[[str | None], T], family: str, version: str | None) -> T:
    try:
        return getter(version)
    except KeyError as error:
        raise NotFound(f"There is no version {version} of the {FAMILY_TITLES.get(family, family)}") from error


def mediator_standards(version: str) -> MediatorStandards:
    return _typed(library().mediator_standards, "mediator-standards", version)


def current_mediator_standards() -> MediatorStandards:
    return library().mediator_standards()


def cpd_scheme(version: str | None = None) -> CpdScheme:
    return _typed(library().cpd_scheme, "cpd-scheme", version)


def training_criteria(version: str | None = None) -> TrainingCriteria:
    return _typed(library().training_criteria, "training-criteria", version)


def vocabularies(version: str | None = None) -> Vocabularies:
    return _typed(library().vocabularies, "vocabularies", version)


@dataclass(frozen=True)
class ImportReport:
    added: list[str]
    unchanged: list[str]
    consultations: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        added = ", ".join(self.added) or "none"
        text = f"Standards imported: {len(self.added)} new ({added}), {len(self.unchanged)} unchanged."
        if self.consultations:
            text += f" Drafts recorded for consultation: {', '.join(self.consultations)}."
        return text


class PublishedVersionChanged(DomainError):
    pass


def import_standards(root: Path, actor: User | None = None) -> ImportReport:
    """Record every version under ``root``, and every draft as a consultation (``consultations.recording``).
    Idempotent; all-or-nothing if any published file changed or a consulted version may not be published yet."""
    loaded = load_all(Path(root))
    recorded = {(v.family, v.version): v for v in db.session.scalars(select(StandardsVersion))}
    changed = [
        f"{item.family} {item.version} ({item.file})"
        for item in loaded.files
        if (item.family, item.version) in recorded
        and recorded[(item.family, item.version)].content_hash != item.content_hash
    ]
    if changed:
        raise PublishedVersionChanged(
            "These published versions have changed since they were imported: "
            + "; ".join(changed)
            + ". A published version never changes — give the edited file a new version number."
        )
    consulted, today = recording.recorded(), clock.today()
    for item in loaded.files:  # every refusal before anything is written
        known = consulted.get((item.family, item.version))
        if known is not None and not item.is_draft and (item.family, item.version) not in recorded:
            recording.check_publishable(known, item, today)
    report = ImportReport(added=[], unchanged=[])
    for item in loaded.files:
        label = f"{item.family} {item.version}"
        if item.is_draft:
            text = item.path.read_text(encoding="utf-8")
            done = recording.record_draft(item, text, consulted.get((item.family, item.version)), actor, today)
            (report.consultations if done else report.unchanged).append(label)
            continue
        if (item.family, item.version) in recorded:
            report.unchanged.append(label)
            continue
        document = loaded.get(item.family, item.version)
        db.session.add(
            StandardsVersion(
                family=item.family,
                version=item.version,
                title=document.title,
                published_on=document.published_on,
                content_hash=item.content_hash,
            )
        )
        audit.record(actor, "standards.published", "standards", label, content_hash=item.content_hash)
        if (item.family, item.version) in consulted:
            recording.mark_published(consulted[(item.family, item.version)], document.published_on, actor)
        report.added.append(label)
    db.session.flush()
    return report
