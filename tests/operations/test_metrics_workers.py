"""/metrics under gunicorn with two workers that are replaced every few requests (``WEB_MAX_REQUESTS``):
with ``PROMETHEUS_MULTIPROC_DIR`` every scrape, whichever worker answers it, counts every request,
including those served by workers that have since gone. The server's stderr is one JSON line per
request, each with the id the caller sent."""

from __future__ import annotations

import json

import pytest
from prometheus_client.parser import text_string_to_metric_families

from tests.fixtures.servers import Gunicorn, flask, gunicorn, register_environment

pytestmark = [pytest.mark.slow, pytest.mark.servers]

TOKEN = "scrape-token-for-the-operation-test-0123456789"
REQUESTS = 24


def readyz_count(server: Gunicorn) -> float:
    text = server.get("/metrics", headers={"Authorization": f"Bearer {TOKEN}"}).text
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            if sample.name == "register_http_requests_total" and sample.labels.get("route") == "/readyz":
                return sample.value
    return 0.0


def test_metrics_add_up_every_worker_including_replaced_ones(tmp_path) -> None:  # type: ignore[no-untyped-def]
    multiprocess_dir = tmp_path / "metrics"
    multiprocess_dir.mkdir()
    environment = register_environment(
        f"sqlite:///{tmp_path / 'register.sqlite3'}",
        RATELIMIT_ENABLED="0",
        METRICS_ENABLED="1",
        METRICS_TOKEN=TOKEN,
        PROMETHEUS_MULTIPROC_DIR=str(multiprocess_dir),
        WEB_MAX_REQUESTS="5",  # each worker is replaced after five requests
    )
    flask(environment, "setup")

    with gunicorn(environment, workers=2, threads=2) as server:
        ids = [f"op-test-{n}" for n in range(REQUESTS)]
        for request_id in ids:
            response = server.get("/readyz", headers={"X-Request-ID": request_id})
            assert response.status_code == 200 and response.headers["X-Request-ID"] == request_id
        scraped = [readyz_count(server) for _ in range(4)]

    assert scraped == [REQUESTS] * 4, scraped
    workers = {path.stem.rsplit("_", 1)[1] for path in multiprocess_dir.glob("counter_*.db")}
    assert len(workers) >= 3, workers  # 24 requests, 5 a worker: replaced workers' counts were kept
    lines = [json.loads(line) for line in server.log.read_text().splitlines() if '"registry.requests"' in line]
    readyz = [line for line in lines if line["route"] == "/readyz"]
    assert [line["request_id"] for line in readyz] == ids
    assert all(line["status"] == 200 and line["method"] == "GET" for line in readyz)
