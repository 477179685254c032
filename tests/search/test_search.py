"""Find a mediator: filters, default to currently accredited, pagination, constant query count."""

from __future__ import annotations

from contextlib import contextmanager
from datetime import date, timedelta

import pytest
from sqlalchemy import event

from registry.domain.local_authorities import find_local_authority
from registry.domain.search import MediatorSearch, UnknownLocalAuthority, search_mediators
from registry.extensions import db
from registry.models import MediatorFormat, MediatorLanguage, MediatorSpecialism

PREFIX = "Searchable"


@contextmanager
def count_queries():
    statements: list[str] = []

    def before(conn, cursor, statement, *args):  # type: ignore[no-untyped-def]
        statements.append(statement)

    engine = db.session.get_bind()
    event.listen(engine, "before_cursor_execute", before)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", before)


def _mediator(factories, name: str, la_code: str = "E08000039", status: str = "accredited", **kwargs):
    mediator = factories.mediator(display_name=f"{PREFIX} {name}")
    mediator.areas.append(find_local_authority(la_code))
    mediator.languages.append(MediatorLanguage(code=kwargs.get("language", "en")))
    mediator.formats.append(MediatorFormat(code=kwargs.get("format", "video")))
    mediator.specialisms.append(MediatorSpecialism(code=kwargs.get("specialism", "autism")))
    db.session.flush()
    factories.accreditation(mediator, status=status, **kwargs.get("accreditation", {}))
    return mediator


def _names(page) -> list[str]:
    return [r.mediator.display_name.removeprefix(PREFIX + " ") for r in page.results]


def test_default_is_currently_accredited_only(factories) -> None:
    _mediator(factories, "Ada")
    _mediator(factories, "Bea", status="suspended")
    _mediator(factories, "Cal", status="lapsed")
    overdue = {"valid_from": date.today() - timedelta(days=400), "valid_until": date.today() - timedelta(days=2)}
    _mediator(factories, "Dev", accreditation=overdue)  # expired but the daily job has not run yet
    assert _names(search_mediators(MediatorSearch(q=PREFIX))) == ["Ada"]
    assert _names(search_mediators(MediatorSearch(q=PREFIX, status="suspended"))) == ["Bea"]
    assert _names(search_mediators(MediatorSearch(q=PREFIX, status="any"))) == ["Ada", "Bea", "Cal", "Dev"]


def test_filters_combine(factories) -> None:
    _mediator(factories, "Ada", language="bfi", format="in_person", specialism="autism")
    _mediator(factories, "Bea", language="en", format="video", specialism="autism")
    _mediator(factories, "Cal", la_code="E09000001", language="bfi", format="in_person")
    assert _names(search_mediators(MediatorSearch(q=PREFIX, language="bfi"))) == ["Ada", "Cal"]
    assert _names(search_mediators(MediatorSearch(q=PREFIX, language="bfi", local_authority="E08000039"))) == ["Ada"]
    assert _names(search_mediators(MediatorSearch(q=PREFIX, format="video"))) == ["Bea"]
    assert _names(search_mediators(MediatorSearch(q=PREFIX, specialism="post_16"))) == []


def test_local_authority_by_former_and_dfe_code(factories) -> None:
    _mediator(factories, "Ada", la_code="E08000039")  # Sheffield
    for code in ("E08000039", "E08000019", "373"):
        page = search_mediators(MediatorSearch(q=PREFIX, local_authority=code))
        assert _names(page) == ["Ada"] and page.local_authority.name == "Sheffield"
    with pytest.raises(UnknownLocalAuthority):
        search_mediators(MediatorSearch(local_authority="E99999999"))


def test_search_by_registration_number_in_any_form(factories) -> None:
    mediator = _mediator(factories, "Ada")
    loose = mediator.registration_number.lower().replace("-", " ")
    assert _names(search_mediators(MediatorSearch(q=loose))) == ["Ada"]


def test_like_wildcards_in_names_are_literal(factories) -> None:
    _mediator(factories, "Ada")
    _mediator(factories, "100% Bea")
    assert _names(search_mediators(MediatorSearch(q="%"))) == ["100% Bea"]
    assert _names(search_mediators(MediatorSearch(q="_da"))) == []


def test_pagination_is_bounded_and_says_whether_there_is_more(factories) -> None:
    for i in range(7):
        _mediator(factories, f"Person {i}")
    first = search_mediators(MediatorSearch(q=PREFIX, per_page=5))
    second = search_mediators(MediatorSearch(q=PREFIX, per_page=5, page=2))
    assert first.total == 7 and first.has_more and first.pages == 2
    assert len(second.results) == 2 and not second.has_more
    with pytest.raises(ValueError):
        MediatorSearch(per_page=1000)


def test_query_count_does_not_grow_with_page_size(factories) -> None:
    for i in range(30):
        _mediator(factories, f"Person {i:02d}")
    db.session.expire_all()
    with count_queries() as small:
        search_mediators(MediatorSearch(q=PREFIX, per_page=3))
    db.session.expire_all()
    with count_queries() as large:
        page = search_mediators(MediatorSearch(q=PREFIX, per_page=30))
        for result in page.results:  # touching what the page shows must not query again
            _ = [a.name for a in result.mediator.areas], result.status.code
            _ = [x.code for x in result.mediator.languages + result.mediator.formats + result.mediator.specialisms]
            _ = [p.name for p in result.mediator.providers]
    assert len(page.results) == 30
    assert len(large) == len(small), (small, large)


def test_today_is_the_registers_uk_day_not_the_servers(factories, monkeypatch) -> None:
    from registry.domain import clock

    ends_today = {"valid_from": date.today() - timedelta(days=364), "valid_until": date.today()}
    _mediator(factories, "Eve", accreditation=ends_today)
    assert _names(search_mediators(MediatorSearch(q=PREFIX))) == ["Eve"]
    # Just after midnight in the UK during summer time the server's UTC date is still yesterday.
    monkeypatch.setattr(clock, "today", lambda: date.today() + timedelta(days=1))
    assert _names(search_mediators(MediatorSearch(q=PREFIX))) == []
