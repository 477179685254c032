"""Samples, targets and the results table.

A ``Sample`` is one measurement: a case, an engine, a round, the server measured (the register or
the ceiling) and its numbers. The table has one row per target and engine, from the median over the
rounds of each number; the ratio to the ceiling is worked out per round (the register's req/s over
the ceiling's in the same round, measured next to it) and its median reported. A row whose
measurements had any error (a refused connection, a timeout, an answer of 400 or more) says ERROR,
whatever its numbers.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

REGISTER, CEILING = "register", "ceiling"


@dataclass
class Sample:
    case: str
    engine: str
    round: int
    server: str = REGISTER
    metrics: dict[str, float] = field(default_factory=dict)
    requests: int = 0
    errors: int = 0
    note: str = ""
    load_average: float = math.nan  # the machine's, over the last minute, when the sample was taken


@dataclass(frozen=True)
class Target:
    """``metric`` of case ``case`` must be at least (or at most) ``limit``, per engine if a mapping."""

    case: str
    label: str
    metric: str
    limit: float | Mapping[str, float]
    at_least: bool
    text: str

    @property
    def informational(self) -> bool:
        """Reported beside a target, not judged."""
        return self.text.startswith("(")

    def limit_for(self, engine: str) -> float:
        return self.limit[engine] if isinstance(self.limit, Mapping) else self.limit

    def describe(self, engine: str) -> str:
        return self.text.format(limit=_number(self.limit_for(engine)))

    def met(self, value: float, engine: str) -> bool:
        limit = self.limit_for(engine)
        return value >= limit if self.at_least else value <= limit


TARGETS = (
    Target("cold-start", "cold start", "seconds", 5, False, "first 200 ≤ {limit} s"),
    Target("verify-api", "verify by number (API), 100 numbers re-checked", "ratio", 0.6, True, "≥ 60% of ceiling"),
    Target("verify-spread", "verify by number (API), 50,000 numbers", "ratio", 0.6, True, "(for information)"),
    Target("search-api", "search by LA (API)", "p95_ms", 50, False, "p95 ≤ {limit} ms"),
    Target("search-page", "search by LA (page)", "p95_ms", 50, False, "p95 ≤ {limit} ms"),
    Target("profile-page", "profile page, 1,000 mediators browsed", "p95_ms", 30, False, "p95 ≤ {limit} ms"),
    Target("profile-spread", "profile page, 50,000 mediators", "p95_ms", 30, False, "(for information)"),
    Target("mixed", "mixed: profile + search", "per_second", {"sqlite": 140, "postgresql": 320}, True,
           "≥ {limit} req/s"),  # fmt: skip
    Target("bulk-check", "bulk check of 1,000", "p95_ms", 100, False, "p95 ≤ {limit} ms"),
    Target("bulk-check", "bulk check: SQL statements", "statement_growth", 0, False, "same for 10 and 1,000"),
    Target("export-build", "export: first after a change (builds the file)", "seconds", 60, False, "≤ {limit} s"),
    Target("export", "export: time", "seconds", 5, False, "≤ {limit} s"),
    Target("export", "export: streamed", "streamed", 1, True, "chunked or a stated length, first byte ≤ 1 s"),
    Target("export", "export: worker peak RSS", "rss_mb", 200, False, "≤ {limit} MB"),
)
LOAD_CASES = (  # wrk, 16 clients
    "verify-api",
    "verify-spread",
    "search-api",
    "search-page",
    "profile-page",
    "profile-spread",
    "mixed",
)
PAIRED_WITH_CEILING = ("verify-api", "verify-spread")
CASES = ("cold-start", *LOAD_CASES, "bulk-check", "export")


def percent(value: float) -> str:
    if math.isnan(value):
        return "–"
    return f"{value:.0%}" if value >= 0.095 else f"{value:.1%}"


def _number(value: float) -> str:
    if math.isnan(value):
        return "–"
    if value >= 100 or value == int(value):
        return f"{value:,.0f}"
    return f"{value:.1f}" if value >= 10 else f"{value:.2f}".rstrip("0").rstrip(".")


def add_ratios(samples: list[Sample]) -> None:
    """Each register sample of a load case, over the ceiling's req/s in the same engine and round."""
    ceiling = {(s.case, s.engine, s.round): s.metrics["per_second"] for s in samples if s.server == CEILING}
    for sample in samples:
        reference = ceiling.get((sample.case, sample.engine, sample.round))
        if sample.server == REGISTER and sample.case in LOAD_CASES and reference and "per_second" in sample.metrics:
            sample.metrics["ratio"] = sample.metrics["per_second"] / reference


