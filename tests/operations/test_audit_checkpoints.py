"""The audit trail's head is anchored outside its table by signed checkpoints: deleting the newest
events and lowering the counter is found, and so is a trail rewritten since a checkpoint; taking a
checkpoint never blesses either. (The change feed's side: tests/api/test_changes_api.py.)"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import delete, func, select, text

from registry.domain import audit, audit_checkpoints
from registry.domain.signing import Keyring
from registry.extensions import db
from registry.models import AuditCheckpoint, AuditEvent


@pytest.fixture
def keyring(app: Flask) -> Keyring:
    return Keyring.from_settings(app.config)


def record_events(count: int) -> int:
    """Append ``count`` audit events and commit; the sequence of the last."""
    for number in range(count):
        last = audit.record(None, "test.recorded", "test", number).sequence
    db.session.commit()
    return last


def checkpoint(app: Flask, *args: str):  # type: ignore[no-untyped-def]
    return app.test_cli_runner().invoke(args=["audit", "checkpoint", *args])


def verify(app: Flask):  # type: ignore[no-untyped-def]
    return app.test_cli_runner().invoke(args=["audit", "verify"])


def cut_newest(count: int) -> int:
    """What someone with the database would do: delete the newest events and lower the counter to
    match, so that the chain left behind verifies. The new last sequence."""
    last = db.session.scalar(select(func.max(AuditEvent.sequence)))
    db.session.execute(delete(AuditEvent).where(AuditEvent.sequence > last - count))
    db.session.execute(text("UPDATE sequence_counters SET value = :v WHERE name = 'audit_events'"), {"v": last - count})
    db.session.commit()
    return last - count


def test_deleting_the_newest_events_and_lowering_the_counter_is_found(app, audit_checkpoint_file) -> None:
    last = record_events(5)
    taken = checkpoint(app)
    assert taken.exit_code == 0, taken.output
    assert f"{last:,} events" in taken.output and str(audit_checkpoint_file) in taken.output
    assert verify(app).exit_code == 0

    remaining = cut_newest(2)
    assert audit.verify_chain() == (remaining, None)  # the chain alone cannot tell
    result = verify(app)
    assert result.exit_code != 0
    assert (
        f"The audit trail ends at event {remaining:,} but the checkpoint of " in result.output
        and f"recorded {last:,} events: this database is older than that checkpoint (a restored backup?) or "
        "events were deleted." in result.output
    ), result.output


def test_the_checkpoint_file_catches_it_when_the_table_was_emptied_too(app, keyring, audit_checkpoint_file) -> None:
    last = record_events(3)
    assert checkpoint(app).exit_code == 0
    remaining = cut_newest(1)
    db.session.execute(delete(AuditCheckpoint))
    db.session.commit()
    report = audit_checkpoints.verify_trail(keyring, audit_checkpoint_file)
    assert not report.intact and report.checkpoint is not None and report.checkpoint.events == last
    assert f"ends at event {remaining:,}" in report.problems[0]
    assert "1 checkpoint(s)" not in " ".join(report.warnings)


def test_a_trail_rewritten_since_the_checkpoint_is_found(app, keyring, audit_checkpoint_file) -> None:
    last = record_events(3)
    assert checkpoint(app).exit_code == 0
    cut_newest(2)
    record_events(4)  # a restored older copy that went on: longer than the checkpoint, but not the same events
    problems = audit_checkpoints.verify_trail(keyring, audit_checkpoint_file).problems
    assert problems == (
        f"Audit event {last:,} is not the one {audit_checkpoints.read_file(audit_checkpoint_file)[0][0].label} signed "
        "(its hash differs): the events up to it were changed or replaced since (a restored backup that has gone on "
        "since?).",
    )


def test_a_checkpoint_is_not_taken_over_a_cut_trail_unless_superseding_it(app, keyring, audit_checkpoint_file) -> None:
    last = record_events(4)
    assert checkpoint(app).exit_code == 0
    remaining = cut_newest(3)
    refused = checkpoint(app)
    assert refused.exit_code != 0 and "not signed" in refused.output and f"recorded {last:,} events" in refused.output
    assert db.session.scalar(select(func.count()).select_from(AuditCheckpoint)) == 1

    superseding = checkpoint(app, "--supersede")
    assert superseding.exit_code == 0, superseding.output
    newest = audit_checkpoints.read_file(audit_checkpoint_file)[0][-1]
    assert (newest.events, newest.supersedes) == (remaining, last)
    assert verify(app).exit_code == 0
    nothing = checkpoint(app, "--supersede")
    assert nothing.exit_code != 0 and "nothing to supersede" in nothing.output


def test_an_altered_or_forged_checkpoint_is_named(app, keyring, audit_checkpoint_file) -> None:
    record_events(2)
    assert checkpoint(app).exit_code == 0
    line = json.loads(audit_checkpoint_file.read_text())
    audit_checkpoint_file.write_text(
        json.dumps(line | {"events": line["events"] + 1}) + "\n" + json.dumps(line | {"kid": "forged-key"}) + "\n"
    )
    problems = audit_checkpoints.verify_trail(keyring, audit_checkpoint_file).problems
    assert any("does not match its signature: it was altered after it was signed" in p for p in problems)
    assert any("is signed with key forged-key, which this register does not hold" in p for p in problems)
    result = verify(app)
    assert result.exit_code != 0 and "does not verify" in result.output


def test_without_a_checkpoint_the_trail_verifies_with_a_warning(app) -> None:
    record_events(1)
    result = verify(app)
    assert result.exit_code == 0 and "intact" in result.output and "No checkpoint yet" in result.output


def test_the_daily_job_takes_the_days_checkpoint_once(app, audit_checkpoint_file) -> None:
    record_events(2)
    runner = app.test_cli_runner()
    first = runner.invoke(args=["daily"])
    assert first.exit_code == 0 and "Audit checkpoint taken" in first.output, first.output
    second = runner.invoke(args=["daily"])
    assert second.exit_code == 0 and "taken already" in second.output
    assert len(audit_checkpoint_file.read_text().splitlines()) == 1
    cut_newest(1)
    refused = runner.invoke(args=["daily"])
    assert refused.exit_code != 0 and "this database is older than that checkpoint" in refused.output


def test_a_checkpoint_line_holds_no_more_than_the_feed_shows(app, audit_checkpoint_file: Path) -> None:
    record_events(1)
    assert checkpoint(app).exit_code == 0
    line = json.loads(audit_checkpoint_file.read_text())
    assert set(line) == {"sequence", "events", "head_hash", "taken_at", "kid", "signature", "supersedes"}
