"""Issue 17, items 3, 4 and 6, on the find page, the profile and the public API: remote mediators are
listed for every LA after the local ones, a declared link with the LA searched is shown with its
date, and a mediator who is not accredited shows when that began and no contact details."""

from __future__ import annotations

import html
import re
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from registry.domain.accreditation import suspend, withdraw
from registry.domain.search import MediatorSearch, search_mediators
from registry.extensions import db
from registry.models import Accreditation, IndependenceDeclaration, LocalAuthority, Mediator
from tests.test_pages_basics import assert_page_basics

LEEDS, SHEFFIELD, TOWER_HAMLETS = "E08000035", "E08000039", "E09000030"
REMOTE_MARK = "Works by video or phone"
CONTACT = {
    "public_email": "remote.rosa@example.org",
    "public_phone": "0113 496 0000",
    "website": "https://rosa.example",
}


def _text(response) -> str:  # type: ignore[no-untyped-def]
    return " ".join(html.unescape(response.text).split())


def _la(code: str) -> LocalAuthority:
    return db.session.scalars(select(LocalAuthority).where(LocalAuthority.gss_code == code)).one()


def _remote(on_register, name: str, formats: tuple[str, ...] = ("video",), **kwargs) -> Mediator:  # type: ignore[no-untyped-def]
    mediator = on_register(name, areas=kwargs.pop("areas", ("E06000014",)), formats=formats, **kwargs)
    mediator.takes_cases_anywhere = True
    db.session.flush()
    return mediator


def _declare(mediator: Mediator, code: str, kind: str = "employment", days_ago: int = 400) -> date:
    started = date.today() - timedelta(days=days_ago)
    db.session.add(
        IndependenceDeclaration(mediator=mediator, kind=kind, local_authority_id=_la(code).id, started_on=started)
    )
    db.session.flush()
    return started


def _with_contact(mediator: Mediator) -> Mediator:
    for name, value in CONTACT.items():
        setattr(mediator, name, value)
    db.session.flush()
    return mediator


def _accreditation(mediator: Mediator) -> Accreditation:
    return db.session.scalars(select(Accreditation).where(Accreditation.mediator_id == mediator.id)).one()


def test_a_remote_mediator_is_listed_for_an_la_with_no_local_mediator_and_marked(client, on_register) -> None:
    rosa = _remote(on_register, "Rosa Remote")
    on_register("Ivy InPersonOnly", areas=("E06000014",), formats=("in_person",)).takes_cases_anywhere = False
    page = search_mediators(MediatorSearch(local_authority=TOWER_HAMLETS))
    assert [(r.mediator.display_name, r.coverage) for r in page.results] == [("Rosa Remote", "remote")]
    assert page.total == page.remote_total == 1

    response = client.get(f"/mediators?local_authority={TOWER_HAMLETS}")
    assert response.status_code == 200
    assert_page_basics(response.text)
    text = _text(response)
    assert "1 mediator found" in text and REMOTE_MARK in text and "Ivy InPersonOnly" not in text
    assert f"/mediators/{rosa.registration_number}?local_authority={TOWER_HAMLETS}" in response.text

    api = client.get(f"/api/v1/mediators?local_authority={TOWER_HAMLETS}").get_json()
    assert [(item["name"], item["coverage"], item["takes_cases_anywhere"]) for item in api["items"]] == [
        ("Rosa Remote", "remote", True)
    ]
    assert api["total"] == 1


def test_local_mediators_come_first_then_remote_ones_across_pages(client, on_register) -> None:
    _remote(on_register, "Aaron Anywhere", formats=("phone",))
    _remote(on_register, "Bella Anywhere")
    on_register("Zed Local", areas=(LEEDS,))
    on_register("Yan Local", areas=(LEEDS,))
    both = _remote(on_register, "Abe Both", areas=(LEEDS,))  # lists Leeds: local there, not remote
    names = ["Abe Both", "Yan Local", "Zed Local", "Aaron Anywhere", "Bella Anywhere"]
    coverage = ["local"] * 3 + ["remote"] * 2
    first = search_mediators(MediatorSearch(local_authority=LEEDS, per_page=2))
    second = search_mediators(MediatorSearch(local_authority=LEEDS, per_page=2, page=2))
    third = search_mediators(MediatorSearch(local_authority=LEEDS, per_page=2, page=3))
    listed = [r for page in (first, second, third) for r in page.results]
    assert [r.mediator.display_name for r in listed] == names
    assert [r.coverage for r in listed] == coverage
    assert first.total == 5 and first.remote_total == 2 and first.pages == 3

    api = client.get(f"/api/v1/mediators?local_authority={LEEDS}").get_json()
    assert [item["name"] for item in api["items"]] == names
    assert [item["coverage"] for item in api["items"]] == coverage
    text = _text(client.get(f"/mediators?local_authority={LEEDS}"))
    assert "3 cover Leeds; 2 more work by video or phone" in text
    assert text.index("Zed Local") < text.index("Aaron Anywhere")
    # Without an LA nobody is local or remote; in person only, the remote mediators are left out.
    assert search_mediators(MediatorSearch(q="Anywhere")).results[0].coverage is None
    in_person = search_mediators(MediatorSearch(local_authority=LEEDS, format="in_person"))
    assert "Aaron Anywhere" not in [r.mediator.display_name for r in in_person.results]
    assert both.takes_cases_anywhere


