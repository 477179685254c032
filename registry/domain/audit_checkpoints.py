"""Signed checkpoints that anchor the audit trail's head outside its table.

The hash chain (``registry.domain.audit``) shows an altered or missing event, but not the newest
events deleted together with the counter lowered to match: what is left is a shorter chain that
verifies. So, at least daily (``flask daily``, or ``flask audit checkpoint``), the register signs
a statement of the head — how many events the trail held, the last one's hash, when, and with
which key — and keeps it in three places:

- the ``audit_checkpoints`` table, from which the public change feed publishes it (anyone who
  follows the feed holds a signed copy the register cannot take back);
- the checkpoint file (``AUDIT_CHECKPOINT_PATH``, one JSON object a line, appended once the
  checkpoint has committed), outside the database, so a database restored from an older backup —
  whose table is as old as it is — is still caught;
- whoever keeps copies of the feed.

``verify_trail`` walks the chain and compares its head with the newest checkpoint of the file and
the table (by ``taken_at``), after checking every checkpoint's signature: a trail that ends before
the checkpoint's event is older than it (a restored backup) or was cut short; one whose event at
the checkpoint has another hash was rewritten or has gone on from an older copy. Each failure is
said in plain words.

``take`` refuses to sign a trail that contradicts the newest checkpoint, so that a daily job cannot
bless a truncation. After knowingly restoring an older backup, ``take(supersede=True)`` (``flask
audit checkpoint --supersede``) signs the trail as it now is and records which checkpoint's count it
replaces; that too is published, so a restore is visible forever.

The signed content is the canonical JSON (keys sorted, no spaces, ASCII) of ``type``, ``events``,
``head_hash``, ``taken_at`` (UTC, whole seconds, ``YYYY-MM-DDTHH:MM:SSZ``), ``kid`` and
``supersedes``; ``type`` keeps a checkpoint's signature from being mistaken for anything else the
same key signs.

What this does not answer: someone who holds the signing key and can rewrite the database, the
checkpoint file and every copy of the feed alike.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import select

from registry.domain import audit, clock
from registry.domain.errors import DomainError
from registry.domain.sequences import FEED, next_value
from registry.domain.signing import Keyring, b64url, from_b64url
from registry.extensions import db
from registry.models import AuditCheckpoint

CHECKPOINT_TYPE = "send-mediation-register/audit-checkpoint/v1"
TIME_FORMAT = "%Y-%m-%dT%H:%M:%SZ"


@dataclass(frozen=True)
class Checkpoint:
    events: int  # the sequence of the last event, which is also how many there were
    head_hash: str
    taken_at: datetime
    kid: str
    signature: str  # base64url
    supersedes: int | None = None
    sequence: int | None = None  # its place in the change feed (not signed)

    @property
    def signed_fields(self) -> tuple[object, ...]:
        """What identifies it (its place in the feed aside)."""
        return (self.events, self.head_hash, self.taken_at, self.kid, self.signature, self.supersedes)

    @property
    def label(self) -> str:
        return f"the checkpoint of {self.taken_at:%Y-%m-%d %H:%M} UTC"

    def signed_content(self) -> bytes:
        return signed_content(self.events, self.head_hash, self.taken_at, self.kid, self.supersedes)

    def to_line(self) -> str:
        values = asdict(self) | {"taken_at": self.taken_at.strftime(TIME_FORMAT)}
        return json.dumps(values, sort_keys=True, separators=(",", ":")) + "\n"

    @classmethod
    def from_line(cls, line: str) -> Checkpoint:
        values = json.loads(line)
        return cls(
            events=int(values["events"]),
            head_hash=str(values["head_hash"]),
            taken_at=datetime.strptime(values["taken_at"], TIME_FORMAT).replace(tzinfo=UTC),
            kid=str(values["kid"]),
            signature=str(values["signature"]),
            supersedes=None if values.get("supersedes") is None else int(values["supersedes"]),
            sequence=None if values.get("sequence") is None else int(values["sequence"]),
        )

    @classmethod
    def from_row(cls, row: AuditCheckpoint) -> Checkpoint:
        return cls(row.events, row.head_hash, row.taken_at, row.kid, row.signature, row.supersedes, row.sequence)


def signed_content(events: int, head_hash: str, taken_at: datetime, kid: str, supersedes: int | None) -> bytes:
    content = {
        "type": CHECKPOINT_TYPE,
        "events": events,
        "head_hash": head_hash,
        "taken_at": taken_at.astimezone(UTC).strftime(TIME_FORMAT),
        "kid": kid,
        "supersedes": supersedes,
    }
    return json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=True).encode()


class CheckpointRefused(DomainError):
    """The trail does not verify, so it is not signed; ``problems`` says why, one sentence each."""

    def __init__(self, message: str, problems: tuple[str, ...]) -> None:
        super().__init__(message)
        self.problems = problems


@dataclass(frozen=True)
class TrailReport:
    checked: int  # events whose hash and link verified
    checkpoint: Checkpoint | None  # the newest validly signed checkpoint, compared with the trail
    problems: tuple[str, ...]  # each a sentence; none when the trail verifies
    warnings: tuple[str, ...]  # worth saying, but not a failure

    @property
    def intact(self) -> bool:
        return not self.problems


# --- the checkpoint file ----------------------------------------------------------------------


def append_to_file(path: Path, checkpoint: Checkpoint) -> None:
    """Add ``checkpoint`` as the last line of the file (made if absent), synced to disk."""
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    with os.fdopen(descriptor, "a", encoding="ascii") as file:
        file.write(checkpoint.to_line())
        file.flush()
        os.fsync(file.fileno())


def read_file(path: Path) -> tuple[list[Checkpoint], list[str]]:
    """The checkpoints in the file, and a problem for each line that is not one."""
    if not path.exists():
        return [], []
    checkpoints, problems = [], []
    for number, line in enumerate(path.read_text(encoding="ascii", errors="replace").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            checkpoints.append(Checkpoint.from_line(line))
        except (ValueError, KeyError, TypeError):
            problems.append(f"Line {number} of the checkpoint file {path} is not a checkpoint (altered?).")
    return checkpoints, problems


# --- verifying --------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Anchors:
    newest: Checkpoint | None
    problems: list[str]
    warnings: list[str]


def _anchors(keyring: Keyring, path: Path) -> _Anchors:
    """Every checkpoint of the table and the file, signatures checked; the newest that is good."""
    in_file, problems = read_file(path)
    in_table = [Checkpoint.from_row(row) for row in db.session.scalars(select(AuditCheckpoint))]
    warnings = []
    kept = {checkpoint.signed_fields for checkpoint in in_file}
    missing = [checkpoint for checkpoint in in_table if checkpoint.signed_fields not in kept]
    if missing and not path.exists():
        warnings.append(
            f"The checkpoint file {path} does not exist, so a database restored from an older backup cannot "
            "be told: keep the file (AUDIT_CHECKPOINT_PATH) with the register."
        )
    elif missing:
        warnings.append(f"{len(missing)} checkpoint(s) in the database are not in the checkpoint file {path}.")
    good = []
    seen: set[tuple[object, ...]] = set()
    for where, checkpoints in ((f"the checkpoint file {path}", in_file), ("the database", in_table)):
        for checkpoint in checkpoints:
            if checkpoint.signed_fields in seen:
                continue
            seen.add(checkpoint.signed_fields)
            problem = _signature_problem(keyring, checkpoint, where)
            if problem:
                problems.append(problem)
            else:
                good.append(checkpoint)
    # Taken in the same second, the one taken later has the later place in the feed.
    newest = max(good, key=lambda checkpoint: (checkpoint.taken_at, checkpoint.sequence or 0), default=None)
    return _Anchors(newest, problems, warnings)


def _signature_problem(keyring: Keyring, checkpoint: Checkpoint, where: str) -> str | None:
    if keyring.public_key(checkpoint.kid) is None:
        return (
            f"{checkpoint.label.capitalize()} in {where} is signed with key {checkpoint.kid}, which this register "
            "does not hold (SIGNING_PUBLIC_KEYS_PATH): it was forged, or the register's public keys were lost."
        )
    try:
        signature = from_b64url(checkpoint.signature)
    except ValueError:
        signature = b""
    if not keyring.verify(checkpoint.signed_content(), checkpoint.kid, signature):
        return (
            f"{checkpoint.label.capitalize()} in {where} does not match its signature: it was altered after "
            "it was signed."
        )
    return None


def _disagreement(checkpoint: Checkpoint) -> str | None:
    """How the trail contradicts ``checkpoint``, in plain words; None when it extends it."""
    last, _ = audit.head()
    if last < checkpoint.events:
        return (
            f"The audit trail ends at event {last:,} but {checkpoint.label} recorded {checkpoint.events:,} events: "
            "this database is older than that checkpoint (a restored backup?) or events were deleted."
        )
    if audit.hash_of(checkpoint.events) != checkpoint.head_hash:
        return (
            f"Audit event {checkpoint.events:,} is not the one {checkpoint.label} signed (its hash differs): the "
            "events up to it were changed or replaced since (a restored backup that has gone on since?)."
        )
    return None


def _chain_problem(fault: audit.ChainFault | None) -> list[str]:
    return [] if fault is None else [f"Audit chain broken at event {fault.sequence}: {fault.problem}."]


def verify_trail(keyring: Keyring, path: Path) -> TrailReport:
    """Walk the whole chain and compare its head with the newest checkpoint (file or table)."""
    checked, fault = audit.verify_chain()
    anchors = _anchors(keyring, path)
    problems = _chain_problem(fault) + anchors.problems
    warnings = list(anchors.warnings)
    if anchors.newest is None:
        warnings.append(
            "No checkpoint yet, so removing the newest events cannot be detected: run `flask audit checkpoint` "
            "(`flask daily` takes one each day)."
        )
    else:
        disagreement = _disagreement(anchors.newest)
        if disagreement:
            problems.append(disagreement)
    return TrailReport(checked, anchors.newest, tuple(problems), tuple(warnings))


# --- taking one -------------------------------------------------------------------------------


def take(keyring: Keyring, path: Path, *, supersede: bool = False, once_a_day: bool = False) -> Checkpoint | None:
    """Sign the trail's head and add the checkpoint to the table (flushed; the caller commits, then
    calls ``append_to_file``). Refused (``CheckpointRefused``) when the trail does not verify.

    Only what has changed since the newest checkpoint is walked: the head must extend it. With
    ``supersede``, a trail that contradicts the newest checkpoint (and only that) is signed all the
    same, after walking it whole, naming the count it replaces. With ``once_a_day``, None when a
    checkpoint of the same head was already taken today (the daily job run twice); the feed number
    taken first is then left unused, one more gap in a feed whose sequence has gaps anyway."""
    sequence = next_value(FEED)  # first: two jobs at once take turns here (a row lock on PostgreSQL)
    anchors = _anchors(keyring, path)
    anchor = anchors.newest
    disagreement = _disagreement(anchor) if anchor else None
    if supersede and not disagreement:
        raise CheckpointRefused("There is nothing to supersede.", (_agrees(anchor),))
    if supersede or anchor is None:
        walk = audit.walk_chain()
    else:
        walk = audit.walk_chain(after=anchor.events, previous_hash=anchor.head_hash)
    problems = _chain_problem(walk.fault) + anchors.problems
    problems += [disagreement] if disagreement and not supersede else []
    if problems:
        raise CheckpointRefused("The audit trail does not verify, so it was not signed.", tuple(problems))
    events, head_hash = walk.last  # what was verified: never an event written since
    if once_a_day and anchor and not supersede and _same_day_same_head(anchor, events, head_hash):
        return None
    taken_at = clock.now().replace(microsecond=0)
    supersedes = anchor.events if supersede and anchor else None
    signature = keyring.sign(signed_content(events, head_hash, taken_at, keyring.current_kid, supersedes))
    row = AuditCheckpoint(
        sequence=sequence,
        events=events,
        head_hash=head_hash,
        taken_at=taken_at,
        kid=signature.kid,
        signature=b64url(signature.value),
        supersedes=supersedes,
    )
    db.session.add(row)
    db.session.flush()
    return Checkpoint.from_row(row)


def _agrees(anchor: Checkpoint | None) -> str:
    if anchor is None:
        return "There is no checkpoint yet."
    return f"The audit trail agrees with {anchor.label} ({anchor.events:,} events)."


def _same_day_same_head(anchor: Checkpoint, events: int, head_hash: str) -> bool:
    same_day = anchor.taken_at.astimezone(clock.UK).date() == clock.today()
    return same_day and (anchor.events, anchor.head_hash) == (events, head_hash)
