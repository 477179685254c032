"""Backups that restore: ``flask backup FILE`` and ``flask restore FILE``, while the register runs.

Copying the live SQLite file with ``cp`` loses what is still in its write-ahead log (WAL) and can
catch a page half-written; copying a PostgreSQL data directory is no better. So:

- **SQLite**: the online backup API (``sqlite3.Connection.backup``) copies the database, WAL
  included, in one step: one read transaction, so the copy holds exactly the commits made before
  it began, while writers carry on (in WAL mode readers never block them). In one step rather than
  page by page because SQLite restarts a paged backup whenever another connection writes, which
  under steady writes might never finish. The copy is switched to a rollback journal so that it is
  one self-contained file, and checked with ``PRAGMA integrity_check``.
- **PostgreSQL**: ``pg_dump --format=custom`` (``-Fc``), which reads one snapshot of the whole
  database without blocking writers; the archive is then read back with ``pg_restore --list``.
  The tools are taken from ``PATH``, or else from the newest ``/usr/lib/postgresql/*/bin``.

Either way the backup is written to a temporary file beside ``FILE``, readable by its owner only
(it holds private data), and moved into place only once complete: a failed backup never leaves a
file that looks like one.

``restore`` loads a backup into an **empty** database (no tables at all: a new SQLite file, or a
new PostgreSQL database) and refuses any other, naming it, so that a mistyped ``DATABASE_URL`` can
never overwrite a live register. A PostgreSQL archive is restored in one transaction (all or
nothing), without its owner and grants, so it can go to a server with other role names. The
command then verifies the audit trail of what it restored (``registry.cli``).

Not in the database, so not in these backups: uploaded evidence (``UPLOAD_PATH``), the signing key
(``SIGNING_KEY_PATH``, to be kept secret and backed up apart), the public keys and the audit
checkpoint file (``SIGNING_PUBLIC_KEYS_PATH``, ``AUDIT_CHECKPOINT_PATH``).
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

from sqlalchemy import create_engine, func, inspect, select, table, text
from sqlalchemy.engine import URL, make_url

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_CUSTOM_MAGIC = b"PGDMP"
KINDS = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}


class BackupError(Exception):
    """A backup or restore that cannot be done; the message says why and what to do."""


def describe(url: URL | str) -> str:
    """The database's address without its password, to name it in messages."""
    return make_url(url).render_as_string(hide_password=True)


def backup(url: URL | str, target: Path) -> str:
    """Back up the database at ``url`` to ``target``; a sentence saying what was written."""
    url = make_url(url)
    backend = _backend(url)
    with _written_in_place(target) as temporary:
        if backend == "sqlite":
            tables = _backup_sqlite(_sqlite_path(url, must_exist=True), temporary)
        else:
            tables = _backup_postgresql(url, temporary)
    return f"Backed up {describe(url)} to {target} ({target.stat().st_size:,} bytes, {tables} tables)."


def restore(url: URL | str, source: Path) -> None:
    """Load the backup ``source`` into the empty database at ``url``."""
    url = make_url(url)
    backend = _backend(url)
    if not source.is_file():
        raise BackupError(f"There is no backup at {source}.")
    kind = _kind_of(source)
    if kind is None:
        raise BackupError(f"{source} is not a backup made by `flask backup` (neither SQLite nor pg_dump -Fc).")
    if kind != backend:
        raise BackupError(
            f"{source} is a {KINDS[kind]} backup, but this register's database is {KINDS[backend]} ({describe(url)})."
        )
    tables = tables_in(url)
    if tables:
        shown = ", ".join(tables[:3]) + (", …" if len(tables) > 3 else "")
        raise BackupError(
            f"Refusing to restore into {describe(url)}: it is not empty ({len(tables)} tables: {shown}). "
            "Restore into a new, empty database."
        )
    if backend == "sqlite":
        _restore_sqlite(source, _sqlite_path(url, must_exist=False))
    else:
        _restore_postgresql(url, source)


def tables_in(url: URL | str) -> list[str]:
    """The tables (and views) the database holds, by name; none for a SQLite file not made yet."""
    url = make_url(url)
    if _backend(url) == "sqlite":
        path = _sqlite_path(url, must_exist=False)
        if not path.exists():
            return []
        with closing(sqlite3.connect(path)) as connection:
            names = connection.execute(
                "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%' "
                "ORDER BY name"
            ).fetchall()
        return [str(row[0]) for row in names]
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(
                text(
                    "SELECT table_schema || '.' || table_name FROM information_schema.tables "
                    "WHERE table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1"
                )
            ).all()
    finally:
        engine.dispose()
    return [str(row[0]) for row in rows]


def _backend(url: URL) -> str:
    backend = url.get_backend_name()
    if backend not in KINDS:
        raise BackupError(f"Backups support SQLite and PostgreSQL, not {backend} ({describe(url)}).")
    return backend


