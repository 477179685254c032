"""One vocabulary: a status has the same label on the pages, in the API and in the CSV files, and
the same meaning on the page and in the API (``registry.domain.statuses``)."""

from __future__ import annotations

import csv
import html
import io
import re

import pytest

from registry.domain import statuses
from tests.conftest import csrf_token_from

CASES = [
    ("accredited", {}),
    ("accredited_with_conditions", {"conditions": "Co-mediates with a senior mediator"}),
    ("suspended", {"status": "suspended"}),
]


def _text(page: str) -> str:
    """The words of a page, without its tags."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def _checked_csv(client, number: str) -> dict[str, str]:
    page = client.get("/check")
    results = client.post("/check", data={"csrf_token": csrf_token_from(page.text), "numbers": number})
    hidden = dict(re.findall(r'name="(numbers|as_at)" type="hidden" value="([^"]*)"', results.text))
    assert hidden.keys() == {"numbers", "as_at"}, results.text
    form = {name: html.unescape(value) for name, value in hidden.items()}
    download = client.post("/check/results.csv", data={"csrf_token": csrf_token_from(results.text), **form})
    return next(csv.DictReader(io.StringIO(download.text)))


@pytest.mark.parametrize(("code", "given"), CASES, ids=[code for code, _ in CASES])
def test_a_status_is_said_the_same_way_everywhere(client, on_register, code, given) -> None:
    words = statuses.MEDIATOR[code]
    name = f"Vocab {code.replace('_', ' ').title()}"
    mediator = on_register(name, **given)
    number = mediator.registration_number

    tag = f'<strong class="govuk-tag govuk-tag--{words.colour}">{words.label}</strong>'
    profile = client.get(f"/mediators/{number}").text
    assert tag in html.unescape(profile) and words.meaning in _text(profile)
    listed = client.get("/mediators", query_string={"q": name, "status": "any"}).text
    assert tag in html.unescape(listed) and words.meaning in _text(listed)

    status = client.get(f"/api/v1/mediators/{number}").json["status"]
    assert (status["status"], status["label"], status["explanation"]) == (code, words.label, words.meaning)

    assert _checked_csv(client, number)["status"] == words.label
    exported = csv.DictReader(io.StringIO(client.get("/api/v1/exports/register.csv").text))
    assert {row["registration_number"]: row["status_label"] for row in exported}[number] == words.label


def test_the_check_page_explains_every_outcome_in_the_same_words(client) -> None:
    text = _text(client.get("/check").text)
    for words in statuses.CHECK_OUTCOMES.values():
        assert f"{words.label} {words.meaning}" in text


@pytest.mark.parametrize("table", ["MEDIATOR", "CHECK_OUTCOMES", "ACCREDITATION", "PROGRAMME", "INDEPENDENCE"])
def test_every_status_is_explained_in_one_plain_sentence(table: str) -> None:
    for code, words in getattr(statuses, table).items():
        assert re.fullmatch(r"[A-Z][^.!?]*(?:\.(?=\S)[^.!?]*)*\.", words.meaning), f"{table}[{code}]: one sentence"
        assert len(words.meaning.split()) <= 25, f"{table}[{code}] is {len(words.meaning.split())} words"
