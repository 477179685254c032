"""``make bench``: the register at scale under gunicorn, against the ceiling of this machine.

    .venv/bin/python -m bench.run                      # 100,000 mediators, SQLite and PostgreSQL
    .venv/bin/python -m bench.run --quick              # 2,000 mediators, 2 s a case: a smoke run
    .venv/bin/python -m bench.run --only verify-api,export --engines sqlite --rounds 3

Builds (once, cached under /tmp: ``bench/data.py``) a register of N demo mediators with a year of
log entries each, on SQLite and in a throwaway PostgreSQL cluster; serves each copy under gunicorn
with ``gunicorn.conf.py`` as ``make serve`` does (with a Redis of its own), next to the ceiling app
(``bench/ceiling.py``: one row read with the bare driver, under the same gunicorn settings); then
measures every case on every engine, round after round, interleaved, and prints the table and
writes it with the machine's facts to ``bench/results.md``.

Cases: cold-start, verify-api and verify-spread (each with the ceiling), search-api, search-page, profile-page, mixed
(wrk: 16 connections, 2 threads, closed loop), bulk-check and export (a Python client, one request
at a time). Everything listens on 127.0.0.1 only; every process started is stopped by its pid.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from random import Random
from types import FrameType

from bench import clients, data, load, machine, results
from bench.probe import bulk_numbers
from bench.report import CASES, CEILING, LOAD_CASES, PAIRED_WITH_CEILING, REGISTER, TARGETS, Sample, add_ratios
from bench.services import (
    PG_BIN,
    PROJECT,
    REDIS_SERVER,
    VENV_BIN,
    Gunicorn,
    Redis,
    http_status,
    launch_gunicorn,
    start_redis,
    wait_for,
)

RATE_LIMIT = "1000000 per minute"  # high enough never to refuse a benchmark request; the limiter still runs
SEED = 20251215
MAX_NUMBERS_LISTED = 50_000  # more than one 10 s case asks for, even at the ceiling's rate
# What LA systems do all day: re-check the same mediators (their contractors). A working set this size is
# what "verify by number" is judged on; the 50,000-number spread is reported beside it.
HOT_NUMBERS = 100
# Families look through the mediators of their area: profile pages are judged on 1,000 of them.
BROWSED_NUMBERS = 1_000
REGISTER_CONFIG = "gunicorn.conf.py"
CEILING_CONFIG = "bench/ceiling_gunicorn.py"


@dataclass(frozen=True)
class Options:
    mediators: int
    duration: float
    rounds: int
    engines: tuple[str, ...]
    only: tuple[str, ...]
    bulk_requests: int
    warmup: float
    rebuild: bool
    output: Path
    quick: bool
    command: str


def parse_options(argv: list[str]) -> Options:
    parser = argparse.ArgumentParser(prog="make bench", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)  # fmt: skip
    parser.add_argument("--mediators", type=int, help="register size (default 100,000; 2,000 with --quick)")
    parser.add_argument("--duration", type=float, help="seconds of load per case and round (default 10; 2 quick)")
    parser.add_argument("--rounds", type=int, default=2, help="rounds, each case on each engine (default 2)")
    parser.add_argument("--engines", default="sqlite,postgresql", help="comma-separated: sqlite, postgresql")
    parser.add_argument("--only", default="", help=f"comma-separated cases: {', '.join(CASES)}")
    parser.add_argument("--bulk-requests", type=int, help="bulk checks per engine and round (default 20; 5 quick)")
    parser.add_argument("--quick", action="store_true", help="a smoke run: small register, short cases")
    parser.add_argument("--rebuild", action="store_true", help="rebuild the cached databases")
    parser.add_argument("--output", type=Path, help="default bench/results.md (bench/results-quick.md with --quick)")
    args = parser.parse_args(argv)
    engines = tuple(e.strip() for e in args.engines.split(",") if e.strip())
    only = tuple(c.strip() for c in args.only.split(",") if c.strip()) or CASES
    for name, allowed in (("engine", data.ENGINES), ("case", CASES)):
        wrong = [v for v in (engines if name == "engine" else only) if v not in allowed]
        if wrong:
            parser.error(f"unknown {name} {', '.join(wrong)}: choose from {', '.join(allowed)}")
    quick = bool(args.quick)
    duration = args.duration or (2.0 if quick else 10.0)
    return Options(
        mediators=args.mediators or (2000 if quick else 100_000),
        duration=duration,
        rounds=max(1, args.rounds),
        engines=engines,
        only=only,
        bulk_requests=args.bulk_requests or (5 if quick else 20),
        warmup=min(2.0, duration),
        rebuild=bool(args.rebuild),
        output=args.output or PROJECT / "bench" / ("results-quick.md" if quick else "results.md"),
        quick=quick,
        command="make bench" + (f" BENCH_ARGS={shlex.quote(' '.join(argv))}" if argv else ""),
    )


@dataclass
class Engine:
    """One engine's copy of the register, its servers and what the run asks them."""

    name: str
    directory: Path
    database_url: str = ""
    ceiling_database: str = ""
    redis: Redis | None = None
    register: Gunicorn | None = None
    ceiling: Gunicorn | None = None
    probe: dict[str, object] = field(default_factory=dict)
    requests: dict[str, Path] = field(default_factory=dict)
    setup_seconds: float = 0.0

    def environment(self) -> dict[str, str]:
        """What ``make serve`` needs, as an operator would set it, with rate limits out of the way."""
        inherited = {
            name: value
            for name, value in os.environ.items()
            if not name.startswith(("WEB_", "RATELIMIT_", "API_RATE_LIMIT_", "DEMO_", "BENCH_"))
            and name not in ("DATABASE_URL", "REDIS_URL", "BIND", "SECRET_KEY", "PUBLIC_BASE_URL", "EXPORT_PATH")
        }
        assert self.redis is not None
        return inherited | {
            "DATABASE_URL": self.database_url,
            "SECRET_KEY": secrets.token_urlsafe(48),
            "PUBLIC_BASE_URL": "https://bench.invalid",
            "REDIS_URL": self.redis.url,
            "WEB_CONCURRENCY": "2",
            "API_RATE_LIMIT_ANONYMOUS": RATE_LIMIT,
            "API_RATE_LIMIT_KEYED": RATE_LIMIT,
            "FLASK_APP": "registry",
            # The run's own export files, so the first export of every run builds its file.
            "EXPORT_PATH": str(self.directory / "exports"),
        }

    def launch_register(self, label: str) -> Gunicorn:
        return launch_gunicorn(f"register ({self.name}, {label})", REGISTER_CONFIG, self.environment(),
                               self.directory / f"gunicorn-{label}.log")  # fmt: skip

    def launch_ceiling(self) -> Gunicorn:
        environment = self.environment() | {"CEILING_DATABASE": self.ceiling_database}
        return launch_gunicorn(f"ceiling ({self.name})", CEILING_CONFIG, environment, self.directory / "ceiling.log")

    @property
    def first_profile(self) -> str:
        return f"/mediators/{self.public_numbers[0]}"

    @property
    def public_numbers(self) -> list[str]:
        return list(self.probe["public_numbers"])  # type: ignore[call-overload]


