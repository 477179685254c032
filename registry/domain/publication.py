"""Publishing the register's changes: every change to what the public register shows becomes a row
of ``register_changes`` (``RegisterChange``), in the transaction that makes it.

**What counts.** A mediator's public entry (every field of the open-data export: status, accrediting
body, dates, conditions, areas, languages, formats, specialisms, providers, public contact details),
a mediator leaving the public register, a training programme's public fields (after a decision, or
a change of its title or provider), and an organisation's public fields (accrediting bodies,
training and mediation providers). Each row holds the public fields *after* the change, so a copy
kept from the export and the feed is brought up to date by replacing, never by working anything out.

**How it is found.** Not by every domain function remembering to call something. After each flush,
the session notes which mediators, programmes and organisations its writes touched (``_noted``);
before the transaction commits, ``publish_changes`` works out their public fields now and compares
them with what was last published of each: a row is written only where they differ. So noting too
much costs a comparison, never a false change, and a private edit (a home address) publishes
nothing. Writes that bypass the ORM's units (the demo loader's bulk inserts) are not noted: a copy
starts from the export, which includes them.

**What time changes.** An entry's status is the status *today*. The days on which it changes
without anyone writing anything (an accreditation running past its last day) are published by
``publish_due``, which ``flask daily`` runs: it compares every mediator and programme whose dates
turn over that day.

Organisations of ``local_authority`` and ``oversight_body`` kinds are not published: no public entry
names them. Renaming an accrediting body or a provider republishes the entry of every mediator and
programme that names it (in batches), because their public fields changed too; an organisation
created in the transaction names nobody yet, so creating one (the demo loader makes several before
bulk-loading 100,000 mediators that name them) publishes only itself.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from flask import Flask
from sqlalchemy import event, func, or_, select
from sqlalchemy.orm import Session, UOWTransaction

from registry.domain import clock, events
from registry.domain.changes import entries_of, entry_record
from registry.domain.sequences import FEED, hold, next_value
from registry.domain.training.queries import public_status
from registry.domain.training.transitions import PUBLIC_STATUSES
from registry.extensions import db
from registry.models import (
    Accreditation,
    AccreditationEvent,
    Mediator,
    MediatorFormat,
    MediatorLanguage,
    MediatorSpecialism,
    Organisation,
    ProgrammeAccreditationEvent,
    RegisterChange,
    TrainingProgramme,
)
from registry.models.changes import MEDIATOR_ENTRY, MEDIATOR_LEFT, ORGANISATION, PROGRAMME, STANDARDS_VERSION
from registry.models.mediators import mediator_providers

NOTED = "registry.publication.noted"
PUBLIC_ORGANISATION_KINDS = ("accrediting_body", "training_provider", "mediation_provider")
BATCH = 1000


@dataclass
class Noted:
    """What a transaction's writes touched, to compare with what was last published."""

    mediators: set[int] = field(default_factory=set)
    accreditations: set[int] = field(default_factory=set)
    programmes: set[int] = field(default_factory=set)
    organisations: set[int] = field(default_factory=set)
    new_organisations: set[int] = field(default_factory=set)  # created by the transaction: nothing names them yet

    def __bool__(self) -> bool:
        return bool(self.mediators or self.accreditations or self.programmes or self.organisations)


def _note(noted: Noted, instance: object) -> None:
    match instance:
        case Mediator(id=mediator_id):
            noted.mediators.add(mediator_id)
        case MediatorLanguage() | MediatorFormat() | MediatorSpecialism():
            noted.mediators.add(instance.mediator_id)
        case Accreditation(mediator_id=mediator_id):
            noted.mediators.add(mediator_id)
        case AccreditationEvent(accreditation_id=accreditation_id):
            noted.accreditations.add(accreditation_id)
        case TrainingProgramme(id=programme_id):
            noted.programmes.add(programme_id)
        case ProgrammeAccreditationEvent(programme_id=programme_id):
            noted.programmes.add(programme_id)
        case Organisation(id=organisation_id):
            noted.organisations.add(organisation_id)


def _after_flush(session: Session, flush_context: UOWTransaction) -> None:
    noted = session.info.setdefault(NOTED, Noted())
    for instance in (*session.new, *session.dirty, *session.deleted):
        _note(noted, instance)
    noted.new_organisations |= {instance.id for instance in session.new if isinstance(instance, Organisation)}


