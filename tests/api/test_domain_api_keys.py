"""API keys: shown once, stored hashed, scoped to an LA, last use recorded, revocable."""

from __future__ import annotations

import hashlib
from datetime import timedelta

import pytest
from sqlalchemy import select

from registry.domain import api_keys
from registry.domain.errors import DomainError, NotFound
from registry.extensions import db
from registry.models import ApiKey, AuditEvent
from registry.models.base import utcnow


def test_a_new_key_is_prefixed_and_only_its_hash_is_stored(api_key) -> None:
    new = api_key()
    assert new.token.startswith("smr_") and len(new.token) >= 40
    row = db.session.get(ApiKey, new.key.id)
    assert row.token_hash == hashlib.sha256(new.token.encode()).hexdigest()
    stored = " ".join(str(getattr(row, c.key)) for c in ApiKey.__table__.columns)
    assert new.token not in stored
    assert new.token.startswith(row.prefix) and len(row.prefix) == 12


def test_keys_are_different_every_time(api_key, la_organisation) -> None:
    organisation = la_organisation()
    assert api_key(organisation).token != api_key(organisation).token


def test_authenticate_finds_the_active_key_and_records_its_use(api_key) -> None:
    new = api_key()
    assert new.key.last_used_at is None
    found = api_keys.authenticate(new.token)
    assert found is not None and found.id == new.key.id
    assert found.last_used_at is not None


def test_last_use_is_recorded_to_the_minute(api_key) -> None:
    new = api_key()
    first = utcnow()
    api_keys.authenticate(new.token, now=first)
    api_keys.authenticate(new.token, now=first + timedelta(seconds=20))
    assert new.key.last_used_at == first
    api_keys.authenticate(new.token, now=first + timedelta(minutes=2))
    assert new.key.last_used_at == first + timedelta(minutes=2)


@pytest.mark.parametrize("token", [None, "", "smr_", "smr_not-a-real-key", "Bearer smr_x", "x" * 500])
def test_unknown_tokens_authenticate_nobody(api_key, token) -> None:
    api_key()
    assert api_keys.authenticate(token) is None


def test_a_revoked_key_stops_working_and_the_change_is_audited(api_key, factories) -> None:
    new = api_key()
    officer = factories.person_with_role("la_officer", new.key.organisation)
    api_keys.revoke_key(new.key, officer)
    assert api_keys.authenticate(new.token) is None
    assert new.key.revoked_by_id == officer.id
    actions = db.session.scalars(
        select(AuditEvent.action).where(AuditEvent.subject_type == "api_key", AuditEvent.subject_id == str(new.key.id))
    ).all()
    assert actions == ["api_key.created", "api_key.revoked"]


def test_only_a_local_authority_holds_keys_and_a_key_needs_a_name(factories, la_organisation) -> None:
    body = factories.organisation(kind="accrediting_body")
    with pytest.raises(DomainError, match="Only a local authority"):
        api_keys.create_key(body, None, "Key")
    with pytest.raises(DomainError, match="Enter a name"):
        api_keys.create_key(la_organisation(), None, "   ")


def test_keys_are_seen_only_by_their_own_organisation(api_key, la_organisation) -> None:
    ours, theirs = la_organisation(), la_organisation()
    key = api_key(ours).key
    assert api_keys.get_key(key.id, {ours.id}) is key
    assert [k.id for k in api_keys.keys_of({ours.id})] == [key.id]
    assert api_keys.keys_of({theirs.id}) == []
    with pytest.raises(NotFound):
        api_keys.get_key(key.id, {theirs.id})
