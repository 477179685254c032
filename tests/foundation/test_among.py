"""``among`` (registry/database.py): "is one of these values", one array parameter on PostgreSQL and an
``IN`` list on SQLite. Runs on whichever database the suite runs on (CI runs both)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from registry.database import among
from registry.extensions import db
from registry.models import Mediator


def test_among_finds_the_values_given_each_time_the_statement_runs(factories: Any) -> None:
    """The same statement shape run with other values finds the new ones: SQLAlchemy's statement cache
    must not keep the first run's values (each database draws only one of the two parameters)."""
    ones = [factories.mediator() for _ in range(3)]
    numbers = [mediator.registration_number for mediator in ones]

    def found(values: list[str]) -> list[str]:
        statement = select(Mediator.registration_number).where(among(Mediator.registration_number, values))
        return sorted(db.session.scalars(statement))

    assert found(numbers[:1]) == numbers[:1]
    assert found(numbers[1:]) == sorted(numbers[1:])
    assert found(["SM-999999-0"]) == []
    assert found([]) == []


def test_among_by_name_takes_the_list_when_the_statement_runs(factories: Any) -> None:
    ids = [factories.mediator().id for _ in range(3)]
    statement = select(Mediator.id).where(among(Mediator.id, name="ids")).order_by(Mediator.id)
    assert list(db.session.scalars(statement, {"ids": ids[:2]})) == sorted(ids[:2])
    assert list(db.session.scalars(statement, {"ids": ids[2:]})) == ids[2:]
    assert list(db.session.scalars(statement, {"ids": []})) == []


def test_postgresql_gets_one_array_parameter_and_sqlite_an_in_list() -> None:
    statement = select(Mediator.id).where(among(Mediator.id, [1, 2, 3]))
    sql = str(statement.compile(db.engine))
    if db.engine.dialect.name == "postgresql":
        assert "= ANY (" in sql and sql.count("%(") == 1
    else:
        assert " IN (" in sql and "= 1" not in sql
