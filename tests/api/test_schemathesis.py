"""schemathesis against the app: every operation, positive and negative data, every check.

What the generator is told beyond the OpenAPI document (each is a rule the document states in
words but JSON Schema cannot express):

- ``registration-number`` and ``programme-reference``: a number is only well formed when its check
  character is right, so values are drawn as real numbers (some on the register, most not);
  anything else is a 422 by contract (test_mediators_api.py).
- ``local-authority-code``: real LA codes (current GSS, former GSS, DfE), since any other
  well-formed code is an unknown LA (a 422 the tests in test_mediators_api.py cover).
- ``place`` (``where``): postcodes, districts and names that are one English LA, since any other
  text is refused (a 422 test_mediators_where.py covers); and ``where`` is sent without
  ``local_authority``, as its description says.
- ``date``: dates up to today, since a date in the future is refused by contract (covered in
  test_mediators_api.py and test_checks_api.py).
- ``text/csv``: one to 20 lines of numbers and other words, with and without a header (a file
  with no numbers at all is refused by contract, and covered in test_checks_api.py).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from schemathesis.checks import CHECKS, is_check_class, load_all_checks

from registry.domain import clock
from registry.domain.registration_numbers import format_number

SERIALS = (4217, 4218, 4219, 4220)  # the mediators the fixture puts on the register
LA_CODES = ("E08000039", "E08000019", "373", "E09000001", "201", "E06000001", "805")

numbers = st.one_of(
    st.sampled_from(SERIALS).map(lambda n: format_number("SM", n)),
    st.integers(1, 999_999).map(lambda n: format_number("SM", n)),
)
schemathesis.openapi.format("registration-number", numbers)
schemathesis.openapi.format("programme-reference", st.integers(1, 999_999).map(lambda n: format_number("TP", n)))
schemathesis.openapi.format("local-authority-code", st.sampled_from(LA_CODES))
schemathesis.openapi.format("date", st.dates(date(2000, 1, 1), clock.today()).map(date.isoformat))
PLACES = ("S10 2TN", "cb2 1tn", "S10", "TR21 0HE", "Sheffield City Council", "sheffeild", "Hartlepool", "373")
schemathesis.openapi.format("place", st.sampled_from(PLACES))
schemathesis.openapi.media_type(
    "text/csv",
    st.lists(
        st.one_of(numbers, st.from_regex(r"[A-Za-z0-9 -]{0,19}[A-Za-z0-9]", fullmatch=True)), min_size=1, max_size=20
    )
    .flatmap(lambda rows: st.sampled_from(["\n".join(rows), "registration_number\n" + "\n".join(rows)]))
    .map(lambda text: text.encode("utf-8")),
)

load_all_checks()


@schemathesis.hook
def map_query(ctx, query):  # type: ignore[no-untyped-def]
    """A search says where one way: by ``where`` or by ``local_authority``, not both."""
    if isinstance(query, dict) and "where" in query:
        query.pop("local_authority", None)
    return query

ALL_CHECKS = [check for check in CHECKS.get_all() if not is_check_class(check)]
# The committed contract (test_openapi_snapshot.py proves the app serves exactly this document).
schema = schemathesis.openapi.from_path(Path(__file__).with_name("openapi-snapshot.json"))
KEY: dict[str, str] = {}  # the LA key the current test made


@schema.auth(refresh_interval=None)
class LocalAuthorityKey:
    """The key, sent through schemathesis's auth so its negative cases can leave it out on purpose."""

    def get(self, case, context):  # type: ignore[no-untyped-def]
        return KEY.get("token", "smr_not-set-until-the-fixture-runs")

    def set(self, case, data, context):  # type: ignore[no-untyped-def]
        case.headers = case.headers or {}
        case.headers["Authorization"] = f"Bearer {data}"


@pytest.fixture
def register(factories, la_organisation, api_key, registered) -> str:
    """A small register (one mediator in each of several statuses) and an LA key for the auth above."""
    statuses = ("accredited", "suspended", "lapsed", "withdrawn")
    for serial, status in zip(SERIALS, statuses, strict=True):
        registered(f"Fuzzed {status}", status=status, registration_number=format_number("SM", serial))
    KEY["token"] = api_key(la_organisation("E08000039")).token
    return KEY["token"]


@schema.parametrize()
@settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
def test_the_api_conforms_to_its_own_contract(case, app, register) -> None:  # type: ignore[no-untyped-def]
    case.operation.schema.app = app  # the session's app: checks that send probes of their own use it too
    case.call_and_validate(app=app, checks=ALL_CHECKS)


def test_journeys_along_the_specs_links_conform_too(app, register) -> None:  # type: ignore[no-untyped-def]
    """The stateful phase: schemathesis follows the spec's links (search → mediator → status and
    history; a stored check → that check) and checks every answer on the way."""
    schema.app = app
    journeys = schema.as_state_machine()
    assert journeys.bundles, "the spec declares no links to follow"  # type: ignore[attr-defined]
    journeys.run(
        settings=settings(
            max_examples=10,
            stateful_step_count=5,
            deadline=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
        )
    )
