"""The benchmark harness (``bench/``, ``make bench``), without a benchmark run: the results table and
its verdicts, the wrk script against a tiny local server, the ceiling's gunicorn settings, and the
year of log entries the benchmark's data gets."""

from __future__ import annotations

import gc
import http.server
import runpy
import shutil
import threading
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from bench import load
from bench.clients import percentile
from bench.logs import COLUMNS, draft_rows, write_year_of_logs
from bench.report import CEILING, Sample, add_ratios, markdown, table_rows
from registry.extensions import db
from registry.models import LogEntry, Mediator

PROJECT = Path(__file__).resolve().parents[2]


def _load(case: str, engine: str, round_: int, per_second: float, p95: float, server: str = "register",
          errors: int = 0) -> Sample:  # fmt: skip
    metrics = {"per_second": per_second, "p50_ms": p95 / 2, "p95_ms": p95, "p99_ms": p95 * 1.5}
    return Sample(case, engine, round_, server, metrics, requests=int(per_second * 10), errors=errors)


Rows = dict[tuple[str, str], list[str]]


def _rows(samples: list[Sample], engines: tuple[str, ...] = ("sqlite", "postgresql")) -> Rows:
    add_ratios(samples)
    return {(row[0], row[1]): row for row in table_rows(samples, engines)}


def test_the_ratio_is_paired_by_round_and_its_median_is_judged() -> None:
    samples = [
        _load("verify-api", "sqlite", 1, 300, 40), _load("verify-api", "sqlite", 1, 1000, 10, CEILING),
        _load("verify-api", "sqlite", 2, 700, 40), _load("verify-api", "sqlite", 2, 1000, 10, CEILING),
        _load("verify-api", "postgresql", 1, 650, 40), _load("verify-api", "postgresql", 1, 1000, 9, CEILING),
        _load("verify-api", "postgresql", 2, 600, 40), _load("verify-api", "postgresql", 2, 900, 9, CEILING),
    ]  # fmt: skip
    rows = _rows(samples)
    sqlite = rows["verify by number (API), 100 numbers re-checked", "sqlite"]
    assert sqlite[6] == "50%" and sqlite[-1] == "MISS"  # the median of 30% and 70%
    assert sqlite[2] == "500" and sqlite[7] == "50% (30%–70%)"
    postgresql = rows["verify by number (API), 100 numbers re-checked", "postgresql"]
    assert postgresql[6] == "66%" and postgresql[-1] == "PASS"  # 65% and 66.7%
    assert rows["ceiling: bare driver, one row", "sqlite"][2] == "1,000"


def test_a_case_with_failed_requests_is_an_error_whatever_its_numbers() -> None:
    rows = _rows([_load("profile-page", "sqlite", 1, 900, 5, errors=3)], ("sqlite",))
    assert rows["profile page, 1,000 mediators browsed", "sqlite"][-1] == "ERROR (3 failed)"


def test_targets_per_engine_and_the_rows_of_the_python_cases() -> None:
    bulk = Sample("bulk-check", "sqlite", 1, metrics={"per_second": 12, "p50_ms": 80, "p95_ms": 99, "p99_ms": 120,
                                                       "statement_growth": 1, "statements_10": 9, "statements_100": 9,
                                                       "statements_1000": 10})  # fmt: skip
    export = Sample("export", "postgresql", 1, metrics={"seconds": 4.2, "first_byte_seconds": 0.05, "chunked": 1,
                                                         "streamed": 1, "rss_mb": 230, "rss_before_mb": 100,
                                                         "rows": 70_000, "bytes": 9e6})  # fmt: skip
    samples = [_load("mixed", "sqlite", 1, 150, 90), _load("mixed", "postgresql", 1, 300, 60), bulk, export]
    rows = _rows(samples)
    assert rows["mixed: profile + search", "sqlite"][-2:] == ["≥ 140 req/s", "PASS"]
    assert rows["mixed: profile + search", "postgresql"][-2:] == ["≥ 320 req/s", "MISS"]
    assert rows["bulk check of 1,000", "sqlite"][-1] == "PASS"
    assert rows["bulk check: SQL statements", "sqlite"][7] == "9/9/10 for 10/100/1,000"
    assert rows["bulk check: SQL statements", "sqlite"][-1] == "MISS"
    assert rows["export: time", "postgresql"][-1] == "PASS" and "70,000 rows" in rows["export: time", "postgresql"][7]
    assert rows["export: streamed", "postgresql"][-1] == "PASS"
    assert rows["export: worker peak RSS", "postgresql"][-1] == "MISS"


