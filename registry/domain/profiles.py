"""The mediator's own register entry: public profile and private contact details.

The mediator edits their display name, public email and phone, website, bio, areas served,
languages, formats, specialisms and whether they take cases
from anywhere in England (by video or phone: they must offer one of those formats to say yes), and
their home address, private email and private phone. Which of the text fields are public is the field registry's
(``registry.domain.visibility``): the public ones are shown on the register and in the API, the
others never published.

The mediation providers they work for are not theirs alone to claim: a provider asks and the mediator
confirms in their workspace (``registry.domain.providers.panel``), so the profile does not change them.

Every change writes one audit event: public fields with their old and new values, the others by
name only, so the audit trail never copies private details.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import groupby
from typing import TypeVar

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import selectinload

from registry.domain import audit, standards, visibility
from registry.domain.administration import EMAIL
from registry.domain.coverage import REMOTE_FORMATS
from registry.domain.errors import DomainError, NotFound
from registry.extensions import db
from registry.models import (
    LocalAuthority,
    Mediator,
    MediatorFormat,
    MediatorLanguage,
    MediatorSpecialism,
    Organisation,
    User,
)

TEXT = ("display_name", "public_email", "public_phone", "website", "bio",
        "home_address", "private_email", "private_phone")  # fmt: skip
PUBLIC_TEXT = tuple(name for name in TEXT if visibility.is_public(Mediator, name))
PRIVATE_TEXT = tuple(name for name in TEXT if name not in PUBLIC_TEXT)
LIMITS = {"display_name": 200, "public_email": 254, "public_phone": 40, "website": 300, "bio": 2000,
          "home_address": 500, "private_email": 254, "private_phone": 40}  # fmt: skip


@dataclass(frozen=True)
class ProfileInput:
    display_name: str
    public_email: str | None = None
    public_phone: str | None = None
    website: str | None = None
    bio: str = ""
    area_ids: frozenset[int] = field(default_factory=frozenset)
    languages: frozenset[str] = field(default_factory=frozenset)
    formats: frozenset[str] = field(default_factory=frozenset)
    specialisms: frozenset[str] = field(default_factory=frozenset)
    takes_cases_anywhere: bool = False
    home_address: str | None = None
    private_email: str | None = None
    private_phone: str | None = None


@dataclass(frozen=True)
class Region:
    name: str
    local_authorities: list[LocalAuthority]


def own_profile(user: User) -> Mediator:
    """The signed-in person's mediator record with everything the profile form shows."""
    mediator = db.session.scalars(
        select(Mediator)
        .where(Mediator.user_id == user.id)
        .options(
            selectinload(Mediator.areas),
            selectinload(Mediator.providers),
            selectinload(Mediator.languages),
            selectinload(Mediator.formats),
            selectinload(Mediator.specialisms),
        )
    ).first()
    if mediator is None:
        raise NotFound("Your account is not linked to a mediator on the register. Contact your accrediting body.")
    return mediator


def current_input(mediator: Mediator) -> ProfileInput:
    return ProfileInput(
        **{name: getattr(mediator, name) for name in TEXT},
        area_ids=frozenset(area.id for area in mediator.areas),
        languages=frozenset(item.code for item in mediator.languages),
        formats=frozenset(item.code for item in mediator.formats),
        specialisms=frozenset(item.code for item in mediator.specialisms),
        takes_cases_anywhere=mediator.takes_cases_anywhere,
    )


def regions() -> list[Region]:
    """All local authorities, grouped by region, for the areas-served checkboxes."""
    authorities = db.session.scalars(
        select(LocalAuthority).order_by(LocalAuthority.region_name, LocalAuthority.name)
    ).all()
    return [Region(name, list(group)) for name, group in groupby(authorities, key=lambda la: la.region_name)]


