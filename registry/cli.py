"""Command-line operations: ``flask --app registry <command>``.

Each command that writes is one unit of work (``unit_of_work.transaction()``): it commits once, at
the end, and rolls back when it fails. ``daily`` runs its duties as one unit each, so a failure in
one keeps the others; the outboxes commit after every message sent.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click
from flask import Flask, current_app
from flask_migrate import upgrade

from registry import unit_of_work
from registry.credentials_cli import credentials_group

if TYPE_CHECKING:
    from registry.domain.notifications import SmtpMailer
    from registry.domain.signing import Keyring


@click.command("setup")
@unit_of_work.transaction()
def setup_command() -> None:
    """Upgrade the database, then load standards and reference data. Safe to run again."""
    from registry.domain.local_authorities import load_local_authorities

    upgrade()
    changed = load_local_authorities()
    click.echo(f"Database upgraded; local authorities loaded ({changed} rows changed).")
    _import_standards()


@click.group("standards")
def standards_group() -> None:
    """The standards files under STANDARDS_PATH."""


@standards_group.command("check")
def standards_check_command() -> None:
    """Validate every standards file; list each problem with file, location and line."""
    from registry.standards import check_tree

    root = current_app.config["STANDARDS_PATH"]
    problems = check_tree(root)
    for problem in problems:
        click.echo(str(problem), err=True)
    if problems:
        raise click.ClickException(f"{len(problems)} problem(s) in {root}.")
    click.echo(f"All standards files in {root} are valid.")


@standards_group.command("import")
@unit_of_work.transaction()
def standards_import_command() -> None:
    """Record every published version; refuse a changed file for a version already published."""
    _import_standards()


def _import_standards() -> None:
    from registry.domain.errors import DomainError
    from registry.domain.standards import import_standards
    from registry.standards import StandardsError

    try:
        report = import_standards(current_app.config["STANDARDS_PATH"])
    except StandardsError as error:
        for problem in error.problems:
            click.echo(str(problem), err=True)
        raise click.ClickException("The standards files have problems; nothing was imported.") from error
    except DomainError as error:
        raise click.ClickException(str(error)) from error
    click.echo(str(report))


@click.group("users")
def users_group() -> None:
    """Manage sign-ins."""


def _organisation_id(organisation_slug: str | None) -> int | None:
    from registry.domain.errors import DomainError
    from registry.domain.organisations import find_organisation_by_slug

    if not organisation_slug:
        return None
    organisation = find_organisation_by_slug(organisation_slug)
    if organisation is None:
        raise DomainError(f"There is no organisation {organisation_slug!r}")
    return organisation.id


ROLE_HELP = "admin, oversight, registrar, trainer, provider, la_officer, mediator or standards_group"
ORGANISATION_HELP = "slug of the organisation the role is for"


@users_group.command("create")
@click.option("--email", required=True)
@click.option("--name", required=True)
@click.option("--role", required=True, help=ROLE_HELP)
@click.option("--organisation", "organisation_slug", default=None, help=ORGANISATION_HELP)
@click.password_option()
def create_user_command(email: str, name: str, role: str, organisation_slug: str | None, password: str) -> None:
    """Create a person with one role and a password (the production way to add the first admin).

    The password must follow the register's rule (at least 12 characters, not a common password,
    not the email address). A mediator also gets their register entry and a new registration
    number; they then fill in their profile and apply for accreditation from their workspace.
    """
    from registry.auth.login import hash_password
    from registry.domain.accounts.passwords import check_new_password
    from registry.domain.administration import add_person
    from registry.domain.errors import DomainError, Refused

    try:
        check_new_password(password, email)
    except Refused as refused:
        raise click.ClickException(f"That password cannot be used. {refused}.") from refused
    try:
        with unit_of_work.transaction():
            user = add_person(email, name, role, _organisation_id(organisation_slug), hash_password(password))
    except DomainError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"Created {user.email} as {role}.")


@users_group.command("invite")
@click.option("--email", required=True)
@click.option("--name", required=True)
@click.option("--role", required=True, help=ROLE_HELP)
@click.option("--organisation", "organisation_slug", default=None, help=ORGANISATION_HELP)
def invite_user_command(email: str, name: str, role: str, organisation_slug: str | None) -> None:
    """Invite a person with one role: they choose their own password through a single-use link,
    emailed when MAIL_SERVER is set (sent by `notifications send`), otherwise printed here once."""
    from registry.domain.accounts.invitations import invite
    from registry.domain.errors import DomainError

    try:
        with unit_of_work.transaction():
            sent = invite(email, name, role, _organisation_id(organisation_slug), None)
    except DomainError as error:
        raise click.ClickException(str(error)) from error
    until = f"{sent.expires_at:%Y-%m-%d %H:%M} UTC"
    if sent.emailed:
        click.echo(f"Invited {sent.user.email} as {role}: invitation queued to be emailed (works until {until}).")
    else:
        click.echo(f"Invited {sent.user.email} as {role}. Pass on this link (it works once, until {until}):")
        click.echo(sent.address)


@click.group("audit")
def audit_group() -> None:
    """The hash-chained audit trail."""


@audit_group.command("verify")
def audit_verify_command() -> None:
    """Walk the audit chain and compare its head with the newest signed checkpoint (the checkpoint
    file's or the database's); exit non-zero, saying in plain words what is wrong, when an event was
    altered or removed, or the trail is shorter than a checkpoint recorded."""
    _verify_trail()


@audit_group.command("checkpoint")
@click.option(
    "--supersede",
    is_flag=True,
    help="After knowingly restoring a backup older than the newest checkpoint: sign the trail as it now is, "
    "recording (publicly) the checkpoint it replaces.",
)
def audit_checkpoint_command(supersede: bool) -> None:
    """Sign the audit trail's head (how many events, the last one's hash) and keep the checkpoint in the
    database, the public change feed and the checkpoint file (AUDIT_CHECKPOINT_PATH). Refused when the
    trail does not verify. `daily` takes one each day."""
    _take_checkpoint(supersede=supersede, once_a_day=False)


def _keyring() -> Keyring:
    from registry.domain.signing import Keyring

    return Keyring.from_settings(current_app.config)


def _checkpoint_path() -> Path:
    return Path(current_app.config["AUDIT_CHECKPOINT_PATH"])


def _verify_trail(failure: str = "The audit trail does not verify") -> None:
    from registry.domain.audit_checkpoints import verify_trail
    from registry.domain.signing import SigningKeyError

    try:
        report = verify_trail(_keyring(), _checkpoint_path())
    except SigningKeyError as error:
        raise click.ClickException(str(error)) from error
    for warning in report.warnings:
        click.echo(f"Warning: {warning}", err=True)
    if report.problems:
        for problem in report.problems:
            click.echo(problem, err=True)
        raise click.ClickException(f"{failure} ({len(report.problems)} problem(s) above).")
    anchored = report.checkpoint
    agrees = f"; it agrees with {anchored.label} ({anchored.events:,} events)" if anchored else ""
    click.echo(f"Audit chain intact: {report.checked} events verified{agrees}.")


def _take_checkpoint(*, supersede: bool, once_a_day: bool) -> None:
    from registry.domain import audit_checkpoints
    from registry.domain.signing import SigningKeyError

    path = _checkpoint_path()
    try:
        with unit_of_work.transaction():
            checkpoint = audit_checkpoints.take(_keyring(), path, supersede=supersede, once_a_day=once_a_day)
    except audit_checkpoints.CheckpointRefused as refused:
        for problem in refused.problems:
            click.echo(problem, err=True)
        raise click.ClickException(str(refused)) from refused
    except SigningKeyError as error:
        raise click.ClickException(str(error)) from error
    if checkpoint is None:
        click.echo("Today's audit checkpoint was taken already, and no event has been recorded since.")
        return
    audit_checkpoints.append_to_file(path, checkpoint)  # once committed: the file never runs ahead of the database
    click.echo(
        f"Audit checkpoint taken: {checkpoint.events:,} events, signed by key {checkpoint.kid}; in the change "
        f"feed at {checkpoint.sequence} and appended to {path}."
    )


@click.command("backup")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
def backup_command(file: Path) -> None:
    """Back up the database to FILE while the register runs: SQLite through its online backup API
    (what is still in the write-ahead log included), PostgreSQL with pg_dump's custom format (-Fc).
    The file holds private data: it is readable by its owner only."""
    from registry import backups
    from registry.extensions import db

    try:
        click.echo(backups.backup(db.engine.url, file))
    except backups.BackupError as error:
        raise click.ClickException(str(error)) from error


@click.command("restore")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def restore_command(file: Path) -> None:
    """Restore FILE (made by `backup`) into this register's database, which must be empty (a new
    SQLite file or PostgreSQL database; any other is refused), then verify its audit trail against
    the newest checkpoint. Uploaded evidence and the instance folder's keys are not in a backup."""
    from registry import backups
    from registry.extensions import db

    url = db.engine.url
    db.session.remove()
    db.engine.dispose()
    try:
        backups.restore(url, file)
    except backups.BackupError as error:
        raise click.ClickException(str(error)) from error
    db.engine.dispose()
    counts = backups.row_counts(url)
    click.echo(f"Restored {file} into {backups.describe(url)}: {sum(counts.values()):,} rows in {len(counts)} tables.")
    click.echo("If the backup was made by an older release, run `setup` to bring its schema up to date.")
    _verify_trail(failure="Restored, but its audit trail does not verify")


