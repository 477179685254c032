"""The field registry (``registry.domain.visibility``) gives every field of its records an audience:
a new column or relationship fails here until someone says who may see it."""

from __future__ import annotations

import pytest
from sqlalchemy import inspect

from registry.domain import visibility
from registry.domain.visibility import BODY, PUBLIC, NotShown
from registry.models import Mediator


@pytest.mark.parametrize("model", visibility.records(), ids=lambda model: model.__name__)
def test_every_field_of_a_record_has_an_audience(model) -> None:
    assert visibility.unclassified(model) == set(), (
        f"{model.__name__}: give these an audience in registry/domain/visibility.py (or remove the stale ones)"
    )


def test_every_column_of_the_mediator_is_classified() -> None:
    columns = set(inspect(Mediator).columns.keys())
    assert columns <= set(visibility.FIELDS[Mediator])
    assert {"home_address", "private_email", "private_phone"} <= set(visibility.unpublished(Mediator))


def test_a_column_with_no_audience_is_found(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delitem(visibility.FIELDS[Mediator], "bio")
    assert visibility.unclassified(Mediator) == {"bio"}
    with pytest.raises(NotShown, match=r"Mediator\.bio has no audience"):
        visibility.audience(Mediator, "bio")


def test_a_reader_that_names_a_field_its_audience_may_not_see_is_refused() -> None:
    assert visibility.public(Mediator, "display_name", "website") == ("display_name", "website")
    with pytest.raises(NotShown, match=r"Mediator\.home_address may not be shown to public"):
        visibility.public(Mediator, "display_name", "home_address")
    assert visibility.shown_to(BODY, Mediator, "home_address") == ("home_address",)


def test_audiences_run_from_the_widest_to_the_narrowest() -> None:
    assert list(visibility.Audience) == sorted(visibility.Audience)
    assert PUBLIC < visibility.LOCAL_AUTHORITY < BODY < visibility.PRIVATE
