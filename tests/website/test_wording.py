"""The words of every template: no "bodys" (plurals come from the vocabulary, never from adding an "s"),
and no double full stop. What the pages say once rendered is checked by the crawl
(``tests/test_crawl.py``, ``wording_problems``)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.test_crawl import wording_problems

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
# A full stop, then another, not part of "...", a path ("../") or a file name (".csv"); Jinja's "{{" and
# "}}" are blanked first so "{{ x }}." counts as text ending in a full stop.
DOUBLE_FULL_STOP = re.compile(r"(?<![.\w/])\.\.(?![./\w])|\w\.\s*\.(?=\s|<|$)")


def _templates() -> list[Path]:
    return sorted(TEMPLATES.rglob("*.html")) + sorted(TEMPLATES.rglob("*.txt"))


def test_there_are_templates_to_search() -> None:
    assert len(_templates()) > 100


@pytest.mark.parametrize("word", ["bodys", "}}s "])
def test_no_template_makes_a_plural_by_adding_an_s(word: str) -> None:
    found = [str(p.relative_to(TEMPLATES)) for p in _templates() if word in p.read_text(encoding="utf-8").lower()]
    assert found == []


def test_no_template_has_a_double_full_stop() -> None:
    found = []
    for path in _templates():
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            text = re.sub(r"\{[{%#].*?[}%#]\}", " ", line)  # the words, without Jinja
            if DOUBLE_FULL_STOP.search(text):
                found.append(f"{path.relative_to(TEMPLATES)}:{number}: {line.strip()}")
    assert found == []


@pytest.mark.parametrize(
    ("html", "problem"),
    [
        ("<main><p>Accrediting bodys (2)</p></main>", "bodys"),
        ("<main><p>Your request was sent.. Thank you.</p></main>", "double full stop"),
        ('<nav><a aria-current="page" href="/a">A</a><a aria-current="true" href="/b">B</a></nav>', "navigation"),
    ],
)
def test_the_crawl_notices_each_break(html: str, problem: str) -> None:
    assert any(problem in found for found in wording_problems(html))
    assert wording_problems("<main><p>Accrediting bodies… see ../docs and file.csv.</p></main>") == []