@click.command("demo-data")
@click.option("--mediators", "mediator_count", default=60, show_default=True, type=click.IntRange(1, 999_999))
@click.option("--print-sign-ins", is_flag=True, help="Print the demo sign-ins and their password; load nothing.")
@click.option("--print-code", is_flag=True, help="Print the demo staff's current second-factor code; load nothing.")
def demo_data_command(mediator_count: int, print_sign_ins: bool, print_code: bool) -> None:
    """Create the demo organisations, sign-ins and mediators (development only). Idempotent.

    The sign-ins share the password in DEMO_PASSWORD, or one generated once into instance/demo_password;
    the staff among them the second-factor secret in DEMO_TOTP_SECRET (or instance/demo_totp_secret).
    """
    from registry.demo import DemoDataError, load_demo_data, sign_in_summary
    from registry.demo.password import current_code, demo_totp_secret

    if print_sign_ins:
        click.echo(sign_in_summary())
        return
    if print_code:
        click.echo(current_code(demo_totp_secret(Path(current_app.instance_path)).value))
        return
    try:
        with unit_of_work.transaction():
            report = load_demo_data(mediator_count=mediator_count)
    except DemoDataError as error:
        raise click.ClickException(str(error)) from error
    click.echo(report)


@click.group("notifications")
def notifications_group() -> None:
    """The email outbox: LA officers' notifications of changes to the mediators they watch, and
    invitation and password-reset links."""


