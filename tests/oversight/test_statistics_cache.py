"""The statistics are kept as one snapshot, shared by every choice, until the register or the returns change
(or it grows old); within a request there is one snapshot, so every figure of a page agrees."""

from __future__ import annotations

import re

import pytest

from registry.domain.oversight import returns
from registry.web.published import cache
from tests.oversight.conftest import BRADFORD, CAMDEN, LEEDS


@pytest.fixture
def caching(app, monkeypatch):
    monkeypatch.setattr(app, "testing", False)
    monkeypatch.setitem(app.config, "STATISTICS_CACHE_SECONDS", 300)
    monkeypatch.setattr(cache, "_kept", None)
    return app


@pytest.fixture
def taken(monkeypatch) -> list[int]:
    """One item per snapshot taken."""
    calls: list[int] = []
    real = cache.take_snapshot
    monkeypatch.setattr(cache, "take_snapshot", lambda: calls.append(1) or real())
    return calls


@pytest.fixture
def send(frozen_clock, factories):
    provider = factories.organisation(kind="mediation_provider")
    person = factories.person_with_role("provider", provider)

    def sending(la: str, held: int, quarter: int = 1) -> None:
        chose_and_held = {"mediation_chosen": held, "mediations_held": held}
        figures = dict.fromkeys(returns.FIGURE_LABELS, 0) | {"advice_contacts": 100} | chose_and_held
        returns.submit(provider, returns.ReturnInput(la, 2026, quarter, figures), person)

    return sending


_visits = iter(range(1_000_000))


def _held(client, region: str = "") -> dict[str, str]:
    """Advice contacts who chose mediation by area (as many as were held, here), from the take-up table of
    the page as the visitor sees it. Each visit asks with a query of its own, so the kept pages
    (``registry.fast_lane``) never answer for the view."""
    html = client.get(f"/statistics?year=2026&region={region}&visit={next(_visits)}").text
    table = html.split('id="mediation-take-up-table"')[1].split("</table>")[0]
    cells = re.findall(
        r'<th scope="row" class="govuk-table__header">([^<]+)</th>\s*<td[^>]*>([^<]+)</td>\s*<td[^>]*>([^<]+)', table
    )
    return {area: held for area, _advice, held in cells}


def test_one_snapshot_serves_every_choice_until_a_return_is_sent(caching, client, send, taken) -> None:
    send(LEEDS, 40)
    england, yorkshire = _held(client), _held(client, "E12000003")
    assert len(taken) == 1, "England's page and a region's come from one snapshot"
    assert england["Yorkshire and The Humber"] == yorkshire["Yorkshire and The Humber (all)"] == "40"
    _held(client)
    assert len(taken) == 1

    send(BRADFORD, 10)  # a return sent: a new revision, and the register's version moves on
    england, yorkshire = _held(client), _held(client, "E12000003")
    assert len(taken) == 2
    assert england["Yorkshire and The Humber"] == yorkshire["Yorkshire and The Humber (all)"] == "50"


def test_a_snapshot_grows_old(caching, client, send, taken, monkeypatch) -> None:
    seconds = [1_000.0]
    monkeypatch.setattr(cache, "_now", lambda: seconds[0])
    send(LEEDS, 40)
    _held(client)
    seconds[0] += 299
    _held(client)
    assert len(taken) == 1  # still fresh
    seconds[0] += 2
    _held(client)
    assert len(taken) == 2  # 301 seconds after it was taken


def test_a_request_keeps_its_one_snapshot(app, send, taken) -> None:
    send(LEEDS, 40)
    with app.test_request_context("/statistics"):
        first = cache.snapshot()
        send(CAMDEN, 7, quarter=2)  # a return arrives while the page is being made
        assert cache.snapshot() is first and len(taken) == 1


def test_tests_always_see_fresh_figures(client, send, taken) -> None:
    send(LEEDS, 40)
    _held(client)
    _held(client)
    assert len(taken) == 2
