"""What a run needs to know about a database, found with the register's own code (a subprocess):

    python -m bench.probe DATABASE_URL OUT.json

- the registration numbers on the public register (``registry.domain.checks.on_register``) and every
  number, for the requests; the local authorities' GSS codes;
- a new API key of the first demo local authority, for bulk checks;
- how many SQL statements a bulk check of 10, 100 and 1,000 numbers runs (counted on the engine,
  with the test client: the same view, domain and database as under gunicorn).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from random import Random
from typing import Any

SEED = 20251215
QUERY_COUNT_SIZES = (10, 100, 1000)


def bulk_numbers(public: list[str], everyone: list[str], rng: Random, size: int = 1000) -> list[str]:
    """An LA's list: numbers it holds (mostly on the register), one not on it, one mistyped."""
    numbers = rng.sample(everyone, min(size - 2, len(everyone)))
    unknown = "SM-999999-0"
    mistyped = public[0][:-1] + ("0" if public[0][-1] != "0" else "1")
    return [*numbers, unknown, mistyped][:size]


def _count_statements(app: Any, token: str, numbers: list[str]) -> dict[str, int]:
    from sqlalchemy import event

    from registry.extensions import db

    counts: dict[str, int] = {}
    client = app.test_client()
    headers = {"Authorization": f"Bearer {token}"}
    with app.app_context():
        engine = db.engine
    # Once untimed and uncounted: what a running server has long since loaded (vocabularies, standards…).
    client.post("/api/v1/checks", json={"numbers": numbers[:10]}, headers=headers)
    for size in QUERY_COUNT_SIZES:
        seen = [0]

        def count(*_: Any, seen: list[int] = seen) -> None:
            seen[0] += 1

        event.listen(engine, "before_cursor_execute", count)
        try:
            response = client.post("/api/v1/checks", json={"numbers": numbers[:size]}, headers=headers)
        finally:
            event.remove(engine, "before_cursor_execute", count)
        if response.status_code != 201:
            raise RuntimeError(f"bulk check of {size}: HTTP {response.status_code} {response.get_data(as_text=True)}")
        counts[str(size)] = seen[0]
    return counts


def probe(database_url: str) -> dict[str, Any]:
    from sqlalchemy import select

    from registry import create_app, unit_of_work
    from registry.domain import api_keys
    from registry.domain.checks import on_register
    from registry.extensions import db
    from registry.models import LocalAuthority, Mediator, Organisation

    app = create_app({"SQLALCHEMY_DATABASE_URI": database_url, "RATELIMIT_ENABLED": False})
    with app.app_context():
        public = list(db.session.scalars(select(Mediator.registration_number).where(on_register())))
        everyone = list(db.session.scalars(select(Mediator.registration_number)))
        codes = list(db.session.scalars(select(LocalAuthority.gss_code).order_by(LocalAuthority.gss_code)))
        with unit_of_work.transaction():
            organisation = db.session.scalars(
                select(Organisation).where(Organisation.kind == "local_authority").order_by(Organisation.id)
            ).first()
            if organisation is None:
                raise RuntimeError("no local authority organisation: is the demo data loaded?")
            token = api_keys.create_key(organisation, None, "benchmark").token
    rng = Random(SEED)
    statements = _count_statements(app, token, bulk_numbers(public, everyone, rng))
    with app.app_context():
        db.engine.dispose()
    return {
        "public_numbers": public,
        "all_numbers": everyone,
        "local_authorities": codes,
        "api_key": token,
        "bulk_check_statements": statements,
    }


if __name__ == "__main__":
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    Path(sys.argv[2]).write_text(json.dumps(probe(sys.argv[1])))
