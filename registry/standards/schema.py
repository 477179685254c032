"""Typed field readers shared by the family schemas.

Each reader takes a mapping from the file, the mapping's location and a field name, returns a
value of the right type (or a harmless default) and records a ``Problem`` for anything missing or
malformed, so that one pass over a file reports every problem in it rather than only the first.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from registry.standards.model import CONSULTATION, PUBLISHED, Consultation, Question
from registry.standards.problems import Problem
from registry.standards.source import Source, child

SNAKE_CODE = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
VERSION = re.compile(r"^\d+\.\d+$")
_MISSING = object()


class Fields:
    """Reads fields out of one file's data; ``problems`` collects everything found wrong."""

    def __init__(self, source: Source) -> None:
        self.source = source
        self.problems: list[Problem] = []

    def problem(self, location: str, message: str) -> None:
        self.problems.append(Problem(self.source.file, location, message, self.source.line_of(location)))

    def block(self, value: Any, location: str, allowed: set[str]) -> Mapping[str, Any]:
        """``value`` as a mapping (empty when it is not one), reporting fields the schema does not know."""
        if not isinstance(value, dict):
            self.problem(location, f"expected a block of fields ({', '.join(sorted(allowed))}), found {_kind(value)}")
            return {}
        for key in value:
            if key not in allowed:
                expected = ", ".join(sorted(allowed))
                self.problem(child(location, str(key)), f"unknown field '{key}'; expected one of: {expected}")
        return value

    def blocks(
        self, parent: Mapping[str, Any], location: str, key: str, allowed: set[str], required: bool = True
    ) -> Iterator[tuple[str, Mapping[str, Any]]]:
        """Each mapping in the list ``parent[key]``, with its location."""
        items = self._value(parent, location, key, required, default=[])
        if items is _MISSING:
            return
        if not isinstance(items, list):
            self.problem(child(location, key), f"expected a list, found {_kind(items)}")
            return
        if required and not items:
            self.problem(child(location, key), "the list is empty; add at least one entry")
        for index, item in enumerate(items):
            item_location = child(child(location, key), index)
            yield item_location, self.block(item, item_location, allowed)

    def text(self, parent: Mapping[str, Any], location: str, key: str, required: bool = True) -> str:
        value = self._value(parent, location, key, required, default="")
        if value is _MISSING:
            return ""
        if not isinstance(value, str) or (required and not value.strip()):
            self.problem(child(location, key), f"expected some text, found {_kind(value)}")
            return ""
        return " ".join(value.split())

    def texts(self, parent: Mapping[str, Any], location: str, key: str, required: bool = True) -> tuple[str, ...]:
        values = self._value(parent, location, key, required, default=[])
        if values is _MISSING:
            return ()
        if not isinstance(values, list) or (required and not values):
            self.problem(child(location, key), f"expected a list of text entries, found {_kind(values)}")
            return ()
        result = []
        for index, value in enumerate(values):
            if isinstance(value, str) and value.strip():
                result.append(" ".join(value.split()))
            else:
                self.problem(child(child(location, key), index), f"expected some text, found {_kind(value)}")
        return tuple(result)

    def code(self, parent: Mapping[str, Any], location: str, pattern: re.Pattern[str], example: str) -> str:
        value = self._value(parent, location, "code", True, default="")
        if value is _MISSING:
            return ""
        if not isinstance(value, str) or not pattern.match(value):
            self.problem(
                child(location, "code"), f"{_show(value)} is not a valid code here; expected one like {example}"
            )
            return ""
        return value

    def hours(self, parent: Mapping[str, Any], location: str, key: str, required: bool = True) -> Decimal | None:
        value = self._value(parent, location, key, required, default=None)
        if value is _MISSING or (value is None and not required):
            return None
        number = _decimal(value)
        if number is None:
            self.problem(child(location, key), f"hours must be a number such as 3 or 2.5, not {_show(value)}")
        elif number < 0:
            self.problem(child(location, key), f"hours cannot be negative (found {value})")
        return number

    def whole_number(self, parent: Mapping[str, Any], location: str, key: str, minimum: int = 1) -> int:
        value = self._value(parent, location, key, True, default=minimum)
        if value is _MISSING:
            return minimum
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            self.problem(child(location, key), f"expected a whole number of at least {minimum}, found {_show(value)}")
            return minimum
        return value

    def flag(self, parent: Mapping[str, Any], location: str, key: str) -> bool:
        value = self._value(parent, location, key, True, default=False)
        if value is _MISSING:
            return False
        if not isinstance(value, bool):
            self.problem(child(location, key), f"expected true or false, found {_show(value)}")
            return False
        return value

    def day(self, parent: Mapping[str, Any], location: str, key: str) -> date:
        value = self._value(parent, location, key, True, default=date.min)
        if value is _MISSING:
            return date.min
        if isinstance(value, str):
            try:
                value = date.fromisoformat(value)
            except ValueError:
                pass
        if not isinstance(value, date) or isinstance(value, datetime):
            self.problem(child(location, key), f"expected a date like 2026-11-27, found {_show(value)}")
            return date.min
        return value

    def version(self, parent: Mapping[str, Any], location: str, key: str, required: bool = True) -> str:
        value = self._value(parent, location, key, required, default="")
        if value is _MISSING:
            return ""
        if isinstance(value, float | int) and not isinstance(value, bool):
            self.problem(
                child(location, key), f'write the version in quotes, like "{value}", so 1.10 is not read as 1.1'
            )
            return str(value)
        if not isinstance(value, str) or not VERSION.match(value):
            self.problem(child(location, key), f'expected a version like "1.0", found {_show(value)}')
            return ""
        return value

    def _value(self, parent: Mapping[str, Any], location: str, key: str, required: bool, default: Any) -> Any:
        if key in parent:
            return parent[key]
        if required:
            self.problem(child(location, key), "this field is required but is missing")
        return _MISSING if required else default


