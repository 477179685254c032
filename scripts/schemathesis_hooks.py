"""Hooks for an outside schemathesis run against the register: the rules the spec states in words
that JSON Schema cannot (a registration number's ISO 7064 MOD 11-2 check character; LA codes that
exist; dates not in the future), written from the README, not imported from the project."""

from datetime import date

import schemathesis
from hypothesis import strategies as st


def check(digits: str) -> str:
    total = 0
    for ch in digits:
        total = (total + int(ch)) * 2
    value = (12 - total % 11) % 11
    return "X" if value == 10 else str(value)


def number(prefix: str, serial: int) -> str:
    digits = f"{serial:06d}"
    return f"{prefix}-{digits}-{check(digits)}"


mediators = st.one_of(st.sampled_from([1, 2, 4, 5, 6]), st.integers(1, 999_999)).map(lambda n: number("SM", n))
schemathesis.openapi.format("registration-number", mediators)
schemathesis.openapi.format(
    "programme-reference", st.one_of(st.sampled_from([1, 2]), st.integers(1, 999_999)).map(lambda n: number("TP", n))
)
schemathesis.openapi.format(
    "local-authority-code", st.sampled_from(["E08000039", "E08000019", "373", "E09000001", "201", "E06000001", "805"])
)
schemathesis.openapi.format("date", st.dates(date(2000, 1, 1), date.today()).map(date.isoformat))
# A `where` names one English LA (the README's "Where" section): postcodes, districts, towns, councils.
schemathesis.openapi.format(
    "place", st.sampled_from(["S10 2TN", "cb2 1tn", "S10", "TR21 0HE", "Sheffield City Council", "sheffeild", "373"])
)
schemathesis.openapi.media_type(
    "text/csv",
    st.lists(
        st.one_of(mediators, st.from_regex(r"[A-Za-z0-9 -]{0,19}[A-Za-z0-9]", fullmatch=True)), min_size=1, max_size=20
    )
    .flatmap(lambda rows: st.sampled_from(["\n".join(rows), "registration_number\n" + "\n".join(rows)]))
    .map(lambda text: text.encode("utf-8")),
)


# A date to check cannot be after today (the spec says so in words): clamp generated dates.
def _clamp(value):
    if isinstance(value, str) and len(value) == 10 and value[4] == "-":
        try:
            return min(date.fromisoformat(value), date.today()).isoformat()
        except ValueError:
            return value
    return value


@schemathesis.hook
def map_query(ctx, query):
    if not isinstance(query, dict):
        return query
    if "where" in query:  # a search says where one way, not both
        query.pop("local_authority", None)
    return {name: _clamp(value) for name, value in query.items()}


@schemathesis.hook
def map_body(ctx, body):
    if isinstance(body, dict) and "as_at" in body:
        return {**body, "as_at": _clamp(body["as_at"])}
    return body
