"""Speed of the public query paths at register scale: the targets live here, not in unit tests.

    .venv/bin/python scripts/benchmark_queries.py --mediators 100000
    .venv/bin/python scripts/benchmark_queries.py --database-url postgresql+psycopg://…/register
    .venv/bin/python scripts/benchmark_queries.py --only export

Builds (once, then reuses) a SQLite file with N demo mediators under /tmp, or uses an existing
database given by URL that already holds demo data. Every case goes through the full Flask stack
(routing, domain, templates or JSON) with the test client, ``--repeat`` times; the table shows the
median and the slowest run against the case's target. Exit status 1 when a target is missed and
``--strict`` is given.

Targets (per request, on the 2-core development machine):
- search pages and API searches: 300 ms
- profile, status at a date, history: 150 ms
- a bulk check of 1,000 numbers: 2 s
- a page of the change feed: 150 ms
- the whole open-data export (100,000 mediators): 60 s
- a search by ``where`` (postcode or town → LA → the search), page and API: 50 ms; one postcode lookup: 5 ms
"""

from __future__ import annotations

import argparse
import itertools
import statistics
import sys
import time
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def _prepared_app(database_url: str | None, mediators: int):  # type: ignore[no-untyped-def]
    from flask_migrate import upgrade

    from registry import create_app
    from registry.demo import load_demo_data
    from registry.domain.local_authorities import load_local_authorities
    from registry.domain.standards import import_standards
    from registry.extensions import db

    url = database_url or f"sqlite:////tmp/smr-benchmark-{mediators}.sqlite3"
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "RATELIMIT_ENABLED": False})
    with app.app_context():
        upgrade()
        load_local_authorities()
        import_standards(app.config["STANDARDS_PATH"])
        db.session.commit()
        started = time.perf_counter()
        report = load_demo_data(mediator_count=mediators)
        db.session.commit()
        print(f"data ready in {time.perf_counter() - started:.1f} s: {report.splitlines()[0] if report else ''}")
    return app


def _api_key(app) -> str:  # type: ignore[no-untyped-def]
    from sqlalchemy import select

    from registry.domain.api_keys import create_key
    from registry.extensions import db
    from registry.models import Organisation

    with app.app_context():
        organisation = db.session.scalars(select(Organisation).where(Organisation.kind == "local_authority")).first()
        key = create_key(organisation, None, f"benchmark {time.time()}")
        db.session.commit()
        return key.token


def _numbers(app, count: int) -> list[str]:  # type: ignore[no-untyped-def]
    from sqlalchemy import select

    from registry.extensions import db
    from registry.models import Mediator

    with app.app_context():
        found = list(db.session.scalars(select(Mediator.registration_number).order_by(Mediator.id).limit(count - 2)))
    return found + ["SM-999999-0", "SM-000001-0"]  # one unknown, one mistyped


