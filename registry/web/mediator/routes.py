"""The mediator workspace blueprint: importing the page modules registers their routes."""

from registry.web.mediator import compliance, declarations, log, portability, profile, providers, renewal  # noqa: F401
from registry.web.mediator.blueprint import bp

__all__ = ["bp"]
