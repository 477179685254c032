"""The register's two W3C Bitstring Status Lists (v1.0): positions, bits, and the encoded lists.

Every credential the register issues names one position (``statusListIndex``) on two lists:
``revocation`` (withdrawn or resigned: final, never cleared) and ``suspension`` (suspended or lapsed:
cleared when the accreditation is reinstated). The position belongs to the accreditation (or the
training programme) and not to one credential, so every credential issued for it — before and after
a renewal — names the same one. Positions are drawn at random among the unused ones (the spec's
herd privacy), the first time a subject needs one: at its first event past an application
(``keep_in_step``, subscribed to the lifecycle's events so the bit changes in the transaction that
records the event; migration 0019 drew them for every subject there was). ``draw_missing`` draws them for
rows written in bulk (the demo loader's), and ``position_of`` draws one when a credential is issued
for a subject that somehow has none.
A position is never given to another subject.

Each list is at least ``LIST_SIZE`` (131,072) bits and grows by that much when half of it is in
use. Encoded as the spec says: bit 0 is the most significant bit of the first byte, the bytes
gzipped (with no timestamp, so an unchanged list encodes to the same text), base64url without
padding, multibase prefix ``u``. ``decode`` is the inverse, with the standard library only.
"""

from __future__ import annotations

import base64
import gzip
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Table, func, select
from sqlalchemy.exc import IntegrityError

from registry.database import insert_rows
from registry.domain import clock, events
from registry.extensions import db
from registry.models import Accreditation, CredentialStatusEntry, TrainingProgramme

LIST_SIZE = 131_072
PURPOSES = ("revocation", "suspension")
REVOKING_STATUSES = frozenset({"withdrawn", "resigned"})
SUSPENDING_STATUSES = frozenset({"suspended", "lapsed"})
WITHOUT_CREDENTIAL = frozenset({"applied", "refused", "submitted"})  # never accredited (yet)
NEVER_CHANGED = datetime(2026, 1, 1, tzinfo=UTC)  # a list no event has touched is "valid from" here
_DRAWS = 64

Subject = Accreditation | TrainingProgramme


@dataclass(frozen=True)
class StatusList:
    purpose: str
    size: int  # bits
    encoded: str  # multibase base64url of the gzipped bitstring
    changed_at: datetime  # when a bit of either list last changed


def entry_of(subject: Subject) -> CredentialStatusEntry | None:
    column = (
        CredentialStatusEntry.accreditation_id
        if isinstance(subject, Accreditation)
        else CredentialStatusEntry.programme_id
    )
    return db.session.scalars(select(CredentialStatusEntry).where(column == subject.id)).first()


def position_of(subject: Subject) -> CredentialStatusEntry:
    """The subject's entry, drawn now if it has none yet (and its bits set from its status)."""
    entry = entry_of(subject)
    if entry is None:
        entry = _draw(subject)
    _set_bits(entry, subject.status)
    return entry


def keep_in_step(subject: Subject) -> None:
    """Set the subject's bits from its status, once it has left its application behind."""
    if subject.status in WITHOUT_CREDENTIAL and entry_of(subject) is None:
        return
    position_of(subject)


def on_accreditation_event(recorded: events.AccreditationEventRecorded) -> None:
    keep_in_step(recorded.event.accreditation)


def on_programme_event(recorded: events.ProgrammeEventRecorded) -> None:
    keep_in_step(recorded.event.programme)