def test_markdown_escapes_pipes() -> None:
    assert markdown(["a", "b"], [["x|y", "z"]]).splitlines()[-1] == "| x\\|y | z |"


def test_nearest_rank_percentiles() -> None:
    values = [float(n) for n in range(1, 21)]
    assert (percentile(values, 50), percentile(values, 95), percentile(values, 99)) == (10, 19, 20)


def test_the_ceiling_runs_with_the_registers_gunicorn_settings_but_not_its_hooks() -> None:
    register = runpy.run_path(str(PROJECT / "gunicorn.conf.py"))
    ceiling = runpy.run_path(str(PROJECT / "bench" / "ceiling_gunicorn.py"))
    for name in ("workers", "threads", "worker_class", "keepalive", "timeout", "preload_app", "bind"):
        assert ceiling[name] == register[name], name
    assert ceiling["wsgi_app"] == "bench.ceiling:create_app()"
    assert "on_starting" not in ceiling and "post_fork" not in ceiling
    assert ceiling["pre_fork"] is not None


def test_the_master_freezes_the_loaded_app_before_each_fork() -> None:
    """Workers' garbage collections skip what the master loaded (gunicorn.conf.py's docstring)."""
    register = runpy.run_path(str(PROJECT / "gunicorn.conf.py"))
    gc.unfreeze()
    try:
        register["pre_fork"](None, None)
        assert gc.get_freeze_count() > 10_000
    finally:
        gc.unfreeze()


class _Answer(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    seen: list[str] = []

    def _answer(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        self.seen.append(f"{self.command} {self.path} {len(body)}")
        status = 404 if self.path.startswith("/missing") else 200
        self.send_response(status)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    do_GET = do_POST = _answer

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def tiny_server() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Answer)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.skipif(shutil.which("wrk") is None, reason="wrk is not installed (apt-get install wrk)")
def test_the_wrk_script_cycles_through_the_list_and_reports_errors(tiny_server: str, tmp_path: Path) -> None:
    body = tmp_path / "body.json"
    body.write_text('{"numbers": ["SM-000001-X"]}')
    requests = tmp_path / "requests.txt"
    requests.write_text(f"GET /first\nPOST /second {body}\nGET /missing\n")
    _Answer.seen = []
    result = load.run_wrk(tiny_server, requests, 1)
    assert result.requests > 3 and result.per_second > 0
    assert 0 < result.p50_ms <= result.p95_ms <= result.p99_ms
    assert {"GET /first 0", f"POST /second {len(body.read_text())}", "GET /missing 0"} <= set(_Answer.seen)
    assert result.errors >= result.requests // 3 - 16  # every third answer is a 404


def test_parse_refuses_output_without_a_result() -> None:
    with pytest.raises(RuntimeError, match="no result"):
        load.parse("Running 1s test\n")


def test_a_year_of_logs_for_every_mediator_who_keeps_one(demo_register: None) -> None:
    today = date(2026, 6, 1)
    first = list(draft_rows(7, today))
    assert first == list(draft_rows(7, today))  # deterministic
    before = db.session.scalar(select(func.count()).select_from(LogEntry))
    written = write_year_of_logs(7, today)
    db.session.flush()
    assert written == len(first) == db.session.scalar(select(func.count()).select_from(LogEntry)) - before
    keeping = {row[COLUMNS.index("mediator_id")] for row in first}
    assert 10 <= written / len(keeping) <= 24
    assert len(keeping) >= db.session.scalar(select(func.count()).select_from(Mediator)) // 2
    dates = db.session.scalars(select(LogEntry.occurred_on).where(LogEntry.mediator_id.in_(keeping)))
    assert all(date(2025, 6, 1) < day < today for day in dates)
    reviewed = db.session.scalars(select(LogEntry).where(LogEntry.mediator_id.in_(keeping))).all()
    assert all((entry.reviewed_by_id is None) == (entry.review_status == "declared") for entry in reviewed)
    assert all(entry.local_authority_id is None for entry in reviewed if entry.kind != "practice")
