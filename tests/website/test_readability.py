"""Every public page reads at about age 9–11: a Flesch–Kincaid grade of 9 or below.

Which pages: every page a visitor reaches by following links over the demo register — the same crawl,
from the same starting pages, as ``tests/test_crawl.py`` (home, find, profiles, check, the guidance and
statements, statistics, standards, training, oversight, LA and provider pages, sign-in and its help).

What is measured: the register's own wording in the page's ``<main>`` — its headings, paragraphs,
list items, hints, labels, legends, captions and expandable summaries, each taken as one sentence
(a heading or a list item without a full stop is not run into the next). Left out, because they are
data rather than sentences and no rewording could change them:

- tables (names, numbers, dates, counts and the LA codes of the statistics and LA pages);
- summary lists (``<dl>``: a mediator's or provider's details, label by value: names, addresses,
  languages, dates);
- list items that are only a link (lists of local authorities, providers and mediators by name);
- anything marked ``data-readability="data"``: lists of records (search results of programmes, a
  provider's mediators with their numbers), text that a mediator, provider, body or the oversight panel
  wrote themselves (a provider's description, a published review), which the register shows as they
  wrote it, and the text of a published standards version, which never changes once published;
- visually hidden text, navigation, the footer, scripts and form controls;
- the lists of results marked ``register-results`` (mediators by name, with status and number).

Two kinds of page are not graded, each for a reason written in ``NOT_GRADED``: a published standards
version (the standards document itself, which never changes once published: plainer wording has to come
as a new version, through consultation) and the API reference (written for developers, rendered from the
OpenAPI description, which is the API's contract). The ``/standards`` page that introduces the
standards is graded.

The grade is textstat 0.7.3's ``flesch_kincaid_grade`` of that text (0.7.3 because it works
offline: later releases download nltk data when first used).
"""

from __future__ import annotations

import re
import warnings
from html.parser import HTMLParser

import pytest
from flask.testing import FlaskClient

with warnings.catch_warnings():  # textstat 0.7.3 imports pkg_resources, which warns that it is deprecated
    warnings.simplefilter("ignore")
    import textstat

from tests.test_crawl import VISITOR_STARTS, _crawl

HIGHEST_GRADE = 9.0
LONGEST_SENTENCE = 25  # words: most are far shorter; a longer one is split, or made a list
NOT_GRADED = {
    r"/standards/[a-z-]+/\d[\d.]*": "a published standards version: the document itself, unchanged once published",
    r"/api/v1/docs": "the API reference for developers, rendered from the OpenAPI description (the contract)",
}

_SKIPPED = {"table", "dl", "nav", "footer", "script", "style", "svg", "select", "textarea", "pre", "template"}
_BLOCKS = {
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "label", "legend", "caption", "summary", "div", "dt", "dd",
    "blockquote", "figcaption", "span", "br", "button", "strong",
}  # fmt: skip
_VOID = {"br", "img", "input", "hr", "meta", "link", "source", "wbr", "col", "area", "base", "embed", "track"}


