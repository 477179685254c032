"""Parameters for GOV.UK's pagination component, shared by the register's paged lists."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import url_for

from registry.domain.paging import Page


def pagination(page: int, pages: int, url_for_page: Callable[[int], str]) -> dict[str, object] | None:
    """``govukPagination`` params: previous, next and numbered links with ellipses; None for one page."""
    if pages <= 1:
        return None
    shown = sorted({1, pages, page - 1, page, page + 1} & set(range(1, pages + 1)))
    items: list[dict[str, object]] = []
    for position, number in enumerate(shown):
        if position and number - shown[position - 1] > 1:
            items.append({"ellipsis": True})
        items.append({"number": number, "href": url_for_page(number), "current": number == page})
    params: dict[str, object] = {"items": items, "landmarkLabel": "Pages of results"}
    if page > 1:
        params["previous"] = {"href": url_for_page(page - 1)}
    if page < pages:
        params["next"] = {"href": url_for_page(page + 1)}
    return params


def page_links(page: Page[Any], endpoint: str, **args: Any) -> dict[str, object] | None:
    """``pagination`` for ``page`` of the list at ``endpoint`` (``args``: the list's other query arguments)."""
    return pagination(page.page, page.pages, lambda number: url_for(endpoint, page=number, **args))