@notifications_group.command("send")
def notifications_send_command() -> None:
    """Send queued notifications through MAIL_SERVER; a failed one stays queued for the next run."""
    _deliver_notifications()


@contextmanager
def _mail_server() -> Iterator[SmtpMailer | None]:
    """One SMTP session to MAIL_SERVER for a delivery run, closed at its end; None when MAIL_SERVER is not set."""
    from registry.domain.notifications import MailSettings, SmtpMailer

    config = current_app.config
    if not config.get("MAIL_SERVER"):
        yield None
        return
    mailer = SmtpMailer(MailSettings(config["MAIL_SERVER"], int(config["MAIL_PORT"]), config["MAIL_FROM"]))
    try:
        yield mailer
    finally:
        mailer.close()


def _deliver_notifications() -> None:
    from registry.domain.notifications import deliver_queued, queued_count

    with _mail_server() as mailer:
        if mailer is None:
            click.echo(
                f"MAIL_SERVER is not set: {queued_count()} notification(s) stay queued, shown in the workspace inboxes."
            )
            return
        report = deliver_queued(mailer, after_each=unit_of_work.commit)
    click.echo(f"Notifications: {report}")


@click.group("mediators")
def mediators_group() -> None:
    """Operator actions on mediators' register entries."""


@mediators_group.command("remove-from-register")
@click.argument("registration_number")
@click.option("--reason", required=True, help="why, for the audit trail (for example: their written request of 1 May)")
def remove_from_register_command(registration_number: str, reason: str) -> None:
    """Take a mediator whose accreditation has lapsed, or who resigned, off the public register at their
    request; the change feed publishes that they left."""
    from registry.domain.errors import DomainError
    from registry.domain.mediators import mediator_by_number, remove_from_register

    try:
        with unit_of_work.transaction():
            mediator = mediator_by_number(registration_number)
            number = mediator.registration_number
            remove_from_register(mediator, None, reason)
    except DomainError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"{number} has left the public register.")


@click.group("webhooks")
def webhooks_group() -> None:
    """LAs' webhooks: signed POSTs of the changes each subscription asked for."""


