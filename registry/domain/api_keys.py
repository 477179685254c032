"""API keys for a local authority's own systems: created, named and revoked by its LA officers.

A key is ``smr_`` followed by 43 URL-safe characters (``tokens.new_token``): 256 bits of
randomness. It is shown once, when created; the register keeps only its SHA-256 hash.

Why a plain SHA-256 and not a password hash such as argon2: slow hashes exist to stop people
guessing *low-entropy* secrets from a stolen hash. Nobody can search a 2^256 space, fast hash or
not, so a slow hash would add nothing but a delay to every API call. A deterministic hash also
lets a key be found by an indexed equality lookup instead of trying every stored hash in turn.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from registry.domain import audit
from registry.domain.errors import DomainError, NotFound
from registry.domain.tokens import new_token, token_hash
from registry.extensions import db
from registry.models import ApiKey, Organisation, User
from registry.models.base import utcnow

PREFIX = "smr_"
NAME_MAX_LENGTH = 100
# Last use is recorded to the minute: one write a minute per busy key, not one per call.
LAST_USED_RESOLUTION = timedelta(minutes=1)


@dataclass(frozen=True)
class NewKey:
    """A key just created. ``token`` is the only copy of the secret: show it once, then drop it."""

    key: ApiKey
    token: str


def create_key(organisation: Organisation, actor: User | None, name: str) -> NewKey:
    """A new key for ``organisation`` (a local authority), named so people can tell keys apart."""
    name = " ".join((name or "").split())
    if not name:
        raise DomainError("Enter a name for the key, such as the system that will use it")
    if len(name) > NAME_MAX_LENGTH:
        raise DomainError(f"The name must be {NAME_MAX_LENGTH} characters or fewer")
    if organisation.kind != "local_authority":
        raise DomainError("Only a local authority can hold API keys")
    token = new_token(PREFIX)
    key = ApiKey(
        organisation=organisation,
        name=name,
        prefix=token[: len(PREFIX) + 8],
        token_hash=token_hash(token),
        created_by_id=actor.id if actor is not None else None,
    )
    db.session.add(key)
    db.session.flush()
    audit.record(actor, "api_key.created", "api_key", key.id, organisation_id=organisation.id, name=name)
    return NewKey(key, token)


def revoke_key(key: ApiKey, actor: User | None) -> ApiKey:
    """Stop the key working from now on. Revoking a revoked key changes nothing."""
    if key.revoked_at is None:
        key.revoked_at = utcnow()
        key.revoked_by_id = actor.id if actor is not None else None
        db.session.flush()
        audit.record(actor, "api_key.revoked", "api_key", key.id, organisation_id=key.organisation_id)
    return key


def keys_of(organisation_ids: list[int] | set[int]) -> list[ApiKey]:
    """Every key of these organisations, active first, newest first."""
    return list(
        db.session.scalars(
            select(ApiKey)
            .where(ApiKey.organisation_id.in_(list(organisation_ids)))
            .options(joinedload(ApiKey.organisation), joinedload(ApiKey.created_by))
            .order_by(ApiKey.revoked_at.is_not(None), ApiKey.created_at.desc(), ApiKey.id.desc())
        )
    )


def get_key(key_id: int, organisation_ids: list[int] | set[int]) -> ApiKey:
    """The key, if it belongs to one of these organisations (NotFound otherwise, so other LAs' keys stay unseen)."""
    key = db.session.get(ApiKey, key_id)
    if key is None or key.organisation_id not in set(organisation_ids):
        raise NotFound("There is no such API key.")
    return key


def authenticate(token: str | None, now: datetime | None = None) -> ApiKey | None:
    """The active key for ``token``, with its use recorded (``last_used_at``, to the minute); None for an
    unknown or revoked key."""
    if not token or not token.startswith(PREFIX) or len(token) > 200:
        return None
    key = db.session.scalars(
        select(ApiKey).where(ApiKey.token_hash == token_hash(token)).options(joinedload(ApiKey.organisation))
    ).first()
    if key is None or not key.is_active:
        return None
    now = now or utcnow()
    if key.last_used_at is None or now - key.last_used_at >= LAST_USED_RESOLUTION:
        key.last_used_at = now  # written with the caller's next flush or commit
    return key
