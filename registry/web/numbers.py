"""Whole numbers from addresses and forms, within what the database can hold.

``int(text)`` on anything digit-like is not enough: ``²`` is a digit to Python but not a number,
and ``99999999999999999999`` is a number no database column holds (SQLite and PostgreSQL both
fail on it). Every page number, id and version read from a request goes through here.
"""

from __future__ import annotations

from typing import Any

from flask import request
from werkzeug.routing import IntegerConverter

from registry.domain.paging import LAST_PAGE

LARGEST = 2**31 - 1  # fits every integer column on both databases


def whole_number(text: object) -> int | None:
    """The number written in ``text`` (ASCII digits only), or None if it is not one or is too large."""
    written = str(text if text is not None else "").strip()
    if not (written.isascii() and written.isdigit()) or len(written) > len(str(LARGEST)):
        return None
    value = int(written)
    return value if value <= LARGEST else None


def page_requested(name: str = "page") -> int:
    """The page asked for in the query string: 1 when missing or not a number, at most LAST_PAGE."""
    return min(max(whole_number(request.args.get(name)) or 1, 1), LAST_PAGE)


class BoundedInt(IntegerConverter):
    """``<int:…>`` in page addresses, refusing (404) numbers larger than any id the database holds."""

    def __init__(self, map: Any, *args: Any, **kwargs: Any) -> None:  # noqa: A002 (werkzeug's name)
        kwargs.setdefault("max", LARGEST)
        super().__init__(map, *args, **kwargs)
