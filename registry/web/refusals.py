"""Putting the domain's refusals beside the form answer they are about."""

from __future__ import annotations

from flask_wtf import FlaskForm

from registry.domain.errors import DomainError


def show_refusal(form: FlaskForm, error: DomainError, fallback: str) -> None:
    """Put the domain's message on the field it names (or on ``fallback``)."""
    field = form._fields.get(error.field or fallback) or form._fields[fallback]
    if not isinstance(field.errors, list):
        field.errors = list(field.errors)
    field.errors.append(str(error))