def _kind_of(path: Path) -> str | None:
    with path.open("rb") as file:
        start = file.read(len(SQLITE_MAGIC))
    if start == SQLITE_MAGIC:
        return "sqlite"
    if start.startswith(PG_CUSTOM_MAGIC):
        return "postgresql"
    return None


@contextmanager
def _written_in_place(target: Path) -> Iterator[Path]:
    """A new owner-only temporary file beside ``target``, moved onto it when the block succeeds."""
    if target.is_dir():
        raise BackupError(f"{target} is a folder; give the backup a file name.")
    if not target.parent.is_dir():
        raise BackupError(f"There is no folder {target.parent} to write the backup in.")
    descriptor, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".partial")
    os.close(descriptor)  # mkstemp makes it 0600
    temporary = Path(name)
    try:
        yield temporary
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)


# --- SQLite -----------------------------------------------------------------------------------


def _sqlite_path(url: URL, *, must_exist: bool) -> Path:
    database = url.database or ""
    if database in ("", ":memory:") or database.startswith("file:"):
        raise BackupError(f"{describe(url)} is not a SQLite file that can be backed up or restored.")
    path = Path(database)
    if must_exist and not path.is_file():
        raise BackupError(f"There is no database at {path}.")
    return path


def _checked(connection: sqlite3.Connection, what: object) -> int:
    """Check the SQLite database's integrity; how many tables it has."""
    result = connection.execute("PRAGMA integrity_check").fetchone()
    if result is None or result[0] != "ok":
        raise BackupError(f"{what} failed SQLite's integrity check: {result[0] if result else 'no answer'}.")
    return int(connection.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table'").fetchone()[0])


def _backup_sqlite(source: Path, temporary: Path) -> int:
    with closing(sqlite3.connect(source, timeout=30)) as live, closing(sqlite3.connect(temporary)) as copy:
        live.backup(copy)  # pages=-1: the whole database in one step (see the module docstring)
        copy.execute("PRAGMA journal_mode=DELETE")
        return _checked(copy, "The backup")


def _restore_sqlite(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    with closing(sqlite3.connect(f"file:{source}?mode=ro", uri=True)) as backup_file:
        _checked(backup_file, source)
        with closing(sqlite3.connect(target, timeout=30)) as live:
            backup_file.backup(live)
            live.execute("PRAGMA journal_mode=WAL")  # as the register runs it (registry.database)


# --- PostgreSQL -------------------------------------------------------------------------------


def _pg_tool(name: str) -> str:
    found = shutil.which(name)
    if found:
        return found
    installed = sorted(
        Path("/usr/lib/postgresql").glob(f"*/bin/{name}"),
        key=lambda path: int(path.parent.parent.name) if path.parent.parent.name.isdigit() else 0,
    )
    if installed:
        return str(installed[-1])
    raise BackupError(f"{name} is not installed: it comes with PostgreSQL's client tools (Debian: postgresql-client).")


def _libpq(url: URL) -> tuple[str, dict[str, str]]:
    """A libpq address without the password, and the environment that passes it (never on the command line)."""
    environment = dict(os.environ)
    if url.password is not None:
        environment["PGPASSWORD"] = str(url.password)
    address = url.set(drivername="postgresql", password=None).render_as_string(hide_password=False)
    return address, environment


def _run(command: list[str], environment: dict[str, str], what: str) -> str:
    finished = subprocess.run(command, env=environment, capture_output=True, text=True, check=False)
    if finished.returncode != 0:
        raise BackupError(f"{what} failed: {finished.stderr.strip() or f'exit status {finished.returncode}'}")
    return finished.stdout


def _backup_postgresql(url: URL, temporary: Path) -> int:
    address, environment = _libpq(url)
    command = [_pg_tool("pg_dump"), "--format=custom", "--no-password", f"--file={temporary}", f"--dbname={address}"]
    _run(command, environment, "pg_dump")
    listing = _run([_pg_tool("pg_restore"), "--list", str(temporary)], environment, "Reading the backup back")
    return sum(1 for line in listing.splitlines() if " TABLE DATA " in line)


def _restore_postgresql(url: URL, source: Path) -> None:
    address, environment = _libpq(url)
    command = [
        _pg_tool("pg_restore"),
        *("--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction", "--no-password"),
        f"--dbname={address}",
        str(source),
    ]
    _run(command, environment, "pg_restore")


def row_counts(url: URL | str) -> dict[str, int]:
    """How many rows each table of the database holds."""
    engine = create_engine(make_url(url))
    try:
        with engine.connect() as connection:
            names = inspect(connection).get_table_names()
            count = select(func.count())
            return {name: int(connection.execute(count.select_from(table(name))).scalar_one()) for name in names}
    finally:
        engine.dispose()
