"""Refusals that name the answer to correct, so forms can put the message beside the field."""

from __future__ import annotations

from registry.domain.errors import DomainError


class Refused(DomainError):
    """Nothing was changed; ``field`` names the form field the message belongs to."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


def clean(value: str | None) -> str:
    return (value or "").strip()


def require_text(value: str | None, field: str, message: str, limit: int = 5000) -> str:
    text = clean(value)
    if not text:
        raise Refused(field, message)
    if len(text) > limit:
        raise Refused(field, f"Keep this to {limit:,} characters or fewer")
    return text
