"""Finding what a page is about: the object the domain loads, or a 404 page when there is none."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from flask import abort

from registry.domain.errors import NotFound

T = TypeVar("T")


def found(load: Callable[..., T], *args: Any) -> T:
    """The object ``load`` finds, or a 404 page."""
    try:
        return load(*args)
    except NotFound:
        abort(404)
