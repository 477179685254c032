"""``flask credentials verify FILE [--offline JWKS STATUSLIST...]``: check a credential (or any
document the register signed) from the command line, as ``/verify`` does. And ``flask credentials
rotate-key``: a new signing key, the old one's public half kept (``registry.domain.credentials.keys``).

Without ``--offline`` it checks against this register's own keys and status lists (its database).
With ``--offline JWKS`` it calls nothing: the signature is checked against the JWK set in the file
JWKS (a saved copy of ``/.well-known/jwks.json``), and revocation and suspension against the
status-list credentials given after it (saved copies of ``/api/v1/status-lists/revocation`` and
``/suspension``), each checked against the same keys; a list not given is reported as not checked.
Exits 0 only when the document is the register's and good to rely on now.
"""

from __future__ import annotations

import json
from typing import IO, TYPE_CHECKING

import click

if TYPE_CHECKING:
    from registry.domain.credentials.verdicts import Verdict


@click.group("credentials")
def credentials_group() -> None:
    """The register's signed credentials: check one, online or offline."""


@credentials_group.command("verify")
@click.argument("file", type=click.File("r", encoding="utf-8-sig"))
@click.option(
    "--offline",
    "jwks_file",
    type=click.File("r"),
    metavar="JWKS",
    help="Check without the register: against this saved JWK set, and the status lists given after it.",
)
@click.argument("status_lists", nargs=-1, type=click.File("r"), metavar="[STATUSLIST]...")
def verify_command(file: IO[str], jwks_file: IO[str] | None, status_lists: tuple[IO[str], ...]) -> None:
    """Check FILE, a credential or another document the register signed."""
    # Imported here, as registry.cli's commands import the domain: creating the app imports no domain.
    from registry.domain import clock
    from registry.domain.credentials.jose import SignatureRejected
    from registry.domain.credentials.verdicts import Context
    from registry.domain.credentials.verification import offline_status_lists, verify, verify_online

    try:
        token = file.read()
    except UnicodeDecodeError as error:
        raise click.ClickException(f"{file.name} is not a credential saved as text.") from error
    if jwks_file is None:
        if status_lists:
            raise click.UsageError("Status lists are read only with --offline JWKS.")
        verdict = verify_online(token)
    else:
        try:
            jwks = json.load(jwks_file)
        except ValueError as error:
            raise click.ClickException(f"{jwks_file.name} is not a JWK set (JSON).") from error
        try:
            lists = offline_status_lists([held.read() for held in status_lists], jwks)
        except SignatureRejected as rejected:
            raise click.ClickException(f"A status list given is not the register's: {rejected}") from rejected
        verdict = verify(token, jwks, Context(lists, clock.now(), offline=True))
    _show(verdict)
    if not verdict.good:
        raise click.exceptions.Exit(1)


@credentials_group.command("rotate-key")
def rotate_key_command() -> None:
    """Make a new signing key. The old key's public half stays published (SIGNING_PUBLIC_KEYS_PATH), so
    everything it signed still verifies; with several hosts, copy both files to every host."""
    from flask import current_app

    from registry import unit_of_work
    from registry.domain.credentials import keys
    from registry.domain.signing import Keyring

    with unit_of_work.transaction():
        replaced, new = keys.rotate(Keyring.from_settings(current_app.config))
    kept = f"; the key {replaced} stays published, so what it signed still verifies" if replaced else ""
    click.echo(f"New signing key {new}{kept}.")


def _show(verdict: Verdict) -> None:
    click.echo(verdict.headline)
    for label, value in verdict.facts:
        click.echo(f"  {label}: {value}")
    if verdict.kid:
        click.echo(f"  Signed with key: {verdict.kid}")
    for note in verdict.notes:
        click.echo(note)
