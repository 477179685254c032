"""A database that goes away: pages and the API answer 503 with Retry-After (never 500), the
process stays healthy, and once the database is back the same server answers again, unrestarted."""

from __future__ import annotations

import time

import pytest

from tests.fixtures.servers import create_database, flask, gunicorn, postgres_cluster, register_environment, wait_until

pytestmark = [pytest.mark.slow, pytest.mark.servers]

READING = ["/", "/mediators", "/api/v1/mediators", "/api/v1/local-authorities", "/mediators/SM-000001-X"]
STATIC = ["/check", "/healthz"]  # need nothing from the database, so they keep working


def test_a_database_outage_is_a_503_and_the_server_recovers_by_itself() -> None:
    with postgres_cluster() as cluster:
        environment = register_environment(create_database(cluster), WEB_CONCURRENCY="1")
        flask(environment, "setup")
        with gunicorn(environment, workers=1) as server:
            for path in READING + STATIC:
                assert server.get(path).status_code in (200, 404), path

            cluster.stop()
            for path in STATIC:
                assert server.get(path).status_code == 200, path
            for path in READING:
                response = server.get(path)
                assert response.status_code == 503, (path, response.status_code)
                assert int(response.headers["Retry-After"]) > 0, path
                if path.startswith("/api/"):
                    assert response.headers["Content-Type"].startswith("application/problem+json")
                    assert response.json()["status"] == 503
                else:
                    assert "Sorry, the register is unavailable" in response.text
            ready = server.get("/readyz")
            assert ready.status_code == 503 and ready.json()["checks"]["database"] == "failing"

            cluster.start()
            started = time.monotonic()
            wait_until(lambda: server.get("/readyz").status_code == 200, 30, "readiness after the outage")
            for path in READING + STATIC:
                assert server.get(path).status_code in (200, 404), path
            assert time.monotonic() - started < 30
            assert server.process.poll() is None, "the same server answers: it was never restarted"
