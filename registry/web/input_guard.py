"""Refuse page requests carrying NUL characters, before any view sees them.

PostgreSQL cannot store or compare text containing NUL (``\\x00``): a search for ``a%00b`` would
fail inside the database and show an error page. No one types a NUL, so a request with one in
its address, query string or form answers is refused here with a 400 that says what was wrong,
and nothing is read or changed. The API checks the same in its schemas (``SAFE_TEXT``), answering
422 with a pointer to the value, so it is left to them.
"""

from __future__ import annotations

from flask import Flask, request
from werkzeug.exceptions import BadRequest


class UnusableCharacter(BadRequest):
    """A 400 whose page says what was wrong (``explanation``), not only that something was."""

    explanation = (
        "Something you sent contains a character that cannot be used (a NUL character). Check what you entered."
    )


def _has_nul() -> bool:
    if "\x00" in request.path:
        return True
    values = [*request.args.values(), *request.args.keys()]
    if request.method == "POST" and request.mimetype in ("application/x-www-form-urlencoded", "multipart/form-data"):
        values += [*request.form.values(), *request.form.keys()]
    return any("\x00" in value for value in values)


def refuse_nul_characters() -> None:
    if not request.path.startswith("/api/") and _has_nul():
        raise UnusableCharacter()


def init_app(app: Flask) -> None:
    app.before_request(refuse_nul_characters)
