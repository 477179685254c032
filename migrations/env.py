"""Alembic environment, run through Flask-Migrate (``flask db …``) or ``registry.migrations``."""

import logging
from contextlib import contextmanager

from alembic import context
from flask import current_app

logger = logging.getLogger("alembic.env")
config = context.config
target_db = current_app.extensions["migrate"].db


def run_migrations_offline() -> None:
    context.configure(
        url=target_db.engine.url.render_as_string(hide_password=False),
        target_metadata=target_db.metadata,
        literal_binds=True,
        render_as_batch=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    def skip_empty_autogenerate(context, revision, directives):  # type: ignore[no-untyped-def]
        if getattr(config.cmd_opts, "autogenerate", False) and directives[0].upgrade_ops.is_empty():
            directives[:] = []
            logger.info("No changes in schema detected.")

    conf_args = dict(current_app.extensions["migrate"].configure_args)
    conf_args.setdefault("process_revision_directives", skip_empty_autogenerate)
    connection = config.attributes.get("connection")
    if connection is not None:  # tests hand in their own connection
        context.configure(connection=connection, target_metadata=target_db.metadata, **conf_args)
        with context.begin_transaction():
            context.run_migrations()
        return
    with target_db.engine.connect() as connection:
        context.configure(connection=connection, target_metadata=target_db.metadata, **conf_args)
        with _sqlite_foreign_keys_off(connection), context.begin_transaction():
            context.run_migrations()
            _check_foreign_keys(connection)


@contextmanager
def _sqlite_foreign_keys_off(connection):  # type: ignore[no-untyped-def]
    """SQLite's own recipe for changing a table that others refer to: batch mode rebuilds it (copy,
    drop the old one, rename), which SQLite refuses while foreign keys are enforced and rows point at
    it. So keys are off while the migrations run (set outside any transaction, where SQLite honours
    it), checked before the commit (``_check_foreign_keys``), and on again afterwards."""
    sqlite = connection.dialect.name == "sqlite"
    if sqlite:
        connection.connection.driver_connection.execute("PRAGMA foreign_keys=OFF")
    try:
        yield
    finally:
        if sqlite:
            connection.connection.driver_connection.execute("PRAGMA foreign_keys=ON")


def _check_foreign_keys(connection):  # type: ignore[no-untyped-def]
    if connection.dialect.name == "sqlite":
        broken = connection.exec_driver_sql("PRAGMA foreign_key_check").all()
        if broken:
            raise RuntimeError(f"The migrations left rows pointing at nothing: {broken[:5]}")


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