def test_the_remote_count_follows_every_change_and_keeps_nothing_from_a_rolled_back_one(on_register, factories) -> None:
    """The count of remote mediators anywhere is kept under the register's version (``_counts``):
    a committed change is counted at once, and a change that is rolled back is never kept."""

    def remote_for(code: str) -> int:
        return search_mediators(MediatorSearch(local_authority=code)).remote_total

    rosa = _remote(on_register, "Rosa Remote")
    db.session.commit()
    assert (remote_for(TOWER_HAMLETS), remote_for(LEEDS)) == (1, 1)
    assert (remote_for(TOWER_HAMLETS), remote_for(LEEDS)) == (1, 1)  # now from the kept count

    _remote(on_register, "Bella Anywhere", areas=(LEEDS,))  # remote for Tower Hamlets, local for Leeds
    db.session.commit()
    assert (remote_for(TOWER_HAMLETS), remote_for(LEEDS)) == (2, 1)

    len_ = on_register("Len Local", areas=(LEEDS,), formats=("video",))
    db.session.commit()
    savepoint = db.session.begin_nested()
    len_.takes_cases_anywhere = True  # one flush: the version moves on by one
    assert remote_for(TOWER_HAMLETS) == 3  # the transaction sees its own change, and keeps nothing
    savepoint.rollback()
    assert remote_for(TOWER_HAMLETS) == 2
    # Another public change of one flush takes the version the rolled-back one had.
    _la(LEEDS).region_name = "Yorkshire"
    db.session.commit()
    assert remote_for(TOWER_HAMLETS) == 2

    suspend(_accreditation(rosa), factories.person_with_role("registrar"), reason="x", public_note="Paused")
    db.session.commit()
    assert remote_for(TOWER_HAMLETS) == 1


def test_a_remote_mediator_who_is_not_accredited_is_not_listed(on_register) -> None:
    _remote(on_register, "Sam Suspended", status="suspended")
    assert search_mediators(MediatorSearch(local_authority=TOWER_HAMLETS)).total == 0
    assert search_mediators(MediatorSearch(local_authority=TOWER_HAMLETS, status="any")).total == 1


def test_a_mediator_employed_by_leeds_is_marked_for_leeds_with_the_date_and_not_for_sheffield(
    client, on_register
) -> None:
    lee = on_register("Lee Employed", areas=(LEEDS, SHEFFIELD))
    started = _declare(lee, LEEDS)
    long_date = f"{started.day} {started:%B %Y}"

    leeds = search_mediators(MediatorSearch(local_authority=LEEDS)).results
    assert [r.declared for r in leeds if r.mediator.id == lee.id] == [{"employment": started}]
    assert search_mediators(MediatorSearch(local_authority=SHEFFIELD)).results[0].declared == {}

    leeds_page = _text(client.get(f"/mediators?local_authority={LEEDS}"))
    assert f"Declared that they are employed by Leeds since {long_date}" in leeds_page
    assert "Declared that they are employed by" not in _text(client.get(f"/mediators?local_authority={SHEFFIELD}"))

    item = client.get(f"/api/v1/mediators?local_authority={LEEDS}").get_json()["items"][0]
    assert item["independence"] == {
        "gss_code": LEEDS,
        "name": "Leeds",
        "employed_by": True,
        "employed_since": started.isoformat(),
        "conflict_declared": False,
        "conflict_declared_since": None,
    }
    sheffield = client.get(f"/api/v1/mediators?local_authority={SHEFFIELD}").get_json()["items"][0]
    assert sheffield["independence"]["employed_by"] is False and sheffield["independence"]["employed_since"] is None
    assert client.get("/api/v1/mediators").get_json()["items"][0]["independence"] is None

    status = client.get(f"/api/v1/mediators/{lee.registration_number}/status?local_authority={LEEDS}").get_json()
    assert status["local_authority"]["employed_by"] is True
    assert status["local_authority"]["employed_since"] == started.isoformat()


