"""One page of a long list: the workspace tables, the public lists and the API's pages alike."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from sqlalchemy import Select, func, select

from registry.extensions import db

T = TypeVar("T")
PAGE_SIZE = 50
# The deepest page any list offers, on pages and in the API alike: deep offsets are slow, and the
# filters (or, for a whole copy, the change feed and the export) are the way to everything.
LAST_PAGE = 10_000


@dataclass(frozen=True)
class Page(Generic[T]):
    items: list[T]
    total: int
    page: int
    page_size: int = PAGE_SIZE

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.page_size))

    @property
    def has_more(self) -> bool:
        return self.page * self.page_size < self.total


def paginate(query: Select[T], page: int, page_size: int = PAGE_SIZE) -> Page[T]:
    """``query`` must already be ordered; counts once, fetches one page of scalars."""
    page = max(page, 1)
    total = db.session.scalar(select(func.count()).select_from(query.order_by(None).subquery())) or 0
    items = list(db.session.scalars(query.limit(page_size).offset((page - 1) * page_size)).unique())
    return Page(items, total, page, page_size)


def page_of(items: Sequence[T], page: int, page_size: int) -> Page[T]:
    """A page of a short list held in memory (reference lists, a mediator's history)."""
    start = (page - 1) * page_size
    return Page(list(items[start : start + page_size]), len(items), page, page_size)
