"""One-time account links: only the token's hash is stored, a link works once and until it
expires, a new link voids the older ones of its purpose, and a deactivated person's links fail."""

from __future__ import annotations

import hashlib
from datetime import timedelta

import pytest
from sqlalchemy import select

from registry.auth.login import password_matches
from registry.domain.accounts import links
from registry.extensions import db
from registry.models import AccountLink, AuditEvent


def _stored(user) -> list[AccountLink]:  # type: ignore[no-untyped-def]
    return list(db.session.scalars(select(AccountLink).where(AccountLink.user_id == user.id).order_by(AccountLink.id)))


def test_only_the_hash_of_the_token_is_stored(app, factories) -> None:
    person, admin = factories.person_with_role("trainer"), factories.person_with_role("admin")
    token = links.issue_link(person, "invitation", admin)
    [link] = _stored(person)
    assert len(token) >= 43 and token not in link.token_hash
    assert link.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert link.created_by_id == admin.id and link.purpose == "invitation"
    assert link.expires_at - link.created_at == timedelta(days=app.config["INVITATION_DAYS"]) == timedelta(days=7)
    event = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "user.invitation_link_issued")).one()
    assert (event.actor_id, event.subject_id) == (admin.id, str(person.id)) and token not in str(event.data)


def test_a_password_reset_link_lasts_an_hour(factories) -> None:
    token = links.issue_link(factories.person_with_role("trainer"), "password_reset", None)
    link = links.link_for(token, "password_reset")
    assert link is not None and link.expires_at - link.created_at == timedelta(minutes=60)


def test_a_link_works_once(factories) -> None:
    token = links.issue_link(factories.person_with_role("trainer"), "invitation", None)
    link = links.link_for(token, "invitation")
    assert link is not None and links.use_link(link) and link.used_at is not None
    assert links.link_for(token, "invitation") is None
    assert not links.use_link(link)  # a second request holding the same row gets nothing


def test_unknown_expired_and_other_purpose_tokens_find_nothing(factories) -> None:
    person = factories.person_with_role("trainer")
    token = links.issue_link(person, "password_reset", None)
    assert links.link_for(token, "invitation") is None
    assert links.link_for("not-a-token", "password_reset") is None
    assert links.link_for("", "password_reset") is None
    assert links.link_for("x" * 5000, "password_reset") is None
    [link] = _stored(person)
    link.expires_at = link.created_at - timedelta(seconds=1)
    db.session.flush()
    assert links.link_for(token, "password_reset") is None
    assert not links.use_link(link)


def test_a_new_link_voids_the_older_unused_ones_of_its_purpose(factories) -> None:
    person = factories.person_with_role("trainer")
    first = links.issue_link(person, "invitation", None)
    reset = links.issue_link(person, "password_reset", None)
    second = links.issue_link(person, "invitation", None)
    assert links.link_for(first, "invitation") is None
    assert links.link_for(second, "invitation") is not None
    assert links.link_for(reset, "password_reset") is not None  # another purpose is untouched


def test_a_deactivated_persons_links_do_not_work(factories) -> None:
    person = factories.person_with_role("trainer")
    token = links.issue_link(person, "invitation", None)
    person.active = False
    db.session.flush()
    assert links.link_for(token, "invitation") is None


@pytest.mark.parametrize("attempt", ["", "!", "anything", "correct horse battery staple"])
def test_an_unusable_password_hash_never_matches(factories, attempt: str) -> None:
    person = factories.person_with_role("trainer", password_hash=links.unusable_password_hash())
    assert not links.has_chosen_password(person)
    assert not password_matches(person, attempt)
    assert not password_matches(person, person.password_hash)
