"""Engine settings per database, how migrations render the project's own column types, and the
statements written differently per database (``insert_rows``, ``among``)."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator
from contextlib import contextmanager
from contextvars import ContextVar, Token
from typing import Any, TypedDict

from flask import Flask
from sqlalchemy import ARRAY, Boolean, ColumnElement, Table, any_, bindparam, event
from sqlalchemy.engine import Engine
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import QueryableAttribute
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.elements import BindParameter
from sqlalchemy.sql.visitors import InternalTraversal

from registry.extensions import db
from registry.models.base import UTCDateTime

# Whether the transactions about to begin will write. SQLite takes its write lock when a transaction
# first writes; a transaction that read first and then finds another writer holding the lock (or
# having committed since it read) is refused at once with "database is locked", whatever the busy
# timeout. So a unit of work that will write begins with BEGIN IMMEDIATE, taking the lock up front
# and waiting its turn (busy_timeout) instead. Requests other than GET, HEAD and OPTIONS, and CLI
# commands, say so (registry.unit_of_work); reads keep plain BEGIN and run beside the writer (WAL).
_WRITES: ContextVar[bool] = ContextVar("registry.database.writes", default=False)
SQLITE_BUSY_TIMEOUT_MS = 15_000


def expect_writes() -> Token[bool]:
    """From now on, transactions take SQLite's write lock as they begin (no effect on PostgreSQL)."""
    return _WRITES.set(True)


def writes_done(token: Token[bool]) -> None:
    _WRITES.reset(token)


@contextmanager
def writing() -> Iterator[None]:
    """Transactions begun inside the block take SQLite's write lock as they begin."""
    token = expect_writes()
    try:
        yield
    finally:
        writes_done(token)


def _sqlite_pragmas(dbapi_connection: Any, connection_record: Any) -> None:
    # Let SQLAlchemy, not the sqlite3 module, decide when transactions begin, so BEGIN and
    # SAVEPOINT behave as on PostgreSQL (the sqlite3 module's own handling breaks savepoints).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.close()


def _sqlite_begin(connection: Any) -> None:
    connection.exec_driver_sql("BEGIN IMMEDIATE" if _WRITES.get() else "BEGIN")


def insert_rows(table: Table, rows: list[dict[str, Any]]) -> None:
    """Insert ``rows`` (each with the same keys, naming columns of ``table``) in one go, in the
    session's transaction.

    The values go to the driver converted by each column type's own bind processor (public API),
    skipping SQLAlchemy's per-row parameter handling, most of the cost of 1,000 rows. PostgreSQL
    then takes them by ``COPY … FROM STDIN`` (psycopg's ``copy``): an executemany would be one
    INSERT per row, each planned and executed on its own. SQLite's executemany is one prepared
    statement stepped per row, which is already its fastest way."""
    if not rows:
        return
    connection = db.session.connection()
    dialect = connection.dialect
    names = tuple(rows[0])
    processors = [table.c[name].type.bind_processor(dialect) for name in names]
    converted = [
        tuple(
            value if process is None or value is None else process(value)
            for process, value in zip(processors, values, strict=True)
        )
        for values in (tuple(row[name] for name in names) for row in rows)
    ]
    quote = dialect.identifier_preparer.quote
    into = f"{dialect.identifier_preparer.format_table(table)} ({', '.join(quote(name) for name in names)})"
    if dialect.name != "postgresql":
        connection.exec_driver_sql(f"INSERT INTO {into} VALUES ({', '.join('?' * len(names))})", converted)
        return
    cursor: Any = connection.connection.cursor()
    try:
        with cursor.copy(f"COPY {into} FROM STDIN") as copy:
            for values in converted:
                copy.write_row(values)
    finally:
        cursor.close()


class _Among(ColumnElement[bool]):
    """``among``'s clause: it carries the values twice, as one array parameter and as an expanding
    list, both in its cache key, and each database's compiler draws one of them."""

    inherit_cache = True
    _traverse_internals = [
        ("column", InternalTraversal.dp_clauseelement),
        ("as_array", InternalTraversal.dp_clauseelement),
        ("as_list", InternalTraversal.dp_clauseelement),
    ]
    type = Boolean()
    _is_implicitly_boolean = True  # a condition as it stands (SQLite would otherwise get "= 1")

    def __init__(self, column: ColumnElement[Any], as_array: BindParameter[Any], as_list: BindParameter[Any]) -> None:
        self.column, self.as_array, self.as_list = column, as_array, as_list


@compiles(_Among)
def _among_as_list(element: _Among, compiler: SQLCompiler, **kw: Any) -> str:
    return compiler.process(element.column.in_(element.as_list), **kw)


@compiles(_Among, "postgresql")
def _among_as_array(element: _Among, compiler: SQLCompiler, **kw: Any) -> str:
    return compiler.process(element.column == any_(element.as_array), **kw)


def among(
    column: ColumnElement[Any] | QueryableAttribute[Any],
    values: Collection[Any] | None = None,
    *,
    name: str | None = None,
) -> _Among:
    """SQL: ``column`` is one of ``values`` (or, with ``name``, of the list given under that name when
    the statement runs: a statement built once and run many times).

    For lists that can be long (a bulk check's 1,000 numbers). PostgreSQL gets ``column = ANY(array)``,
    one parameter and one statement text whatever the length, which psycopg prepares once; ``IN``
    would be a placeholder per value, each rendered with its cast by SQLAlchemy and parsed again by
    psycopg at every run (a third of a bulk check's time). SQLite gets ``IN`` (it has no arrays)."""
    expression = column if isinstance(column, ColumnElement) else column.expression
    element_type = expression.type
    if name is not None:
        as_array = bindparam(name, type_=ARRAY(element_type))
        as_list = bindparam(name, type_=element_type, expanding=True)
    else:
        assert values is not None, "among() needs values or a name"
        given = list(values)
        as_array = bindparam(None, given, type_=ARRAY(element_type), unique=True)
        as_list = bindparam(None, given, type_=element_type, expanding=True, unique=True)
    return _Among(expression, as_array, as_list)


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