def _before_commit(session: Session) -> None:
    if session.in_nested_transaction():
        return  # a savepoint released: the transaction goes on, and publishes once, when it commits
    if session.new or session.dirty or session.deleted:
        session.flush()  # what is still pending is noted too
    noted = session.info.pop(NOTED, None)
    if noted:
        publish_changes(noted)


def _forget(session: Session) -> None:
    """The transaction rolled back: nothing it noted happened. A savepoint rolled back leaves what the
    transaction noted before it (``publish_changes`` compares with the database, so whatever the
    savepoint undid is found unchanged)."""
    if not session.in_nested_transaction():
        session.info.pop(NOTED, None)


def init_app(app: Flask) -> None:
    # The listeners are on the Session class: once per process, for every app.
    if not event.contains(Session, "after_flush", _after_flush):
        event.listen(Session, "after_flush", _after_flush)
        event.listen(Session, "before_commit", _before_commit)
        event.listen(Session, "after_rollback", _forget)


# Comparing and publishing


def publish_changes(noted: Noted) -> list[RegisterChange]:
    """Publish what differs, for everything ``noted``, from what was last published of it.

    The feed's counter is held first, so two transactions changing one mediator at once publish one
    after the other, the second reading the first's committed change: its entry holds both. (A write
    the public can see holds it already; ``publish_due`` compares before writing anything.)"""
    hold(FEED)
    mediators = set(noted.mediators)
    programmes = set(noted.programmes)
    if noted.accreditations:
        mediators |= set(
            db.session.scalars(select(Accreditation.mediator_id).where(Accreditation.id.in_(noted.accreditations)))
        )
    published = _publish_organisations(noted.organisations)
    # An organisation whose public fields changed (not one created now: nothing named it before)
    # changes the entries that name it.
    changed = (
        set(
            db.session.scalars(
                select(Organisation.id).where(Organisation.slug.in_([change.subject for change in published]))
            )
        )
        - noted.new_organisations
    )
    if changed:
        mediators |= _mediators_naming(changed)
        programmes |= set(
            db.session.scalars(
                select(TrainingProgramme.id).where(
                    or_(TrainingProgramme.provider_id.in_(changed), TrainingProgramme.body_id.in_(changed))
                )
            )
        )
    published += _publish_mediators(mediators)
    published += _publish_programmes(programmes)
    return published


def publish_due(on: date | None = None) -> list[RegisterChange]:
    """Publish the entries whose status turns over on ``on`` (today) by date alone: an accreditation
    or a programme past its last day. ``flask daily`` runs it."""
    on = on or clock.today()
    yesterday = on - timedelta(days=1)
    mediators = set(db.session.scalars(select(Accreditation.mediator_id).where(Accreditation.valid_until == yesterday)))
    mediators |= set(
        db.session.scalars(
            select(Accreditation.mediator_id)
            .join(AccreditationEvent, AccreditationEvent.accreditation_id == Accreditation.id)
            .where(AccreditationEvent.effective_on == on)
        )
    )
    programmes = set(db.session.scalars(select(TrainingProgramme.id).where(TrainingProgramme.valid_until == yesterday)))
    return publish_changes(Noted(mediators=mediators, programmes=programmes))


def _mediators_naming(organisation_ids: Collection[int]) -> set[int]:
    """Mediators whose public entry names one of these organisations (as provider or accrediting body)."""
    providers = select(mediator_providers.c.mediator_id).where(
        mediator_providers.c.organisation_id.in_(organisation_ids)
    )
    bodies = select(Accreditation.mediator_id).where(Accreditation.body_id.in_(organisation_ids))
    return set(db.session.scalars(providers.union(bodies)))


def _last_published(subjects: Collection[str]) -> dict[str, RegisterChange]:
    """The latest published change of each subject that has one."""
    latest = (
        select(func.max(RegisterChange.sequence))
        .where(RegisterChange.subject.in_(subjects))
        .group_by(RegisterChange.subject)
    )
    rows = db.session.scalars(select(RegisterChange).where(RegisterChange.sequence.in_(latest)))
    return {row.subject: row for row in rows}