class _MainText(HTMLParser):
    """The measured wording of a page's ``<main>``, as a list of units (each one sentence or more)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.units: list[str] = []
        self._main = 0
        self._skipping: list[str] = []  # the open tags whose content is left out
        self._open: list[str] = []
        self._current: list[str] = []
        self._li: list[tuple[list[str], list[str]]] = []  # for each open <li>: all its text, its links' text
        self._in_link = 0

    def _flush(self) -> None:
        text = " ".join("".join(self._current).split())
        self._current = []
        if re.search(r"[A-Za-z]", text):
            self.units.append(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID:
            if tag == "br" and self._main and not self._skipping:
                self._flush()
            return
        given = dict(attrs)
        classes = (given.get("class") or "").split()
        self._open.append(tag)
        if tag == "main":
            self._main += 1
        skip = (
            tag in _SKIPPED
            or "govuk-visually-hidden" in classes
            or given.get("data-readability") == "data"
            or "register-results" in classes
            or "hidden" in given
            or given.get("aria-hidden") == "true"
        )
        if self._skipping or skip:
            self._skipping.append(tag)
            return
        if not self._main:
            return
        if tag in _BLOCKS and tag not in ("span", "strong"):
            self._flush()
        if tag == "li":
            self._li.append(([], []))
        if tag == "a":
            self._in_link += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID or tag not in self._open:
            return
        while self._open:  # close anything left open inside (a forgiving parse of real HTML)
            opened = self._open.pop()
            self._close(opened)
            if opened == tag:
                break

    def _close(self, tag: str) -> None:
        if self._skipping:
            self._skipping.pop()
            return
        if tag == "main":
            self._flush()
            self._main -= 1
        if not self._main:
            return
        if tag == "a":
            self._in_link -= 1
        if tag == "li" and self._li:
            everything, linked = self._li.pop()
            if " ".join("".join(everything).split()) == " ".join("".join(linked).split()):
                self._current = []  # only a link: a name in a list, not a sentence
                return
        if tag in _BLOCKS and tag not in ("span", "strong"):
            self._flush()

    def handle_data(self, data: str) -> None:
        if not self._main or self._skipping:
            return
        self._current.append(data)
        for everything, linked in self._li:
            everything.append(data)
            if self._in_link:
                linked.append(data)


def measured_text(html: str) -> str:
    """The wording the grade is taken of: each unit ends as a sentence does."""
    parser = _MainText()
    parser.feed(html)
    parser.close()
    return " ".join(unit if unit[-1] in ".!?:" else f"{unit}." for unit in parser.units)


def grade(html: str) -> float:
    return float(textstat.flesch_kincaid_grade(measured_text(html)))


def long_sentences(html: str) -> list[str]:
    """The measured sentences (split as textstat counts them) longer than ``LONGEST_SENTENCE`` words."""
    sentences = re.findall(r"\b[^.!?]+[.!?]*", measured_text(html))
    return [sentence for sentence in sentences if len(sentence.split()) > LONGEST_SENTENCE]


def _public_pages(client: FlaskClient) -> dict[str, str]:
    """Every page the visitor's crawl reaches, less those ``NOT_GRADED`` (each must still be reached)."""
    pages, problems = _crawl(client, list(VISITOR_STARTS))
    assert problems == []
    for pattern in NOT_GRADED:
        assert any(re.fullmatch(pattern, path) for path in pages), f"the crawl no longer reaches {pattern}"
    return {path: html for path, html in pages.items() if not any(re.fullmatch(p, path) for p in NOT_GRADED)}


def test_the_measure_reads_only_the_registers_own_sentences() -> None:
    page = """<header><p>Service name and a very long navigation sentence about everything.</p></header>
    <main><h1>Find a mediator</h1><p>A mediator helps you talk.</p>
    <ul><li><a href="/x">Barnsley</a></li><li>You can <a href="/y">ask</a> for one.</li></ul>
    <table><tr><td>Metropolitan Borough Council of Extraordinarily Long Names</td></tr></table>
    <dl class="govuk-summary-list"><dt>Address</dt><dd>1 Long Road</dd></dl>
    <p data-readability="data">Words written by a provider.</p>
    <span class="govuk-visually-hidden">Hidden</span></main><footer><p>Footer words.</p></footer>"""
    assert measured_text(page) == "Find a mediator. A mediator helps you talk. You can ask for one."


@pytest.mark.slow
def test_every_public_page_reads_at_grade_9_or_below(client: FlaskClient, demo_register) -> None:
    grades = {path: grade(html) for path, html in _public_pages(client).items()}
    assert len(grades) > 20, sorted(grades)
    too_hard = {path: found for path, found in grades.items() if found > HIGHEST_GRADE}
    assert too_hard == {}, "\n".join(f"{found:5.1f}  {path}" for path, found in sorted(too_hard.items()))


@pytest.mark.slow
def test_no_public_page_has_a_sentence_of_more_than_25_words(client: FlaskClient, demo_register) -> None:
    """A grade is an average: one 40-word sentence can hide among short ones. So no single sentence of
    the measured wording is longer than ``LONGEST_SENTENCE`` words."""
    too_long = {path: found for path, html in _public_pages(client).items() if (found := long_sentences(html))}
    assert too_long == {}, "\n".join(f"{path}: {sentence}" for path, found in too_long.items() for sentence in found)
