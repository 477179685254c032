"""The ceiling: the least a web app can do to answer "who has this registration number?".

A Flask app with one route, ``/mediators/<registration_number>``, that reads the mediator's row
from ``mediators`` with the bare database driver (``sqlite3`` or ``psycopg``, one connection per
thread, no ORM, no pool, no templates) and returns it as JSON. Served by gunicorn with the
register's own settings (``bench/ceiling_gunicorn.py``), it is the most this machine can serve
for one row through Flask and gunicorn: the register's verify-by-number API is reported as a
fraction of it.

``CEILING_DATABASE`` names the database: a SQLite file path, or a libpq DSN for PostgreSQL.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from typing import Any

from flask import Flask, abort, jsonify
from flask.typing import ResponseReturnValue

QUERY = "SELECT * FROM mediators WHERE registration_number = {}"
_local = threading.local()


def _connect(database: str) -> tuple[Any, str]:
    if database.startswith(("host=", "postgresql://")):
        import psycopg
        from psycopg.rows import dict_row

        return psycopg.connect(database, autocommit=True, row_factory=dict_row), QUERY.format("%s")
    connection = sqlite3.connect(database, check_same_thread=False)
    connection.row_factory = sqlite3.Row
    return connection, QUERY.format("?")


def _connection(database: str) -> tuple[Any, str]:
    if getattr(_local, "connection", None) is None:
        _local.connection = _connect(database)
    return _local.connection


def create_app() -> Flask:
    database = os.environ["CEILING_DATABASE"]
    app = Flask(__name__)

    @app.get("/mediators/<registration_number>")
    def mediator(registration_number: str) -> ResponseReturnValue:
        connection, query = _connection(database)
        row = connection.execute(query, (registration_number,)).fetchone()
        if row is None:
            abort(404)
        return jsonify({key: row[key] for key in row.keys()})

    @app.get("/healthz")
    def healthz() -> ResponseReturnValue:
        return jsonify(status="ok")

    return app