def _postcodes(count: int) -> Iterator[str]:
    """English postcodes spread over the whole directory, round and round."""
    from registry.domain.places import postcodes

    directory = postcodes.directory()
    keys = (directory._keys[i] for i in range(0, len(directory), len(directory) // count))
    english = [postcodes.display(key) for key in keys if directory.header.gss_code(directory.area_of(key) or 0)]
    return itertools.cycle(english)


def cases(app) -> list[tuple[str, float, object]]:  # type: ignore[no-untyped-def]
    token = _api_key(app)
    numbers = _numbers(app, 1000)
    first = numbers[0]
    past = (date.today() - timedelta(days=200)).isoformat()
    auth = {"Authorization": f"Bearer {token}"}
    places = _postcodes(500)
    towns = itertools.cycle(["sheffeild", "Hartlepol", "Cambrige", "Notingham", "Manchster", "Birmngham", "Leicster"])
    return [
        ("page: find by LA", 0.3, lambda c: c.get("/mediators?local_authority=E08000039")),
        ("page: find by LA + specialism + language", 0.3,
         lambda c: c.get("/mediators?local_authority=E09000033&specialism=autism&language=en")),
        ("page: find by name", 0.3, lambda c: c.get("/mediators?q=smith")),
        ("page: find, last page of all", 0.3, lambda c: c.get("/mediators?status=any&page=2000")),
        ("api: search by LA", 0.3, lambda c: c.get("/api/v1/mediators?local_authority=E08000039&per_page=100")),
        # Every request a different place, so none is a kept answer (registry.representations.cached).
        ("page: find by postcode (where)", 0.05, lambda c: c.get("/mediators", query_string={"where": next(places)})),
        ("page: find by misspelt town (where)", 0.05,
         lambda c: c.get("/mediators", query_string={"where": next(towns)})),
        ("api: search by postcode (where)", 0.05,
         lambda c: c.get("/api/v1/mediators", query_string={"where": next(places)})),
        ("page: profile", 0.15, lambda c: c.get(f"/mediators/{first}")),
        ("api: profile", 0.15, lambda c: c.get(f"/api/v1/mediators/{first}")),
        ("api: status at a past date", 0.15, lambda c: c.get(f"/api/v1/mediators/{first}/status?as_at={past}")),
        ("api: history", 0.15, lambda c: c.get(f"/api/v1/mediators/{first}/history")),
        ("api: bulk check of 1,000", 2.0, lambda c: c.post("/api/v1/checks", json={"numbers": numbers}, headers=auth)),
        ("api: change feed page", 0.15, lambda c: c.get("/api/v1/changes?after=1000")),
        ("api: open-data export", 60.0, lambda c: c.get("/api/v1/exports/register.csv")),
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mediators", type=int, default=100_000)
    parser.add_argument("--database-url")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--strict", action="store_true", help="exit 1 when any target is missed")
    parser.add_argument("--only", default="", help="run only the cases whose name contains this text")
    args = parser.parse_args()
    app = _prepared_app(args.database_url, args.mediators)
    client = app.test_client()
    # A running server has compiled its templates long before: warm the process up once, untimed,
    # so the first case does not carry Jinja's one-off compilation of the search page.
    for path in ("/", "/mediators", "/api/v1/mediators", "/mediators?where=S10+2TN&q=warm", "/mediators?where=leedz"):
        client.get(path)
    missed = 0
    print(f"{'case':45} {'median':>9} {'slowest':>9} {'target':>8}  status")
    for name, target, request in cases(app):
        if args.only not in name:
            continue
        timings = []
        for _ in range(1 if target > 10 else args.repeat):
            started = time.perf_counter()
            response = request(client)
            _ = response.get_data()
            timings.append(time.perf_counter() - started)
            if response.status_code >= 400:
                print(f"{name}: HTTP {response.status_code}: {response.get_data(as_text=True)[:200]}")
        worst = max(timings)
        ok = worst <= target
        missed += not ok
        print(f"{name:45} {statistics.median(timings) * 1000:7.0f}ms {worst * 1000:7.0f}ms {target * 1000:6.0f}ms  "
              f"{'ok' if ok else 'MISSED'}")
    if args.only in "where: postcode lookup":
        missed += not _postcode_lookups()
    if args.only in "where: resolve + search (domain)":
        missed += not _where_searches(app)
    return 1 if (missed and args.strict) else 0


def _where_searches(app, count: int = 300) -> bool:  # type: ignore[no-untyped-def]
    """``where`` → LA → the search, in process without HTTP or templates (what page and API share):
    p50/p95 over ``count`` different postcodes against the 50 ms target."""
    from registry.domain.places.where import resolve
    from registry.domain.search import MediatorSearch, search_mediators

    places = _postcodes(count)
    timings = []
    with app.app_context():
        search_mediators(MediatorSearch(local_authority=resolve("S10 2TN").area.gss_code))  # warm
        for _ in range(count):
            started = time.perf_counter()
            search_mediators(MediatorSearch(local_authority=resolve(next(places)).area.gss_code))
            timings.append(time.perf_counter() - started)
    timings.sort()
    p50, p95 = (timings[int(len(timings) * q)] * 1000 for q in (0.5, 0.95))
    ok = p95 <= 50
    print(f"{'where: resolve + search (domain), ' + str(count) + ' places':45} {p50:7.1f}ms {p95:7.1f}ms "
          f"{50:6.0f}ms  {'ok' if ok else 'MISSED'}   (p50, p95)")
    return ok


def _postcode_lookups(count: int = 20_000) -> bool:
    """Postcode → LA through ``where.resolve`` (normalising, the mmap'd directory, the LA), in process:
    every postcode of a sample read back, p50/p95/p99 against the 5 ms target."""
    from registry.domain.places import postcodes
    from registry.domain.places.where import WhereNotUnderstood, resolve

    directory = postcodes.directory()
    step = max(1, len(directory) // count)
    sample = [postcodes.display(directory._keys[i]) for i in range(0, len(directory), step)]
    timings = []
    for postcode in sample:
        started = time.perf_counter()
        try:
            resolve(postcode)
        except WhereNotUnderstood:
            pass  # a postcode outside England, or for post only: answered all the same
        timings.append(time.perf_counter() - started)
    timings.sort()
    p50, p95, p99 = (timings[int(len(timings) * q)] * 1000 for q in (0.5, 0.95, 0.99))
    ok = p95 <= 5
    print(f"{'where: postcode lookup (' + format(len(sample), ',') + ' postcodes)':45} {p50:7.3f}ms {p95:7.3f}ms "
          f"{5:6.0f}ms  {'ok' if ok else 'MISSED'}   p99 {p99:.3f} ms")
    return ok


if __name__ == "__main__":
    sys.exit(main())
