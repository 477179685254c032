"""Text checks for the oversight operations; their refusals are the domain's ``Refused``."""

from __future__ import annotations

from registry.domain.errors import Refused

__all__ = ["Refused", "clean", "require_text"]


def clean(value: str | None) -> str:
    return (value or "").strip()


def require_text(value: str | None, field: str, message: str, limit: int = 5000) -> str:
    text = clean(value)
    if not text:
        raise Refused(field, message)
    if len(text) > limit:
        raise Refused(field, f"Keep this to {limit:,} characters or fewer")
    return text
