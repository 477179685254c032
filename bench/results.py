"""``bench/results.md``: the summary table, how it was measured, the machine, the data, every sample."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from bench.load import CONNECTIONS, THREADS
from bench.report import HEADER, ROUND_HEADER, Sample, markdown, round_rows, table_rows


@dataclass(frozen=True)
class Facts:
    options_text: str
    quick: bool
    mediators: int
    duration: float
    rounds: int
    bulk_requests: int
    engines: tuple[str, ...]
    load_before: str
    load_measuring: str
    load_after: str
    cpu: str
    versions: dict[str, str]
    code: str
    gunicorn: str
    rate_limit: str
    data: dict[str, dict[str, object]]
    total_seconds: float
    measured_seconds: float
    finished: datetime


def summary(samples: list[Sample], engines: Iterable[str]) -> str:
    return markdown(HEADER, table_rows(samples, list(engines)))


def _data_lines(facts: Facts) -> list[str]:
    lines = []
    for engine, meta in facts.data.items():
        rows = meta.get("rows", {})
        counted = ", ".join(f"{n:,} {table.replace('_', ' ')}" for table, n in rows.items())  # type: ignore[attr-defined]
        steps = ", ".join(f"{step.replace('_', ' ')} {s} s" for step, s in meta.get("seconds", {}).items())  # type: ignore[attr-defined]
        lines.append(f"- **{engine}**: {counted}. Built {meta.get('built_at')} in {meta.get('build_seconds')} s "
                     f"({steps}); cached in `{meta.get('cache')}`.")  # fmt: skip
    return lines


def busy_warning(facts: Facts) -> list[str]:
    """A warning when the machine's load average was above its number of cores before or while measuring."""
    cores = os.cpu_count() or 1
    highest = max(float(facts.load_before.split()[0]), float(facts.load_measuring.split()[0]))
    if highest <= cores:
        return []
    return [f"**The machine was busy** (one-minute load average up to {highest:.1f} on {cores} cores before or "
            "while measuring): other processes took CPU from the servers and from wrk, so these numbers are low and "
            "noisy. Compare only runs taken on a quiet machine.", ""]  # fmt: skip