def _record(kind: str, subject: str, data: dict[str, Any], areas: Iterable[str] = ()) -> RegisterChange:
    change = RegisterChange(sequence=next_value(FEED), kind=kind, subject=subject, data=data, recorded_at=clock.now())
    db.session.add(change)
    db.session.flush()
    events.publish(events.RegisterChangeRecorded(change, frozenset(areas)))
    return change


def _publish_mediators(mediator_ids: Collection[int]) -> list[RegisterChange]:
    published: list[RegisterChange] = []
    ordered = sorted(mediator_ids)
    today = clock.today()
    for start in range(0, len(ordered), BATCH):
        batch = ordered[start : start + BATCH]
        entries = entries_of(batch, today)
        numbers = dict(
            db.session.execute(select(Mediator.id, Mediator.registration_number).where(Mediator.id.in_(batch))).all()
        )
        last = _last_published(list(numbers.values()))
        for mediator_id in batch:
            number = numbers.get(mediator_id)
            if number is None:
                continue
            before = last.get(number)
            before_areas = before.data.get("local_authorities", []) if before is not None else []
            if mediator_id in entries:
                data = entry_record(entries[mediator_id])
                if before is None or before.kind != MEDIATOR_ENTRY or before.data != data:
                    areas = {*before_areas, *data["local_authorities"]}
                    published.append(_record(MEDIATOR_ENTRY, number, data, areas))
            elif before is not None and before.kind == MEDIATOR_ENTRY:
                published.append(_record(MEDIATOR_LEFT, number, {}, before_areas))
    return published


def programme_record(programme: TrainingProgramme, on: date) -> dict[str, Any]:
    """A programme's public fields (those of the API's programme list), as plain data."""
    return {
        "reference": programme.reference,
        "title": programme.title,
        "level": programme.level,
        "provider": programme.provider.slug,
        "provider_name": programme.provider.name,
        "delivery_mode": programme.delivery_mode,
        "status": public_status(programme, on),
        "accrediting_body": programme.body.name if programme.body else None,
        "valid_from": programme.valid_from.isoformat() if programme.valid_from else None,
        "valid_until": programme.valid_until.isoformat() if programme.valid_until else None,
        "conditions": programme.conditions or None,
    }


def _publish_records(kind: str, records: dict[str, dict[str, Any]]) -> list[RegisterChange]:
    """Publish each record (by subject, in the order given) that differs from what was last published of it."""
    last = _last_published(list(records))
    return [
        _record(kind, subject, data)
        for subject, data in records.items()
        if subject not in last or last[subject].data != data
    ]


def _publish_programmes(programme_ids: Collection[int]) -> list[RegisterChange]:
    if not programme_ids:
        return []
    today = clock.today()
    programmes = db.session.scalars(
        select(TrainingProgramme)
        .where(TrainingProgramme.id.in_(programme_ids), TrainingProgramme.status.in_(PUBLIC_STATUSES))
        .order_by(TrainingProgramme.id)
    )
    return _publish_records(PROGRAMME, {found.reference: programme_record(found, today) for found in programmes})


def organisation_record(organisation: Organisation) -> dict[str, Any]:
    """An organisation's public fields, as plain data."""
    return {
        "slug": organisation.slug,
        "name": organisation.name,
        "kind": organisation.kind,
        "website": organisation.website,
        "public_email": organisation.public_email,
    }


def _publish_organisations(organisation_ids: Collection[int]) -> list[RegisterChange]:
    if not organisation_ids:
        return []
    organisations = db.session.scalars(
        select(Organisation)
        .where(Organisation.id.in_(organisation_ids), Organisation.kind.in_(PUBLIC_ORGANISATION_KINDS))
        .order_by(Organisation.id)
    )
    return _publish_records(ORGANISATION, {found.slug: organisation_record(found) for found in organisations})


def publish_standards_version(published: events.StandardsPublished) -> None:
    """The subscriber: a version published after a consultation is a change to what the register shows
    (its standards), with the day it takes effect and where its consultation response is."""
    consultation = published.consultation
    path = f"/standards/{consultation.family}/{consultation.version}"
    data = {
        "family": consultation.family,
        "version": consultation.version,
        "title": consultation.title,
        "takes_effect_on": published.takes_effect_on.isoformat(),
        "url": path,
        "consultation_response_url": f"{path}/consultation/response",
    }
    _record(STANDARDS_VERSION, f"{consultation.family}/{consultation.version}", data)