@webhooks_group.command("deliver")
def webhooks_deliver_command() -> None:
    """POST every due webhook delivery once (run it every minute); a failure is retried later, with backoff."""
    from registry.domain.webhooks import sending

    # Committed after each delivery, as the email outboxes are; no write lock is held across an HTTP call.
    report = sending.deliver_due(sending.Settings.from_config(current_app.config), after_each=unit_of_work.commit)
    click.echo(f"Webhooks: {report}")


@click.command("daily")
def daily_command() -> None:
    """The daily job: lapse accreditations that have run out, publish the day's changes by date to the
    change feed, flag overdue oversight actions, remind mediators of renewals and providers of returns
    due, send queued notifications, then sign the day's audit checkpoint (exit non-zero if the trail
    does not verify)."""
    from registry.domain import lifecycle, publication
    from registry.domain.accreditation.transitions import MEDIATOR_ACCREDITATION
    from registry.domain.training.transitions import PROGRAMME_ACCREDITATION

    subjects: tuple[tuple[lifecycle.Lifecycle[Any, Any], str], ...] = (
        (MEDIATOR_ACCREDITATION, "accreditation(s)"),
        (PROGRAMME_ACCREDITATION, "training programme(s)"),
    )
    for subject, what in subjects:
        with unit_of_work.transaction():
            lapsed = lifecycle.lapse_expired(subject)
        click.echo(f"{len(lapsed)} {what} lapsed.")
    with unit_of_work.transaction():
        published = publication.publish_due()
    click.echo(f"{len(published)} change(s) by date published to the change feed.")
    _flag_overdue_actions()
    _remind_due()
    _deliver_notifications()
    _oversight_daily()
    _take_checkpoint(supersede=False, once_a_day=True)


@click.command("audit-sample")
@click.option("--percentage", default="5", show_default=True, help="share of eligible mediators to sample")
@click.option("--seed", default="", help="a whole number; the same seed draws the same sample (default: random)")
def audit_sample_command(percentage: str, seed: str) -> None:
    """Draw a CPD audit sample of mediators accredited for at least a year, and ask each for their log."""
    from registry.domain.oversight import audit_sampling
    from registry.domain.oversight.errors import Refused

    try:
        with unit_of_work.transaction():
            sample = audit_sampling.draw_sample(
                audit_sampling.parse_percentage(percentage), audit_sampling.parse_seed(seed), actor=None
            )
    except Refused as error:
        raise click.ClickException(str(error)) from error
    click.echo(
        f"CPD audit sample {sample.id}: {sample.size} of {sample.eligible_count} eligible mediators "
        f"({sample.percentage}%, seed {sample.seed})."
    )


def _flag_overdue_actions() -> None:
    """Flag overdue oversight actions, notifying their owners (sent with the day's notifications)."""
    from registry.domain.oversight import actions

    with unit_of_work.transaction():
        flagged = actions.flag_overdue_actions()
    click.echo(f"{len(flagged)} oversight action(s) newly overdue.")


def _remind_due() -> None:
    """Renewals and outcome returns coming due: each person is reminded once per occasion."""
    from registry.domain import clock, role_notifications

    with unit_of_work.transaction():
        renewals = role_notifications.remind_renewals_due(clock.today())
        returns = role_notifications.remind_returns_due(clock.today())
    click.echo(f"Reminders: {renewals} renewal(s) due, {returns} outcome return(s) due.")


def _oversight_daily() -> None:
    """Send the queued oversight notices (to the addresses given with concerns)."""
    from registry.domain.oversight import notices

    with _mail_server() as mailer:
        if mailer is None:
            click.echo(f"MAIL_SERVER is not set: {notices.queued_count()} oversight notice(s) stay queued.")
            return
        sent, failed = notices.deliver(mailer, after_each=unit_of_work.commit)
    click.echo(f"Oversight notices: {sent} sent, {failed} failed (to be tried again next run).")


def init_app(app: Flask) -> None:
    for command in (setup_command, standards_group, users_group, audit_group, demo_data_command, mediators_group):
        app.cli.add_command(command)
    for command in (notifications_group, daily_command, backup_command, restore_command):
        app.cli.add_command(command)
    app.cli.add_command(audit_sample_command)
    app.cli.add_command(webhooks_group)
    app.cli.add_command(credentials_group)
