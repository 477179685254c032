"""An LA's Atom feed (RFC 4287) of public accreditation changes, written with feedgen.

Each entry is one public accreditation event (``notifications.area_changes``) of a mediator who
covers the LA: what the LA page's readers would see on the mediator's profile, and nothing else —
never a private reason or who recorded it. An entry's id is a tag URI (RFC 4151) on the register's
host and the event's sequence number, so it never changes; the feed's ``updated`` is its newest
entry's (a fixed date when there are none), so the feed is the same until something changes.
"""

from __future__ import annotations

from datetime import UTC, datetime
from urllib.parse import urlsplit

from feedgen.feed import FeedGenerator

from registry.domain.notifications import WatchedChange, public_url, what_changed
from registry.models import LocalAuthority

NO_CHANGES_YET = datetime(2018, 1, 1, tzinfo=UTC)  # the joint register of SEND mediators began in 2018


def atom_feed(la: LocalAuthority, changes: list[WatchedChange]) -> bytes:
    page = public_url(f"/local-authorities/{la.slug}")
    host = urlsplit(page).hostname or "localhost"
    feed = FeedGenerator()
    feed.id(page)
    feed.title(f"SEND mediators covering {la.name}: accreditation changes")
    feed.subtitle(f"Changes to the accreditation of SEND mediators on the register who cover {la.name}, newest first.")
    feed.author({"name": "SEND Mediation Register"})
    feed.link(href=page, rel="alternate", type="text/html")
    feed.link(href=f"{page}/changes.atom", rel="self", type="application/atom+xml")
    feed.language("en-GB")
    feed.updated(changes[0].recorded_at if changes else NO_CHANGES_YET)
    for change in reversed(changes):  # feedgen puts each new entry first: add the oldest first
        profile = public_url(f"/mediators/{change.registration_number}")
        entry = feed.add_entry()
        entry.id(f"tag:{host},2018:accreditation-event:{change.sequence}")
        entry.title(f"{change.words}: {change.name} ({change.registration_number})")
        entry.link(href=profile, rel="alternate", type="text/html")
        entry.updated(change.recorded_at)
        entry.published(change.recorded_at)
        entry.summary("\n".join(what_changed(change, change.body_name)))
    return bytes(feed.atom_str(pretty=True))
