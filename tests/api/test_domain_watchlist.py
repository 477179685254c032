"""An LA's watchlist: add by number, remove, list with current status, who watches whom."""

from __future__ import annotations

import pytest

from registry.domain import watchlist
from registry.domain.errors import DomainError, NotFound
from registry.domain.registration_numbers import InvalidRegistrationNumber, format_number
from tests.api.conftest import count_queries


def test_add_list_and_remove(registered, la_organisation, factories) -> None:
    organisation = la_organisation()
    officer = factories.person_with_role("la_officer", organisation)
    bea, ada = registered("Bea", status="suspended"), registered("Ada")
    item, created = watchlist.add(organisation, bea.registration_number.lower(), officer)
    assert created and item.added_by_id == officer.id
    assert watchlist.add(organisation, bea.registration_number, officer) == (item, False)
    watchlist.add(organisation, ada.registration_number, officer)
    page = watchlist.watchlist(organisation)
    assert [(w.mediator.display_name, w.status.code) for w in page.items] == [
        ("Ada", "accredited"),
        ("Bea", "suspended"),
    ]
    assert page.total == 2 and not page.has_more
    assert watchlist.watched(organisation, ada.registration_number).mediator is ada
    assert watchlist.organisations_watching(ada.id) == [organisation]
    watchlist.remove(organisation, ada.registration_number, officer)
    assert [w.mediator for w in watchlist.watchlist(organisation).items] == [bea]
    with pytest.raises(NotFound):
        watchlist.remove(organisation, ada.registration_number, officer)
    with pytest.raises(NotFound):
        watchlist.watched(organisation, ada.registration_number)


def test_each_la_has_its_own_watchlist(registered, la_organisation) -> None:
    ours, theirs = la_organisation(), la_organisation()
    ada = registered("Ada")
    watchlist.add(ours, ada.registration_number, None)
    assert watchlist.watchlist(theirs).items == []
    with pytest.raises(NotFound):
        watchlist.remove(theirs, ada.registration_number, None)


def test_only_numbers_on_the_register_can_be_watched(la_organisation, factories) -> None:
    organisation = la_organisation()
    applicant = factories.mediator()
    factories.accreditation(applicant, status="applied")
    with pytest.raises(InvalidRegistrationNumber, match="mistyped"):
        watchlist.add(organisation, "SM-000001-1", None)
    for number in (format_number("SM", 777_002), applicant.registration_number):
        with pytest.raises(NotFound):
            watchlist.add(organisation, number, None)
    with pytest.raises(DomainError, match="local authority"):
        watchlist.add(factories.organisation(kind="accrediting_body"), format_number("SM", 777_002), None)


def test_pages_are_bounded_and_cost_the_same_whatever_their_size(registered, la_organisation) -> None:
    organisation = la_organisation()
    for i in range(25):
        watchlist.add(organisation, registered(f"Person {i:02d}").registration_number, None)
    with count_queries() as small:
        watchlist.watchlist(organisation, per_page=2)
    with count_queries() as large:
        page = watchlist.watchlist(organisation, per_page=25)
        _ = [(w.mediator.display_name, w.status.code) for w in page.items]
    assert len(large) == len(small) and len(page.items) == 25
    assert watchlist.watchlist(organisation, page=2, per_page=20).has_more is False
    with pytest.raises(DomainError):
        watchlist.watchlist(organisation, per_page=101)