def draw_missing() -> int:
    """Give every accreditation and programme past its application that has no position one, at
    random among the unused, with its bits set from its status; how many were drawn. For rows
    written in bulk, outside the lifecycle's events (the demo loader's), so that fetching their
    credential (a GET) never has to write one."""
    missing: list[tuple[str, int, str]] = []
    for model, column in (
        (Accreditation, CredentialStatusEntry.accreditation_id),
        (TrainingProgramme, CredentialStatusEntry.programme_id),
    ):
        held = select(column).where(column.is_not(None))
        rows = db.session.execute(
            select(model.id, model.status).where(model.status.not_in(WITHOUT_CREDENTIAL), model.id.not_in(held))
        )
        missing += [(column.key, subject_id, status) for subject_id, status in rows]
    if not missing:
        return 0
    in_use = set(db.session.scalars(select(CredentialStatusEntry.status_index)))
    capacity = LIST_SIZE * (1 + (len(in_use) + len(missing)) // (LIST_SIZE // 2))
    free = secrets.SystemRandom().sample(range(capacity), len(in_use) + len(missing))
    positions = [index for index in free if index not in in_use][: len(missing)]
    now = clock.now()
    table = CredentialStatusEntry.__table__
    assert isinstance(table, Table)  # a mapped class's table; SQLAlchemy types __table__ as any FromClause
    insert_rows(
        table,
        [
            {
                "status_index": index,
                "accreditation_id": subject_id if key == "accreditation_id" else None,
                "programme_id": subject_id if key == "programme_id" else None,
                "revoked": status in REVOKING_STATUSES,
                "suspended": status in SUSPENDING_STATUSES,
                "changed_at": now,
            }
            for index, (key, subject_id, status) in zip(positions, missing, strict=True)
        ],
    )
    return len(missing)


def _set_bits(entry: CredentialStatusEntry, status: str) -> None:
    revoked = bool(entry.revoked) or status in REVOKING_STATUSES  # revocation is for ever
    suspended = status in SUSPENDING_STATUSES
    if (entry.revoked, entry.suspended) != (revoked, suspended):
        entry.revoked, entry.suspended, entry.changed_at = revoked, suspended, clock.now()
        db.session.flush()


def _draw(subject: Subject) -> CredentialStatusEntry:
    """A new entry at a random unused position (a savepoint per try: two writers drawing the same
    position, or making the same subject's entry, leave one of them to try again)."""
    in_use = db.session.scalar(select(func.count()).select_from(CredentialStatusEntry)) or 0
    capacity = LIST_SIZE * (1 + in_use // (LIST_SIZE // 2))
    for _ in range(_DRAWS):
        index = secrets.randbelow(capacity)
        if db.session.get(CredentialStatusEntry, index) is not None:
            continue
        entry = CredentialStatusEntry(status_index=index, revoked=False, suspended=False, changed_at=clock.now())
        if isinstance(subject, Accreditation):
            entry.accreditation_id = subject.id
        else:
            entry.programme_id = subject.id
        try:
            with db.session.begin_nested():
                db.session.add(entry)
        except IntegrityError:
            existing = entry_of(subject)
            if existing is not None:
                return existing
            continue
        return entry
    raise RuntimeError("no free position on the status lists after many draws")  # about 2^-64 at half full


def status_list(purpose: str) -> StatusList:
    """The list for ``purpose`` (``revocation`` or ``suspension``) as it stands in this transaction."""
    flag = CredentialStatusEntry.revoked if purpose == "revocation" else CredentialStatusEntry.suspended
    set_bits = list(db.session.scalars(select(CredentialStatusEntry.status_index).where(flag.is_(True))))
    highest = db.session.scalar(select(func.max(CredentialStatusEntry.status_index))) or 0
    changed = db.session.scalar(select(func.max(CredentialStatusEntry.changed_at))) or NEVER_CHANGED
    size = LIST_SIZE * (1 + highest // LIST_SIZE)
    return StatusList(purpose, size, encode(set_bits, size), changed)


def encode(set_bits: list[int], size: int) -> str:
    bits = bytearray(size // 8)
    for index in set_bits:
        bits[index // 8] |= 0x80 >> (index % 8)
    return "u" + base64.urlsafe_b64encode(gzip.compress(bytes(bits), mtime=0)).rstrip(b"=").decode("ascii")


def decode(encoded: str) -> bytes:
    """The bitstring of an encoded list; ValueError if it is not one."""
    if not encoded.startswith("u"):
        raise ValueError("the list is not multibase base64url (it should start with u)")
    text = encoded[1:]
    try:
        return gzip.decompress(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)))
    except (OSError, EOFError) as error:
        raise ValueError("the list is not gzipped") from error


def bit_at(bitstring: bytes, index: int) -> bool:
    if not 0 <= index < len(bitstring) * 8:
        raise ValueError(f"position {index} is not on the list ({len(bitstring) * 8} positions)")
    return bool(bitstring[index // 8] & (0x80 >> (index % 8)))