def render(samples: list[Sample], facts: Facts) -> str:
    title = "# Benchmark results" + (" — quick smoke run (not the benchmark)" if facts.quick else "")
    versions = ", ".join(f"{name} {value}" for name, value in facts.versions.items())
    parts = [
        title,
        "",
        f"`{facts.options_text}`, finished {facts.finished:%Y-%m-%d %H:%M} UTC: {facts.mediators:,} mediators, "
        f"{facts.rounds} round(s), {facts.duration:g} s of load per case and round, on {', '.join(facts.engines)}. "
        f"{facts.total_seconds / 60:.1f} minutes in all, {facts.measured_seconds / 60:.1f} of them measuring.",
        "",
        *busy_warning(facts),
        summary(samples, facts.engines),
        "",
        "Each number is the median over the rounds (the range over the rounds in brackets); the ratio to the "
        "ceiling is taken round by round, against the ceiling measured next to it, and then its median. A target "
        "is judged on those medians. ERROR: some request failed (refused, timed out, or answered 400 or more), so "
        "the row is not judged.",
        "",
        "## Machine",
        "",
        f"- {facts.cpu}.",
        f"- Load average (1, 5, 15 min) before the run {facts.load_before}; when measuring began "
        f"{facts.load_measuring}; after {facts.load_after}. The benchmark itself (wrk, gunicorn, the databases) "
        "shares these cores: on a busy machine every number is lower and noisier.",
        f"- {versions}.",
        f"- Code measured: {facts.code}.",
        "",
        "## How it was measured",
        "",
        f"- The register: `gunicorn -c gunicorn.conf.py` as `make serve` runs it ({facts.gunicorn}), after "
        "`flask setup`, with `SECRET_KEY` random, `PUBLIC_BASE_URL=https://bench.invalid`, `WEB_CONCURRENCY=2` "
        "and `REDIS_URL` pointing at a Redis of its own (one per engine, nothing saved). Rate limiting stays on, "
        f"in Redis, with `API_RATE_LIMIT_ANONYMOUS` and `API_RATE_LIMIT_KEYED` set to `{facts.rate_limit}` so that "
        "no request is refused (each API request still pays for the limiter's Redis round trip).",
        "- The ceiling: `bench/ceiling.py`, a Flask app with one route that reads the mediator's row from "
        "`mediators` by registration number with the bare driver (`sqlite3`, or `psycopg` with one connection per "
        "thread) and returns it as JSON, under gunicorn with the same settings (`bench/ceiling_gunicorn.py` reads "
        "them from `gunicorn.conf.py`).",
        "- PostgreSQL 15: a throwaway cluster on a copy of the cached data directory, `fsync=off`, otherwise "
        "default settings (`shared_buffers` 128 MB). SQLite: a copy of the cached file, WAL, as the register "
        "opens it.",
        f"- Load cases (verify, search, profile, mixed): `wrk -t{THREADS} -c{CONNECTIONS} -d{facts.duration:g}s` "
        "with `bench/wrk/requests.lua`: a closed loop of 16 clients, each sending its next request when the last "
        "is answered; latency percentiles are wrk's, per request, without coordinated-omission correction. The "
        "requests cycle through shuffled lists: the registration numbers of mediators on the public register "
        "(up to 50,000, all different) and every LA's GSS code; each case and round starts at another place "
        "in the list. Before the first round (not measured), every address of the judged cases' lists was "
        "requested once — the register keeps each public answer until its next change, so a register in use "
        "answers these from what it kept — and the 50,000-address cases and the ceilings had a few seconds "
        "of wrk: those cases show what a request the register has not answered since its last change costs.",
        "  - verify by number: `GET /api/v1/mediators/{number}` (the ceiling: `GET /mediators/{number}`), "
        "over 100 numbers re-checked again and again (an LA's contractors: what the target is judged on) and, "
        "for information, over the 50,000-number spread; the register and its ceiling run one after the other "
        "in each round on the same list, the register first in odd rounds, the ceiling first in even ones;",
        "  - search by LA: `GET /api/v1/mediators?local_authority={gss}&per_page=100` and "
        "`GET /mediators?local_authority={gss}` (the page's default 20 a page);",
        "  - profile page: `GET /mediators/{number}`;",
        "  - mixed: half profile pages, a quarter search pages and a quarter search API calls, interleaved.",
        f"- Bulk check: {facts.bulk_requests} `POST /api/v1/checks` a round, one at a time on one connection, each "
        "with 1,000 numbers (998 drawn from all mediators' numbers, one unknown, one mistyped) and an LA's API "
        "key (fewer numbers when the register has fewer than 1,000 mediators). The SQL statements of a bulk check "
        "of 10, 100 and 1,000 numbers are counted in a separate process "
        "(`bench/probe.py`: the register's own app and test client, on the same database, statements counted on "
        "the engine).",
        "- Export: `GET /api/v1/exports/register.csv` once a round (twice in the first: the run's first request "
        "builds the export file, as the first request after every change of the register does; the others are "
        "served the finished file), read as it arrives; time to the first byte and to the end, rows (CRLF line "
        "ends less the header) and bytes; streamed means sent in pieces as it is read (chunked, or a finished "
        "file of stated Content-Length) with the first byte within 1 s. Worker memory: the largest peak RSS of "
        "the two gunicorn workers during the export (`VmHWM`, reset just before through "
        "`/proc/<pid>/clear_refs`, and `VmRSS` sampled every 50 ms), in MB of 10⁶ bytes.",
        "- Cold start: a separate `gunicorn -c gunicorn.conf.py` launched (after `flask setup`, which is not "
        "timed), `/healthz` polled every 50 ms until it answers 200, then a profile page until it does; the "
        "target is judged on the profile page. Then stopped. Once a round.",
        "- Rounds are interleaved: every case runs on every engine in round 1, then every case again in the next "
        "round, and so on.",
        "",
        "## Data",
        "",
        "`flask setup`, `flask demo-data --mediators N`, then a year of log entries for every mediator who holds "
        "or held an accreditation (`bench/logs.py`); PostgreSQL was `VACUUM ANALYZE`d after the load, SQLite was "
        "not analysed (nothing in the register runs `ANALYZE`).",
        "",
        *_data_lines(facts),
        "",
        "## Every measurement",
        "",
        "In the order taken; load is the machine's one-minute load average just after (wrk and the servers "
        "count in it too: about 3 to 4 while a load case runs).",
        "",
        markdown(ROUND_HEADER, round_rows(samples)),
        "",
    ]
    return "\n".join(parts)
