"""The one way a view puts a message on a form: beside the answer it is about (and so in the error summary).

- ``show_refusal``: a domain refusal, on the field it names (``DomainError.field``) or on ``fallback``.
- ``show_problems``: several problems (``field``, ``message``) at once, each on its own field.
- ``show_message``: a message of the view's own on one field, such as "Choose a file".
"""

from __future__ import annotations

from collections.abc import Iterable

from flask_wtf import FlaskForm
from wtforms import Field

from registry.domain.errors import DomainError


def _add(field: Field, message: str) -> None:
    field.errors = [*field.errors, message]


def show_message(form: FlaskForm, field_name: str, message: str) -> None:
    """Add ``message`` to the errors of the form's field ``field_name``."""
    _add(form._fields[field_name], message)


def show_refusal(form: FlaskForm, error: DomainError, fallback: str) -> None:
    """Put the domain's message on the field it names (or on ``fallback``)."""
    _add(form._fields.get(error.field or fallback) or form._fields[fallback], str(error))


def show_problems(form: FlaskForm, problems: Iterable[object], fallback: str) -> None:
    """Put domain problems (``field``, ``message``) on the form's fields; unknown fields go on ``fallback``.

    A field that already shows an error keeps just that one, so nothing is said twice.
    """
    for problem in problems:
        name = getattr(problem, "field", None)
        field = form._fields.get(name) if name else None
        field = field or form._fields[fallback]
        if not field.errors:
            field.errors = [getattr(problem, "message", str(problem))]