def _decimal(value: Any) -> Decimal | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def _kind(value: Any) -> str:
    if isinstance(value, str):
        return "empty text" if not value.strip() else f"text {_show(value)}"
    return {dict: "a block of fields", list: "a list", type(None): "an empty value"}.get(type(value), _show(value))


def _show(value: Any) -> str:
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= 40 else text[:37] + "..."


def reference(fields: Fields, parent: Mapping[str, Any], location: str, key: str, known: set[str], what: str) -> str:
    """A code that must name one of ``known`` (a kind or category declared elsewhere in the file)."""
    value = fields.text(parent, location, key)
    if value and value not in known:
        fields.problem(child(location, key), f"unknown {what} '{value}'; expected one of: {', '.join(sorted(known))}")
        return ""
    return value


HEADER = {"family", "version", "title", "published_on", "summary", "status", "consultation"}
STATUSES = (PUBLISHED, CONSULTATION)
QUESTION_CODE = re.compile(r"^Q\d+$")


def header(fields: Fields, top: Mapping[str, Any]) -> dict[str, Any]:
    """The ``Document`` fields every family file starts with (``status`` and ``consultation``: see
    ``Document``; a draft must have a consultation block, and only a draft may)."""
    status = fields.text(top, "", "status", required=False) or PUBLISHED
    if status not in STATUSES:
        fields.problem("status", f"'{status}' is not a status; expected one of: {', '.join(STATUSES)}")
    published_on = fields.day(top, "", "published_on")
    consultation = None
    if status == CONSULTATION:
        consultation = _consultation(fields, top, published_on)
    elif "consultation" in top:
        fields.problem("consultation", "only a draft (status: consultation) has a consultation block")
    return {
        "family": fields.text(top, "", "family"),
        "version": fields.version(top, "", "version"),
        "title": fields.text(top, "", "title"),
        "published_on": published_on,
        "summary": fields.text(top, "", "summary"),
        "status": status,
        "consultation": consultation,
    }


def _consultation(fields: Fields, top: Mapping[str, Any], published_on: date) -> Consultation | None:
    if "consultation" not in top:
        fields.problem("consultation", "a draft needs a consultation block (opens_on, closes_on, summary, questions)")
        return None
    block = fields.block(top["consultation"], "consultation", {"opens_on", "closes_on", "summary", "questions"})
    opens_on, closes_on = fields.day(block, "consultation", "opens_on"), fields.day(block, "consultation", "closes_on")
    if opens_on > closes_on:
        fields.problem("consultation.closes_on", f"the consultation closes ({closes_on}) before it opens ({opens_on})")
    if date.min < published_on <= closes_on:
        message = f"a draft is proposed for publication after its consultation closes ({closes_on}), not {published_on}"
        fields.problem("published_on", message)
    questions = tuple(
        Question(fields.code(item, location, QUESTION_CODE, "Q1"), fields.text(item, location, "text"))
        for location, item in fields.blocks(block, "consultation", "questions", {"code", "text"}, required=False)
    )
    summary = fields.text(block, "consultation", "summary")
    return Consultation(opens_on=opens_on, closes_on=closes_on, summary=summary, questions=questions)