def _text(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None


def _check(data: ProfileInput) -> None:
    if not _text(data.display_name):
        raise DomainError("Enter the name to show on the register.")
    for name, limit in LIMITS.items():
        if len(getattr(data, name) or "") > limit:
            raise DomainError(f"{name.replace('_', ' ').capitalize()} must be {limit} characters or fewer.")
    for name in ("public_email", "private_email"):  # the register's one email rule, as for sign-ins
        if _text(getattr(data, name)) and not EMAIL.match(_text(getattr(data, name)) or ""):
            raise DomainError("Enter an email address like name@example.com", field=name)
    terms = standards.vocabularies()
    for vocabulary in ("languages", "formats", "specialisms"):
        known = {term.code for term in getattr(terms, vocabulary)}
        unknown = set(getattr(data, vocabulary)) - known
        if unknown:
            raise DomainError(f"Choose {vocabulary} from the list.")
    if data.takes_cases_anywhere and not set(data.formats) & set(REMOTE_FORMATS):
        raise DomainError(
            "To take cases from anywhere in England, also say you can meet by video or by phone",
            field="takes_cases_anywhere",
        )


_Code = TypeVar("_Code", MediatorLanguage, MediatorFormat, MediatorSpecialism)
_Chosen = TypeVar("_Chosen", LocalAuthority, Organisation)


def _replace_codes(rows: list[_Code], wanted: Iterable[str], model: type[_Code]) -> None:
    """Remove rows no longer wanted and add new ones (never delete and re-insert the same key)."""
    wanted = set(wanted)
    for row in [row for row in rows if row.code not in wanted]:
        rows.remove(row)
    present = {row.code for row in rows}
    rows.extend(model(code=code) for code in sorted(wanted - present))


def _rows_by_id(model: type[_Chosen], ids: frozenset[int], *conditions: ColumnElement[bool]) -> list[_Chosen]:
    if not ids:
        return []
    rows = list(db.session.scalars(select(model).where(model.id.in_(ids), *conditions)))
    if len(rows) != len(ids):
        raise DomainError("Choose from the lists shown.")
    return rows


def _snapshot(mediator: Mediator) -> dict[str, object]:
    return {
        **{name: getattr(mediator, name) for name in PUBLIC_TEXT},
        "areas": sorted(area.gss_code for area in mediator.areas),
        "languages": sorted(item.code for item in mediator.languages),
        "formats": sorted(item.code for item in mediator.formats),
        "specialisms": sorted(item.code for item in mediator.specialisms),
        "providers": sorted(provider.name for provider in mediator.providers),
        "takes_cases_anywhere": mediator.takes_cases_anywhere,
    }


def update_profile(mediator: Mediator, actor: User | None, data: ProfileInput) -> dict[str, dict[str, object]]:
    """Save the profile; returns the public changes ({field: {"from", "to"}}) that were audited."""
    _check(data)
    before = _snapshot(mediator)
    private_before = {name: getattr(mediator, name) for name in PRIVATE_TEXT}
    for name in TEXT:
        setattr(mediator, name, _text(getattr(data, name)))
    mediator.display_name = " ".join(data.display_name.split())
    mediator.bio = (data.bio or "").strip()
    mediator.areas = _rows_by_id(LocalAuthority, data.area_ids)
    _replace_codes(mediator.languages, data.languages, MediatorLanguage)
    _replace_codes(mediator.formats, data.formats, MediatorFormat)
    _replace_codes(mediator.specialisms, data.specialisms, MediatorSpecialism)
    mediator.takes_cases_anywhere = data.takes_cases_anywhere
    db.session.flush()
    after = _snapshot(mediator)
    changes = {name: {"from": before[name], "to": after[name]} for name in after if before[name] != after[name]}
    private_changed = [name for name in PRIVATE_TEXT if private_before[name] != getattr(mediator, name)]
    if changes or private_changed:
        audit.record(
            actor,
            "mediator.profile_changed",
            "mediator",
            mediator.registration_number,
            public_changes=changes,
            private_fields_changed=private_changed,
        )
    return changes
