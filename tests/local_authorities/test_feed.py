"""Each LA's Atom feed, read with feedparser as a feed reader would: valid Atom 1.0, one entry per
public accreditation event of a mediator covering the LA, newest first, and nothing private."""

from __future__ import annotations

import feedparser
from sqlalchemy import select

from registry.domain.accreditation import reinstate, suspend
from registry.domain.local_authorities import find_local_authority
from registry.extensions import db
from registry.models import Accreditation

PRIVATE_REASON = "PRIVATE: a complaint under investigation"


def _accreditation(mediator) -> Accreditation:  # type: ignore[no-untyped-def]
    return db.session.scalars(select(Accreditation).where(Accreditation.mediator_id == mediator.id)).one()


def test_the_feed_is_valid_atom_with_the_public_changes_of_covering_mediators(client, registered, factories) -> None:
    ada = registered("Ada Lovelace")
    elsewhere = registered("Grace Hopper")
    elsewhere.areas.clear()
    elsewhere.areas.append(find_local_authority("E09000030"))  # Tower Hamlets
    db.session.flush()
    registrar = factories.person_with_role("registrar")
    suspend(_accreditation(ada), registrar, reason=PRIVATE_REASON, public_note="Paused while we look into it")
    reinstate(_accreditation(ada), registrar, reason="PRIVATE: cleared")
    suspend(_accreditation(elsewhere), registrar, reason=PRIVATE_REASON, public_note="Elsewhere")

    response = client.get("/local-authorities/sheffield/changes.atom")
    assert response.status_code == 200 and response.mimetype == "application/atom+xml"
    feed = feedparser.parse(response.data)
    assert not feed.bozo, feed.bozo_exception  # well-formed, and read as a feed
    assert feed.version == "atom10"
    assert feed.feed.title == "SEND mediators covering Sheffield: accreditation changes"
    assert feed.feed.link.endswith("/local-authorities/sheffield")
    self_links = [link.href for link in feed.feed.links if link.rel == "self"]
    assert self_links and self_links[0].endswith("/local-authorities/sheffield/changes.atom")
    titles = [entry.title for entry in feed.entries]
    number = ada.registration_number
    assert titles == [
        f"Accreditation reinstated: Ada Lovelace ({number})",
        f"Accreditation suspended: Ada Lovelace ({number})",
        f"Accredited: Ada Lovelace ({number})",
    ]
    suspended = feed.entries[1]
    assert suspended.link.endswith(f"/mediators/{number}")
    assert suspended.id.startswith("tag:") and len({entry.id for entry in feed.entries}) == 3
    assert "Note from" in suspended.summary and "Paused while we look into it" in suspended.summary
    assert suspended.updated_parsed is not None
    assert (
        "PRIVATE" not in response.text and "Grace Hopper" not in response.text and registrar.email not in response.text
    )
    assert feed.feed.updated == feed.entries[0].updated


def test_a_feed_with_no_changes_is_still_a_valid_feed(client) -> None:
    response = client.get("/local-authorities/tower-hamlets/changes.atom")
    feed = feedparser.parse(response.data)
    assert response.status_code == 200 and not feed.bozo and feed.version == "atom10"
    assert feed.entries == [] and feed.feed.updated.startswith("2018-01-01")


def test_an_unknown_area_has_no_feed(client) -> None:
    assert client.get("/local-authorities/atlantis/changes.atom").status_code == 404


def test_the_page_announces_its_feed(client) -> None:
    page = client.get("/local-authorities/sheffield").text
    assert 'rel="alternate" type="application/atom+xml"' in page