@dataclass(frozen=True)
class Combined:
    """A case's samples on one engine and server, over the rounds."""

    samples: list[Sample]

    def median(self, metric: str) -> float:
        values = [s.metrics[metric] for s in self.samples if metric in s.metrics]
        return statistics.median(values) if values else float("nan")

    def spread(self, metric: str, show: Callable[[float], str] = _number) -> str:
        """The range over the rounds, in brackets (nothing for a single round)."""
        values = [s.metrics[metric] for s in self.samples if metric in s.metrics]
        if len(values) < 2:
            return ""
        return f" ({show(min(values))}–{show(max(values))})"

    @property
    def errors(self) -> int:
        return sum(s.errors for s in self.samples)


def combine(samples: Iterable[Sample]) -> dict[tuple[str, str, str], Combined]:
    grouped: dict[tuple[str, str, str], list[Sample]] = {}
    for sample in samples:
        grouped.setdefault((sample.case, sample.engine, sample.server), []).append(sample)
    return {key: Combined(found) for key, found in grouped.items()}


def _measured(target: Target, combined: Combined) -> str:
    value = combined.median(target.metric)
    if target.metric == "ratio":
        return percent(value) + combined.spread(target.metric, percent)
    if target.metric == "streamed":
        return (
            f"{'chunked' if combined.median('chunked') == 1 else 'stated length'}, first byte "
            f"{_number(combined.median('first_byte_seconds'))} s"
        )
    if target.metric == "statement_growth":
        counts = [combined.median(f"statements_{n}") for n in (10, 100, 1000)]
        return "/".join(_number(c) for c in counts) + " for 10/100/1,000"
    if target.metric == "rss_mb":
        return f"{_number(value)} MB (before: {_number(combined.median('rss_before_mb'))} MB)"
    if target.metric == "seconds" and target.case == "export":
        rows, megabytes = combined.median("rows"), combined.median("bytes") / 1e6
        return f"{_number(value)} s{combined.spread(target.metric)} for {rows:,.0f} rows, {_number(megabytes)} MB"
    unit = {"seconds": " s", "p95_ms": " ms", "per_second": " req/s"}.get(target.metric, "")
    return f"{_number(value)}{unit}{combined.spread(target.metric)}"


def verdict(target: Target, combined: Combined, engine: str) -> str:
    if combined.errors:
        return f"ERROR ({combined.errors} failed)"
    value = combined.median(target.metric)
    if math.isnan(value) or target.informational:
        return "–"
    return "PASS" if target.met(value, engine) else "MISS"


HEADER = ("case", "engine", "req/s", "p50 ms", "p95 ms", "p99 ms", "× ceiling", "measured", "target", "result")


def _load_columns(combined: Combined) -> list[str]:
    ratio = combined.median("ratio")
    return [
        _number(combined.median("per_second")),
        _number(combined.median("p50_ms")),
        _number(combined.median("p95_ms")),
        _number(combined.median("p99_ms")),
        percent(ratio),
    ]


def table_rows(samples: list[Sample], engines: Iterable[str]) -> list[list[str]]:
    """The summary table: one row per target and engine (and the ceiling after the verify rows)."""
    combined = combine(samples)
    rows = []
    for target in TARGETS:
        for engine in engines:
            found = combined.get((target.case, engine, REGISTER))
            if found is None:
                continue
            shown = target.metric not in ("statement_growth", "streamed", "rss_mb")
            numbers = _load_columns(found) if shown else ["", "", "", "", ""]
            rows.append([target.label, engine, *numbers, _measured(target, found), target.describe(engine),
                         verdict(target, found, engine)])  # fmt: skip
        if target.case in PAIRED_WITH_CEILING:
            for engine in engines:
                ceiling = combined.get((target.case, engine, CEILING))
                if ceiling is not None:
                    numbers = _load_columns(ceiling)[:4]
                    errors = f"ERROR ({ceiling.errors} failed)" if ceiling.errors else "–"
                    rows.append(["ceiling: bare driver, one row", engine, *numbers, "100%", "", "", errors])
    return rows


def round_rows(samples: list[Sample]) -> list[list[str]]:
    """Every measurement, in the order taken."""
    rows = []
    for s in samples:
        m = s.metrics
        ratio = m.get("ratio")
        rows.append([s.case, s.engine, s.server, str(s.round), _number(m.get("per_second", math.nan)),
                     _number(m.get("p50_ms", math.nan)), _number(m.get("p95_ms", math.nan)),
                     _number(m.get("p99_ms", math.nan)), "–" if ratio is None else percent(ratio),
                     f"{s.requests:,}", str(s.errors), f"{s.load_average:.1f}", s.note])  # fmt: skip
    return rows


ROUND_HEADER = ("case", "engine", "server", "round", "req/s", "p50 ms", "p95 ms", "p99 ms", "× ceiling", "requests",
                "errors", "load", "note")  # fmt: skip


def markdown(header: Iterable[str], rows: Iterable[list[str]]) -> str:
    header = list(header)
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    lines += ["| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |" for row in rows]
    return "\n".join(lines)
