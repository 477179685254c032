"""Refuse page requests with a NUL character in their address or query string, before any view sees them.

PostgreSQL cannot store or compare text containing NUL (``\\x00``): a search for ``a%00b`` would
fail inside the database and show an error page. No one types a NUL into an address, and a query
string has no field to put a message beside, so such a request is refused here with a 400 that
says what was wrong, and nothing is read or changed.

Form answers are not refused here: every page form derives from ``registry.web.forms.RegisterForm``,
which makes a NUL (or any other control character) in an answer an error of that field, and the
CSV uploads name the row and column (``registry.domain.csv_cells``). The API checks the same in
its schemas (``PlainText``), answering 422 with a pointer to the value, so it is left to them.
"""

from __future__ import annotations

from flask import Flask, request
from werkzeug.exceptions import BadRequest


class UnusableCharacter(BadRequest):
    """A 400 whose page says what was wrong (``explanation``), not only that something was."""

    explanation = (
        "The address you asked for contains a character that cannot be used (a NUL character). "
        "Check the link or what you entered."
    )


def _has_nul() -> bool:
    if "\x00" in request.path:
        return True
    return any("\x00" in key or "\x00" in value for key, value in request.args.items(multi=True))


def refuse_nul_characters() -> None:
    if not request.path.startswith("/api/") and _has_nul():
        raise UnusableCharacter()


def init_app(app: Flask) -> None:
    app.before_request(refuse_nul_characters)