def say(text: str) -> None:
    print(f"[{datetime.now().strftime('%H:%M:%S')}] {text}", flush=True)


# Preparing ------------------------------------------------------------------------------------------


def ensure_data(options: Options) -> dict[str, dict[str, object]]:
    head = data.migrations_head()
    specs = {engine: data.DataSpec(engine, options.mediators, head) for engine in options.engines}
    for engine, spec in specs.items():
        if options.rebuild or not spec.cached():
            say(f"building the {engine} database of {options.mediators:,} mediators into {spec.directory} "
                "(once; later runs reuse it)")  # fmt: skip
    with ThreadPoolExecutor(max_workers=len(specs)) as pool:  # the two builds side by side
        futures = {engine: pool.submit(data.ensure, spec, options.rebuild) for engine, spec in specs.items()}
        metas = {engine: future.result() for engine, future in futures.items()}
    for engine, meta in metas.items():
        meta["cache"] = str(specs[engine].directory)
    return metas


def _write_requests(engine: Engine) -> None:
    """The request lists wrk cycles through: numbers on the public register (up to MAX_NUMBERS_LISTED) and
    every LA, shuffled."""
    rng = Random(SEED)
    numbers = engine.public_numbers
    rng.shuffle(numbers)
    numbers = numbers[:MAX_NUMBERS_LISTED]
    codes = list(engine.probe["local_authorities"])  # type: ignore[call-overload]
    rng.shuffle(codes)
    lists = {
        "verify-api": [f"GET /api/v1/mediators/{n}" for n in numbers[:HOT_NUMBERS]],
        "verify-api-ceiling": [f"GET /mediators/{n}" for n in numbers[:HOT_NUMBERS]],
        "verify-spread": [f"GET /api/v1/mediators/{n}" for n in numbers],
        "verify-spread-ceiling": [f"GET /mediators/{n}" for n in numbers],
        "search-api": [f"GET /api/v1/mediators?local_authority={code}&per_page=100" for code in codes],
        "search-page": [f"GET /mediators?local_authority={code}" for code in codes],
        "profile-page": [f"GET /mediators/{n}" for n in numbers[:BROWSED_NUMBERS]],
        "profile-spread": [f"GET /mediators/{n}" for n in numbers],
    }
    # Half profile pages, a quarter each search page and search API, in a fixed interleaving.
    mixed = []
    for index in range(BROWSED_NUMBERS):
        mixed.append(lists["profile-page"][index % len(lists["profile-page"])])
        search = "search-page" if index % 2 == 0 else "search-api"
        mixed.append(lists[search][(index // 2) % len(codes)])
    lists["mixed"] = mixed
    for name, lines in lists.items():
        path = engine.directory / f"requests-{name}.txt"
        path.write_text("\n".join(lines) + "\n")
        engine.requests[name] = path


def _run_step(command: list[str], environment: dict[str, str]) -> None:
    finished = subprocess.run(command, env=environment, cwd=PROJECT, capture_output=True, text=True, timeout=600)
    if finished.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{(finished.stdout + finished.stderr)[-3000:]}")


def prepare(engine: Engine, meta: dict[str, object], stack: ExitStack) -> None:
    """Copy the cached database, start its database server and Redis, run ``flask setup`` as
    ``make serve`` does, and probe it."""
    spec = data.DataSpec(engine.name, int(str(meta["mediators"])), str(meta["migration_head"]))
    if engine.name == "sqlite":
        path = data.sqlite_copy(spec, engine.directory)
        engine.database_url, engine.ceiling_database = f"sqlite:///{path}", str(path)
    else:
        cluster = data.postgresql_copy(spec, engine.directory)
        stack.callback(cluster.stop)  # by its pid file: nothing to do if it never started
        cluster.start()
        engine.database_url, engine.ceiling_database = cluster.url(), cluster.dsn()
        say(f"PostgreSQL on 127.0.0.1:{cluster.port} (pid {cluster.pid()}), data copied from the cache")
    engine.redis = start_redis()
    stack.callback(engine.redis.stop)
    started = time.monotonic()
    _run_step([str(VENV_BIN / "flask"), "--app", "registry", "setup"], engine.environment())
    engine.setup_seconds = time.monotonic() - started
    probe_file = engine.directory / "probe.json"
    _run_step([sys.executable, "-m", "bench.probe", engine.database_url, str(probe_file)], engine.environment())
    engine.probe = json.loads(probe_file.read_text())
    _write_requests(engine)


def start_servers(engine: Engine, stack: ExitStack) -> None:
    engine.register = engine.launch_register("measured")
    stack.callback(engine.register.stop)
    engine.ceiling = engine.launch_ceiling()
    stack.callback(engine.ceiling.stop)
    wait_for(engine.register, engine.first_profile)
    wait_for(engine.ceiling, "/healthz")
    say(f"{engine.name}: register on {engine.register.base_url} (pid {engine.register.process.pid}), "
        f"ceiling on {engine.ceiling.base_url} (pid {engine.ceiling.process.pid})")  # fmt: skip
    for name, path in engine.requests.items():  # every list's first requests must succeed, or nothing counts
        server = engine.ceiling if name.endswith("-ceiling") else engine.register
        for line in path.read_text().splitlines()[:3]:
            status = http_status(server.base_url + line.split()[1], timeout=60)
            if status != 200:
                raise RuntimeError(f"{server.name}: {line} answered {status}:\n{server.log_tail()}")


# Measuring ------------------------------------------------------------------------------------------


def _wrk_sample(case: str, engine: Engine, round_: int, server: Gunicorn, requests: Path, seconds: float,
                server_kind: str = REGISTER) -> Sample:  # fmt: skip
    # Each case and round starts somewhere else in the list (the register and its ceiling at the same
    # place), so a cache warmed by an earlier run is not handed the very same requests again.
    start = Random(f"{case} {round_}").randrange(1_000_000)
    result = load.run_wrk(server.base_url, requests, seconds, start)
    sample = Sample(case, engine.name, round_, server_kind, requests=result.requests, errors=result.errors)
    sample.metrics = {"per_second": result.per_second, "p50_ms": result.p50_ms, "p95_ms": result.p95_ms,
                      "p99_ms": result.p99_ms}  # fmt: skip
    return sample


def measure_load(case: str, engine: Engine, round_: int, seconds: float) -> list[Sample]:
    """One wrk run of the case; for the verify cases, the ceiling right next to it (first in even rounds)."""
    assert engine.register is not None and engine.ceiling is not None
    register = partial(_wrk_sample, case, engine, round_, engine.register, engine.requests[case], seconds)
    if case not in PAIRED_WITH_CEILING:
        return [register()]
    ceiling = partial(_wrk_sample, case, engine, round_, engine.ceiling, engine.requests[f"{case}-ceiling"], seconds,
                      CEILING)  # fmt: skip
    order = [register, ceiling] if round_ % 2 else [ceiling, register]
    return [run() for run in order]


def measure_bulk(engine: Engine, round_: int, count: int) -> Sample:
    assert engine.register is not None
    rng = Random(SEED + round_)
    everyone = list(engine.probe["all_numbers"])  # type: ignore[call-overload]
    bodies = [bulk_numbers(engine.public_numbers, everyone, rng) for _ in range(count)]
    timings = clients.bulk_checks(engine.register.base_url, str(engine.probe["api_key"]), bodies)
    statements = {int(k): v for k, v in engine.probe["bulk_check_statements"].items()}  # type: ignore[attr-defined]
    sample = Sample("bulk-check", engine.name, round_, requests=len(timings.seconds), errors=timings.errors,
                    note=f"{len(bodies[0]):,} numbers a request, one request at a time")  # fmt: skip
    sample.metrics = {
        "per_second": timings.per_second,
        "p50_ms": timings.ms(50),
        "p95_ms": timings.ms(95),
        "p99_ms": timings.ms(99),
        "statement_growth": statements[1000] - statements[10],
        **{f"statements_{size}": float(count) for size, count in statements.items()},
    }
    return sample


def measure_export(engine: Engine, round_: int) -> list[Sample]:
    """Once a round; the run's first export request builds the file of the register as it is (what the
    first request after every change does), the others are served that file."""
    assert engine.register is not None
    samples = []
    for case in ("export-build", "export") if round_ == 1 else ("export",):
        result = clients.export(engine.register)
        note = (
            f"{result.rows:,} rows, {result.bytes / 1e6:.1f} MB, first byte {result.first_byte_seconds:.2f} s, "
            f"{'chunked' if result.chunked else 'stated length'}, worker peak RSS "
            f"{result.peak_rss_kib * 1024 / 1e6:.0f} MB"
        )
        sample = Sample(case, engine.name, round_, requests=1, errors=int(result.status != 200), note=note)
        sample.metrics = {
            "seconds": result.seconds,
            "first_byte_seconds": result.first_byte_seconds,
            "chunked": float(result.chunked),
            "streamed": float(result.streamed),
            "rss_mb": result.peak_rss_kib * 1024 / 1e6,
            "rss_before_mb": result.rss_before_kib * 1024 / 1e6,
            "rows": float(result.rows),
            "bytes": float(result.bytes),
        }
        samples.append(sample)
    return samples


def measure_cold_start(engine: Engine, round_: int) -> Sample:
    health, page = clients.cold_start(lambda: engine.launch_register(f"cold-start-{round_}"), engine.first_profile)
    return Sample("cold-start", engine.name, round_, metrics={"seconds": page, "healthz_seconds": health}, requests=1,
                  note=f"gunicorn launched to first 200 on /healthz {health:.2f} s, then on {engine.first_profile} "
                  f"{page:.2f} s")  # fmt: skip


def describe(sample: Sample) -> str:
    m = sample.metrics
    if "per_second" in m and sample.case != "bulk-check":
        text = f"{m['per_second']:.1f} req/s, p50 {m['p50_ms']:.1f} ms, p95 {m['p95_ms']:.1f} ms"
    elif sample.case == "bulk-check":
        text = f"p50 {m['p50_ms']:.0f} ms, p95 {m['p95_ms']:.0f} ms over {sample.requests} checks"
    elif sample.case == "export":
        text = f"{m['seconds']:.2f} s; {sample.note}"
    else:
        text = f"{m['seconds']:.2f} s ({sample.note})"
    errors = f", {sample.errors} ERRORS" if sample.errors else ""
    return f"round {sample.round} {sample.case} {sample.engine} {sample.server}: {text}{errors}"


def _request_each_once(server: Gunicorn, requests: Path) -> None:
    """Every address of the list once, eight at a time: what a register between two changes has kept."""
    paths = sorted({line.split()[1] for line in requests.read_text().splitlines() if line.strip()})
    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(lambda path: http_status(server.base_url + path, timeout=60), paths))


def warm_up(engines: list[Engine], cases: list[str], seconds: float) -> None:
    """Before the first round: the judged cases' every address once (the register keeps each public
    answer until the next change, so a register in use answers these from what it kept; the first
    request for each after a change is what the 50,000-address cases show), the rest ``seconds`` of wrk."""
    say(f"warming up: every address of the judged load cases once, {seconds:.0f} s of wrk for the others "
        "and the ceilings (not measured)")  # fmt: skip
    judged = {target.case for target in TARGETS if not target.informational}
    for engine in engines:
        assert engine.register is not None and engine.ceiling is not None
        for case in cases:
            if case in judged:
                _request_each_once(engine.register, engine.requests[case])
            else:
                load.run_wrk(engine.register.base_url, engine.requests[case], seconds)
        for case in PAIRED_WITH_CEILING:
            if case in cases:
                load.run_wrk(engine.ceiling.base_url, engine.requests[f"{case}-ceiling"], seconds)


def measure(case: str, engine: Engine, round_: int, options: Options) -> list[Sample]:
    if case == "cold-start":
        return [measure_cold_start(engine, round_)]
    if case == "bulk-check":
        return [measure_bulk(engine, round_, options.bulk_requests)]
    if case == "export":
        return measure_export(engine, round_)
    return measure_load(case, engine, round_, options.duration)


def run_rounds(options: Options, engines: list[Engine]) -> list[Sample]:
    """Round after round, each case on each engine in turn."""
    loads = [case for case in LOAD_CASES if case in options.only]
    if loads:
        warm_up(engines, loads, options.warmup)
    samples: list[Sample] = []
    for round_ in range(1, options.rounds + 1):
        for case in [case for case in CASES if case in options.only]:
            for engine in engines:
                taken = measure(case, engine, round_, options)
                for sample in taken:
                    sample.load_average = os.getloadavg()[0]
                    say(describe(sample))
                samples += taken
    return samples


# The run --------------------------------------------------------------------------------------------


LAST_RUN_LOGS = data.CACHE / "last-run-logs"


def _clear_away(run_directory: Path) -> None:
    """Keep the servers' logs of the run (in LAST_RUN_LOGS, replacing the last run's); delete the rest."""
    shutil.rmtree(LAST_RUN_LOGS, ignore_errors=True)
    LAST_RUN_LOGS.mkdir(parents=True)
    for log in run_directory.glob("*/*.log"):
        shutil.copyfile(log, LAST_RUN_LOGS / f"{log.parent.name}-{log.name}")
    for log in run_directory.glob("postgresql/*/log"):
        shutil.copyfile(log, LAST_RUN_LOGS / "postgresql-server.log")
    shutil.rmtree(run_directory, ignore_errors=True)


def check_tools(options: Options) -> None:
    """Refuse to start without wrk, Redis, and (for PostgreSQL) the PostgreSQL 15 server binaries."""
    load.wrk_path()
    missing = [] if Path(REDIS_SERVER).exists() else ["redis-server (apt-get install redis-server)"]
    if "postgresql" in options.engines and not (PG_BIN / "initdb").exists():
        missing.append(f"PostgreSQL 15 in {PG_BIN} (apt-get install postgresql-15), or --engines sqlite")
    if missing:
        raise SystemExit("make bench needs " + "; ".join(missing))


def _stop_on_signal(signum: int, frame: FrameType | None) -> None:
    raise SystemExit(128 + signum)  # unwinds through the ExitStack, which stops every process started


def main(argv: list[str] | None = None) -> int:
    options = parse_options(sys.argv[1:] if argv is None else argv)
    signal.signal(signal.SIGTERM, _stop_on_signal)
    check_tools(options)
    started, load_before = time.monotonic(), machine.load_average()
    say(f"load average {load_before} on {machine.cpu()}")
    if os.getloadavg()[0] > (os.cpu_count() or 1):
        say("the machine is busy: the numbers will be low and noisy (the results say so)")
    metas = ensure_data(options)
    runs = data.CACHE / "runs"
    runs.mkdir(parents=True, exist_ok=True)
    run_directory = Path(tempfile.mkdtemp(prefix="run-", dir=runs))
    os.chmod(run_directory, 0o755)  # PostgreSQL, running as postgres, lives below it
    engines = [Engine(name, run_directory / name) for name in options.engines]
    load_during = machine.load_average()
    with ExitStack() as stack:
        stack.callback(_clear_away, run_directory)
        for engine in engines:
            engine.directory.mkdir()
            prepare(engine, metas[engine.name], stack)
            say(f"{engine.name}: {len(engine.public_numbers):,} mediators on the public register; "
                f"flask setup took {engine.setup_seconds:.1f} s")  # fmt: skip
        for engine in engines:
            start_servers(engine, stack)
        measured_from, load_during = time.monotonic(), machine.load_average()
        samples = run_rounds(options, engines)
        measured_seconds = time.monotonic() - measured_from
        settings = machine.gunicorn_settings(engines[0].environment())
    add_ratios(samples)
    facts = results.Facts(
        options_text=options.command,
        quick=options.quick,
        mediators=options.mediators,
        duration=options.duration,
        rounds=options.rounds,
        bulk_requests=options.bulk_requests,
        engines=options.engines,
        load_before=load_before,
        load_measuring=load_during,
        load_after=machine.load_average(),
        cpu=machine.cpu(),
        versions=machine.versions(),
        code=machine.code_version(),
        gunicorn=settings,
        rate_limit=RATE_LIMIT,
        data=metas,
        total_seconds=time.monotonic() - started,
        measured_seconds=measured_seconds,
        finished=datetime.now(UTC),
    )
    text = results.render(samples, facts)
    options.output.write_text(text)
    print()
    print(results.summary(samples, options.engines))
    print(f"\nWritten to {options.output} ({facts.total_seconds / 60:.1f} minutes in all); the servers' logs are in "
          f"{LAST_RUN_LOGS}.")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
