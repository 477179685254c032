"""SQLite under concurrent writers: 16 clients writing at once through two gunicorn workers get no
500 and no "database is locked" — each write waits its turn (BEGIN IMMEDIATE, busy_timeout) and
succeeds. (Before, a bulk check that read and then wrote was refused at once under 4 clients.)"""

from __future__ import annotations

from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.fixtures.servers import demo_api_key, flask, gunicorn, register_environment, registration_numbers

pytestmark = [pytest.mark.slow, pytest.mark.servers]

CLIENTS = 16
ROUNDS = 6


def test_sixteen_concurrent_writers_on_sqlite_all_succeed(tmp_path) -> None:
    database_url = f"sqlite:///{tmp_path / 'register.sqlite3'}"
    environment = register_environment(database_url, RATELIMIT_ENABLED="0", DEMO_PASSWORD="operation tests only")
    flask(environment, "setup")
    flask(environment, "demo-data", "--mediators", "40")
    token = demo_api_key(database_url)
    numbers = registration_numbers(database_url, 40)
    headers = {"Authorization": f"Bearer {token}"}

    with gunicorn(environment, workers=2, threads=4) as server:

        def writer(client: int) -> list[int]:
            statuses = []
            for round_ in range(ROUNDS):
                check = server.post("/api/v1/checks", json={"numbers": numbers[client:] + numbers[:client]},
                                    headers=headers)  # fmt: skip
                statuses.append(check.status_code)
                number = numbers[(client + round_) % len(numbers)]
                statuses.append(server.put(f"/api/v1/watchlist/{number}", headers=headers).status_code)
            return statuses

        with ThreadPoolExecutor(CLIENTS) as pool:
            outcomes = Counter(status for statuses in pool.map(writer, range(CLIENTS)) for status in statuses)

    assert set(outcomes) <= {200, 201}, outcomes
    assert outcomes[201] >= CLIENTS * ROUNDS, outcomes  # every bulk check was stored
    assert "database is locked" not in server.log.read_text()