def test_the_profile_reached_for_an_la_says_how_the_mediator_covers_it_and_what_they_declared(
    client, on_register
) -> None:
    lee = on_register("Lee Employed", areas=(LEEDS,))
    started = _declare(lee, LEEDS, kind="conflict", days_ago=30)
    rosa = _remote(on_register, "Rosa Remote")

    for_leeds = client.get(f"/mediators/{lee.registration_number}?local_authority={LEEDS}")
    assert for_leeds.status_code == 200
    assert_page_basics(for_leeds.text)
    text = _text(for_leeds)
    assert "For Leeds" in text and "They cover Leeds." in text
    assert f"Declared a contract or other conflict of interest with Leeds since {started.day} {started:%B %Y}" in text

    for_sheffield = _text(client.get(f"/mediators/{lee.registration_number}?local_authority={SHEFFIELD}"))
    assert (
        "They do not cover Sheffield." in for_sheffield and "conflict of interest with Sheffield" not in for_sheffield
    )
    plain = _text(client.get(f"/mediators/{lee.registration_number}"))
    assert "For Leeds" not in plain and "Declared a contract" not in plain

    remote = _text(client.get(f"/mediators/{rosa.registration_number}?local_authority={TOWER_HAMLETS}"))
    assert REMOTE_MARK in remote and "Tower Hamlets is not one of their areas" in remote

    unknown = client.get(f"/mediators/{lee.registration_number}?local_authority=E99999999")
    assert unknown.status_code == 400
    assert_page_basics(unknown.text)
    assert "There is no English local authority with the code E99999999" in _text(unknown)


def test_a_suspended_entry_shows_since_when_and_the_public_note_and_no_contact_details(
    client, on_register, factories
) -> None:
    sam = _with_contact(on_register("Sam Suspended"))
    since = date.today() - timedelta(days=3)
    suspend(
        _accreditation(sam),
        factories.person_with_role("registrar"),
        reason="A private reason",
        public_note="Suspended while a complaint is looked into.",
        effective_on=since,
    )
    profile = client.get(f"/mediators/{sam.registration_number}")
    text = _text(profile)
    assert f"Suspended since {since.day} {since:%B %Y}" in text
    assert "Suspended while a complaint is looked into." in text and "A private reason" not in text
    assert "Until" not in re.sub(r"<[^>]+>", " ", text)
    for value in CONTACT.values():
        assert value not in profile.text
    assert "Not shown while they are not accredited" in text

    results = _text(client.get("/mediators?q=Sam&status=any"))
    assert f"Suspended since {since.day} {since:%B %Y}" in results and "Suspended while a complaint" in results
    assert all(value not in results for value in CONTACT.values())

    api = client.get(f"/api/v1/mediators/{sam.registration_number}").get_json()
    assert api["status"]["status"] == "suspended" and api["status"]["since"] == since.isoformat()
    assert api["status"]["public_note"] == "Suspended while a complaint is looked into."
    assert (api["public_email"], api["public_phone"], api["website"]) == (None, None, None)


@pytest.mark.parametrize("status", ["withdrawn", "lapsed"])
def test_withdrawn_and_lapsed_entries_show_no_contact_details(client, on_register, status: str) -> None:
    mediator = _with_contact(on_register("Wes Ended", status=status))
    profile = client.get(f"/mediators/{mediator.registration_number}")
    assert profile.status_code == 200
    assert all(value not in profile.text for value in CONTACT.values())
    api = client.get(f"/api/v1/mediators/{mediator.registration_number}").get_json()
    assert (api["public_email"], api["public_phone"], api["website"]) == (None, None, None)


def test_an_accredited_entry_shows_its_contact_details(client, on_register) -> None:
    mediator = _with_contact(on_register("Ada Open"))
    profile = client.get(f"/mediators/{mediator.registration_number}")
    assert all(value in html.unescape(profile.text) for value in CONTACT.values())
    api = client.get(f"/api/v1/mediators/{mediator.registration_number}").get_json()
    assert api["public_email"] == CONTACT["public_email"] and api["status"]["public_note"] is None


def test_a_withdrawal_after_a_suspension_hides_the_contact_details_too(client, on_register, factories) -> None:
    mediator = _with_contact(on_register("Wyn Withdrawn"))
    registrar = factories.person_with_role("registrar")
    suspend(_accreditation(mediator), registrar, reason="x", public_note="Paused")
    withdraw(_accreditation(mediator), registrar, reason="y", public_note="Withdrawn after a hearing")
    text = _text(client.get(f"/mediators/{mediator.registration_number}"))
    assert "Accreditation withdrawn on" in text and CONTACT["public_email"] not in text


def test_a_registrar_sees_their_mediators_declarations_on_the_accreditation_record(
    client_as, on_register, factories
) -> None:
    body = factories.organisation(kind="accrediting_body")
    mediator = on_register("Dee Declares", body=body)
    started = _declare(mediator, LEEDS)
    db.session.add(
        IndependenceDeclaration(
            mediator=mediator, kind="conflict", other_body="Leeds Integrated Care Board", started_on=started,
            description="Sessional work for the ICB",
        )
    )  # fmt: skip
    db.session.flush()
    registrar = client_as("registrar", organisation=body)
    page = registrar.get(f"/workspace/registrar/accreditations/{_accreditation(mediator).id}")
    assert page.status_code == 200
    assert_page_basics(page.text)
    text = _text(page)
    assert "Independence declarations" in text
    assert f"Employer: Leeds, from {started.day} {started:%B %Y}" in text
    assert "Leeds Integrated Care Board" in text and "Sessional work for the ICB" in text
