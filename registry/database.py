"""Engine settings per database, and how migrations render the project's own column types."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypedDict

from flask import Flask
from sqlalchemy import event
from sqlalchemy.engine import Engine

from registry.extensions import db
from registry.models.base import UTCDateTime


def _sqlite_pragmas(dbapi_connection: Any, connection_record: Any) -> None:
    # Let SQLAlchemy, not the sqlite3 module, decide when transactions begin, so BEGIN and
    # SAVEPOINT behave as on PostgreSQL (the sqlite3 module's own handling breaks savepoints).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


def _sqlite_begin(connection: Any) -> None:
    connection.exec_driver_sql("BEGIN")


def render_item(type_: str, obj: Any, autogen_context: Any) -> str | bool:
    """Write UTCDateTime columns into migrations as plain timestamptz, so migrations never import models."""
    if type_ == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime(timezone=True)"
    return False


class MigrationOptions(TypedDict):
    render_as_batch: bool
    compare_type: bool
    render_item: Callable[[str, Any, Any], str | bool]


MIGRATION_OPTIONS: MigrationOptions = {"render_as_batch": True, "compare_type": True, "render_item": render_item}


def init_app(app: Flask) -> None:
    with app.app_context():
        engine: Engine = db.engine
        if engine.dialect.name == "sqlite":
            event.listen(engine, "connect", _sqlite_pragmas)
            event.listen(engine, "begin", _sqlite_begin)
