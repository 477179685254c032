"""Helpers the oversight, concern-handling, returns and actions pages share."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from flask import abort
from flask_wtf import FlaskForm

from registry.domain.errors import DomainError, NotFound
from registry.domain.oversight.errors import Refused
from registry.web.numbers import page_requested

T = TypeVar("T")


def found(load: Callable[..., T], *args: Any) -> T:
    """The object ``load`` finds, or a 404 page."""
    try:
        return load(*args)
    except NotFound:
        abort(404)


def show_refusal(form: FlaskForm, error: DomainError, fallback: str) -> None:
    """Put the domain's message on the field it names (or on ``fallback``)."""
    name = error.field if isinstance(error, Refused) else fallback
    field = form._fields.get(name) or form._fields[fallback]
    if not isinstance(field.errors, list):
        field.errors = list(field.errors)
    field.errors.append(str(error))


def page_number() -> int:
    return page_requested()
