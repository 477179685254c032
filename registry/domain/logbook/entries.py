"""The mediator's own log: list, add, edit, delete and annotate entries, with an optional evidence file.

Entries a registrar has verified are fixed: the mediator can only annotate them. Editing a
rejected entry sends it back for review. Each change writes an audit event (no private text in
it). Functions that stop referring to an evidence file return its stored name, for the caller to
remove with ``evidence.discard`` once the transaction has committed.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from registry.domain import audit, clock, evidence, standards
from registry.domain.errors import ConcurrentChange, DomainError, NotFound
from registry.domain.logbook.rules import EntryDraft, Problem, RuleContext, problems, quarter_hours
from registry.domain.paging import PAGE_SIZE, Page, paginate
from registry.extensions import db
from registry.models import LocalAuthority, LogEntry, Mediator, User

VERIFIED_IS_FIXED = (
    "Your accrediting body has verified this entry, so it cannot be changed or deleted. You can add a note to it."
)


class InvalidEntry(DomainError):
    """The draft cannot be saved; ``problems`` says what to fix, field by field."""

    def __init__(self, found: list[Problem]) -> None:
        super().__init__("; ".join(problem.message for problem in found))
        self.problems = found


def rule_context() -> RuleContext:
    return RuleContext(
        scheme=standards.cpd_scheme(),
        format_codes={term.code for term in standards.vocabularies().formats},
        today=clock.today(),
    )


def check_draft(draft: EntryDraft, context: RuleContext | None = None) -> list[Problem]:
    """Every problem with a cleaned draft, including a local authority that does not exist."""
    found = problems(draft, context or rule_context())
    if draft.local_authority_id is not None and db.session.get(LocalAuthority, draft.local_authority_id) is None:
        found.append(Problem("local_authority_id", "Choose the local authority from the list"))
    return found


def log_page(mediator_id: int, *, kind: str | None = None, page: int = 1, page_size: int = PAGE_SIZE) -> Page[LogEntry]:
    """One page of a mediator's log, newest first, with each entry's LA and evidence loaded."""
    query = select(LogEntry).where(LogEntry.mediator_id == mediator_id)
    if kind:
        query = query.where(LogEntry.kind == kind)
    query = query.options(joinedload(LogEntry.local_authority), joinedload(LogEntry.evidence)).order_by(
        LogEntry.occurred_on.desc(), LogEntry.id.desc()
    )
    return paginate(query, page, page_size)


def own_entry(mediator: Mediator, entry_id: int) -> LogEntry:
    """The mediator's entry; NotFound for an entry that is not theirs, so ids reveal nothing."""
    entry = db.session.scalars(
        select(LogEntry)
        .where(LogEntry.id == entry_id, LogEntry.mediator_id == mediator.id)
        .options(joinedload(LogEntry.local_authority), joinedload(LogEntry.evidence))
    ).first()
    if entry is None:
        raise NotFound("There is no such entry in your log.")
    return entry


def _validated(draft: EntryDraft, upload: evidence.EvidenceUpload | None) -> EntryDraft:
    draft = draft.cleaned()
    found = check_draft(draft)
    if upload is not None:
        try:
            evidence.check(upload)
        except evidence.EvidenceRefused as refused:
            found.append(Problem("evidence", str(refused)))
    if found:
        raise InvalidEntry(found)
    return draft


def _fill(entry: LogEntry, draft: EntryDraft) -> None:
    assert draft.occurred_on is not None and draft.hours is not None, "_validated refuses a draft without them"
    entry.kind, entry.category, entry.occurred_on = draft.kind, draft.category, draft.occurred_on
    entry.quarter_hours = quarter_hours(draft.hours)
    entry.title, entry.provider, entry.reflection = draft.title, draft.provider, draft.reflection
    entry.local_authority_id, entry.issue_type = draft.local_authority_id, draft.issue_type
    entry.format, entry.outcome_band = draft.format, draft.outcome_band


def _audit(actor: User | None, action: str, entry: LogEntry, **data: object) -> None:
    audit.record(actor, action, "log_entry", entry.id, mediator_id=entry.mediator_id, kind=entry.kind, **data)


def add_entry(
    mediator: Mediator,
    actor: User | None,
    draft: EntryDraft,
    *,
    upload: evidence.EvidenceUpload | None = None,
    upload_root: Path | None = None,
) -> LogEntry:
    """Add an entry (InvalidEntry listing every problem otherwise). The evidence file is written now."""
    draft = _validated(draft, upload)
    entry = LogEntry(mediator_id=mediator.id, review_status="declared", annotation="", review_note="")
    _fill(entry, draft)
    if upload is not None:
        entry.evidence = evidence.store(_root(upload_root), upload)
    db.session.add(entry)
    db.session.flush()
    _audit(actor, "log_entry.added", entry, hours=str(entry.hours), occurred_on=entry.occurred_on)
    return entry


def _root(upload_root: Path | None) -> Path:
    if upload_root is None:
        raise ValueError("an upload needs the folder to keep it in")
    return upload_root


def _check_version(entry: LogEntry, expected_version: int | None) -> None:
    if expected_version is not None and expected_version != entry.version:
        raise ConcurrentChange()


def edit_entry(
    entry: LogEntry,
    actor: User | None,
    draft: EntryDraft,
    *,
    upload: evidence.EvidenceUpload | None = None,
    remove_evidence: bool = False,
    upload_root: Path | None = None,
    expected_version: int | None = None,
) -> list[str]:
    """Change an entry that is not verified; returns stored evidence names to discard after commit."""
    if entry.review_status == "verified":
        raise DomainError(VERIFIED_IS_FIXED)
    _check_version(entry, expected_version)
    if draft.kind != entry.kind:
        raise DomainError("An entry cannot change kind: delete it and add a new one instead.")
    draft = _validated(draft, upload)
    _fill(entry, draft)
    if entry.review_status == "rejected":
        entry.review_status, entry.review_note, entry.reviewed_by_id, entry.reviewed_at = "declared", "", None, None
    discarded = []
    if entry.evidence is not None and (remove_evidence or upload is not None):
        discarded.append(entry.evidence.stored_name)
        db.session.delete(entry.evidence)
        entry.evidence = None
        db.session.flush()  # the old row goes before a new one takes its unique log_entry_id
    if upload is not None:
        entry.evidence = evidence.store(_root(upload_root), upload)
    db.session.flush()
    _audit(actor, "log_entry.changed", entry, hours=str(entry.hours), occurred_on=entry.occurred_on)
    return discarded


def delete_entry(entry: LogEntry, actor: User | None) -> list[str]:
    """Delete an entry that is not verified; returns stored evidence names to discard after commit."""
    if entry.review_status == "verified":
        raise DomainError(VERIFIED_IS_FIXED)
    discarded = [entry.evidence.stored_name] if entry.evidence is not None else []
    _audit(actor, "log_entry.deleted", entry, occurred_on=entry.occurred_on, had_evidence=bool(discarded))
    db.session.delete(entry)
    db.session.flush()
    return discarded


def annotate(entry: LogEntry, actor: User | None, text: str) -> None:
    """The mediator's note on an entry their body has reviewed (the only change left to them)."""
    if entry.review_status == "declared":
        raise DomainError("This entry has not been reviewed yet: change the entry itself instead.")
    text = (text or "").strip()
    if len(text) > 2000:
        raise InvalidEntry([Problem("annotation", "The note must be 2000 characters or fewer")])
    entry.annotation = text
    db.session.flush()
    _audit(actor, "log_entry.annotated", entry)
