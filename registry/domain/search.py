"""Find a mediator: the one search behind the public page and ``GET /api/v1/mediators``.

Filters combine with AND: local authority served (by GSS, former GSS or DfE code), specialism,
language, format, name or registration number, and status. By default only mediators who are
accredited today are returned (an accreditation with status ``accredited`` whose ``valid_until``
has not passed, so an overdue lapse never shows as accredited even before the daily job runs).

For a local authority, the mediators who list it come first; then, marked ``remote``, those who
take cases from anywhere in England (``Mediator.takes_cases_anywhere``) and meet by video or phone,
so that an LA no mediator lists (Tower Hamlets, say) still has someone to offer. Asked for in-person
meetings only, the remote mediators are left out: they meet the LA's families by video or phone.
Each result carries what the mediator declared with the LA searched (employment, or a contract or
other conflict of interest), with the day it began.

Each page costs a fixed number of queries whatever its size: one for the count (for an LA, one more
for the remote mediators anywhere, once per change of the register: see ``_counts``), one for the
ids (two when a page spans local and remote), one per related collection (selectin loading), one for
the statuses and, for an LA, one for the declarations and one for the public notes of any
suspensions.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import Exists, Select, case, exists, func, or_, select
from sqlalchemy.orm import selectinload

from registry.domain import clock
from registry.domain.accreditation.history import MediatorStatus, status_notes, statuses_on
from registry.domain.coverage import LOCAL, REMOTE, REMOTE_FORMATS, works_remotely
from registry.domain.declarations import declarations_on
from registry.domain.errors import DomainError
from registry.domain.local_authorities import find_local_authority
from registry.domain.registration_numbers import InvalidRegistrationNumber, normalise
from registry.domain.standards import vocabularies
from registry.extensions import db
from registry.models import (
    Accreditation,
    LocalAuthority,
    Mediator,
    MediatorFormat,
    MediatorLanguage,
    MediatorSpecialism,
    Organisation,
)
from registry.models.mediators import mediator_areas
from registry.register_version import kept_number

MAX_PAGE_SIZE = 100
DEFAULT_PAGE_SIZE = 20
# What a search may ask for. "current" means accredited today; the others are the public statuses.
SEARCHABLE_STATUSES = ("current", "accredited", "suspended", "lapsed", "withdrawn", "resigned", "any")


class UnknownLocalAuthority(ValueError):
    pass


class UnknownFilterValue(DomainError):
    """A filter asked for a value its vocabulary does not hold: refused, never answered with nothing.
    ``field`` names the filter; ``allowed`` lists the values it may take."""

    def __init__(self, field: str, value: str, allowed: Sequence[str]) -> None:
        known = ", ".join(allowed)
        super().__init__(f"‘{value}’ is not a {field} the register knows. Use one of: {known}", field=field)
        self.value = value
        self.allowed = tuple(allowed)


# The vocabulary (of the current standards) each coded filter is checked against.
VOCABULARY_OF = {"specialism": "specialisms", "language": "languages", "format": "formats"}


def filter_codes() -> dict[str, list[str]]:
    """The codes each coded filter may take (the API's spec declares them as its enums)."""
    terms = vocabularies()
    return {name: [term.code for term in getattr(terms, vocabulary)] for name, vocabulary in VOCABULARY_OF.items()}


@dataclass(frozen=True)
class MediatorSearch:
    q: str = ""
    local_authority: str | None = None
    specialism: str | None = None
    language: str | None = None
    format: str | None = None
    status: str = "current"
    page: int = 1
    per_page: int = DEFAULT_PAGE_SIZE

    def __post_init__(self) -> None:
        if self.status not in SEARCHABLE_STATUSES:
            raise UnknownFilterValue("status", self.status, SEARCHABLE_STATUSES)
        if self.page < 1:
            raise ValueError("page must be 1 or more")
        if not 1 <= self.per_page <= MAX_PAGE_SIZE:
            raise ValueError(f"per_page must be between 1 and {MAX_PAGE_SIZE}")


@dataclass
class SearchResult:
    mediator: Mediator
    status: MediatorStatus
    coverage: str | None = None  # LOCAL or REMOTE for the LA searched; None when no LA was asked for
    declared: dict[str, date] = field(default_factory=dict)  # declared with the LA searched → the day it began
    status_note: str | None = None  # the public note of a suspension


@dataclass
class SearchPage:
    search: MediatorSearch
    total: int
    results: list[SearchResult] = field(default_factory=list)
    local_authority: LocalAuthority | None = None
    remote_total: int = 0  # of ``total``, the remote mediators (for an LA)

    @property
    def has_more(self) -> bool:
        return self.search.page * self.search.per_page < self.total

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.search.per_page))


def _holds_status(status: str, today: date) -> Exists:
    """The mediator holds an accreditation in ``status`` (see SEARCHABLE_STATUSES)."""
    holders = exists().where(Accreditation.mediator_id == Mediator.id)
    if status == "any":
        # Everyone with a public history: at least one accreditation that was ever granted.
        return holders.where(Accreditation.status.not_in(("applied", "refused")))
    if status == "current":
        return holders.where(
            Accreditation.status == "accredited",
            or_(Accreditation.valid_until.is_(None), Accreditation.valid_until >= today),
        )
    return holders.where(Accreditation.status == status)


def _filtered(search: MediatorSearch, local_authority: LocalAuthority | None, today: date) -> Select[int]:
    """The selective filters are ``IN (indexed subquery)``, so the database starts from the
    narrowest index (the LA's mediators, a specialism's, …); status, which most mediators share,
    is a correlated EXISTS checked per candidate through the accreditations' mediator index."""
    query = select(Mediator.id).where(Mediator.left_register_on.is_(None), _holds_status(search.status, today))
    if local_authority is not None:
        query = query.where(Mediator.id.in_(_serving(local_authority)))
    for model, value in (
        (MediatorSpecialism, search.specialism),
        (MediatorLanguage, search.language),
        (MediatorFormat, search.format),
    ):
        if value:
            query = query.where(Mediator.id.in_(select(model.mediator_id).where(model.code == value)))
    text = search.q.strip()
    if text:
        try:
            query = query.where(Mediator.registration_number == normalise(text, "SM"))
        except InvalidRegistrationNumber:
            pattern = "%" + text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            query = query.where(func.lower(Mediator.display_name).like(pattern, escape="\\"))
    return query


def _remote_anywhere(search: MediatorSearch, today: date) -> Select[int] | None:
    """The mediators who take cases from anywhere by video or phone, whatever LA is asked for; None
    when only in-person meetings are asked for."""
    if search.format and search.format not in REMOTE_FORMATS:
        return None
    return _filtered(search, None, today).where(works_remotely())


def _serving(local_authority: LocalAuthority) -> Select[int]:
    return select(mediator_areas.c.mediator_id).where(mediator_areas.c.local_authority_id == local_authority.id)


def _count(query: Select[int]) -> int:
    return db.session.scalar(select(func.count()).select_from(query.subquery())) or 0


def _ids(query: Select[int], offset: int, limit: int) -> list[int]:
    return list(db.session.scalars(query.order_by(Mediator.display_name, Mediator.id).limit(limit).offset(offset)))


def _counts(search: MediatorSearch, local_authority: LocalAuthority, today: date) -> tuple[int, int]:
    """How many mediators list the LA, and how many more are remote for it.

    The remote ones are those who work from anywhere less those among them who list the LA: the
    first count is the same for every LA (a few thousand mediators at 100,000, checked one by one),
    so it is kept under the register's version (``register_version.kept_number``) and worked out
    once per change; the second comes in the same pass as the LA's own count."""
    local = _filtered(search, local_authority, today)
    anywhere = _remote_anywhere(search, today)
    if anywhere is None:
        return _count(local), 0
    marked = local.add_columns(case((works_remotely(), 1), else_=0).label("remote")).subquery()
    local_total, also_remote = db.session.execute(
        select(func.count(), func.coalesce(func.sum(marked.c.remote), 0))
    ).one()
    filters = (search.q.strip(), search.specialism, search.language, search.format, search.status, today.isoformat())
    key = "remote-mediators:" + hashlib.sha256(json.dumps(filters).encode()).hexdigest()
    return int(local_total), kept_number(key, lambda: _count(anywhere)) - int(also_remote)


def _page_ids(
    search: MediatorSearch, local_authority: LocalAuthority | None, today: date
) -> tuple[int, int, dict[int, str | None]]:
    """The total, the remote part of it, and the page's ids in order with how each covers the LA:
    the local mediators first, then the remote ones, each in name order."""
    offset = (search.page - 1) * search.per_page
    if local_authority is None:
        filtered = _filtered(search, None, today)
        return _count(filtered), 0, dict.fromkeys(_ids(filtered, offset, search.per_page), None)
    local_total, remote_total = _counts(search, local_authority, today)
    ids: dict[int, str | None] = dict.fromkeys(
        _ids(_filtered(search, local_authority, today), offset, search.per_page), LOCAL
    )
    anywhere = _remote_anywhere(search, today)
    if anywhere is not None and remote_total and len(ids) < search.per_page:
        remote = anywhere.where(Mediator.id.not_in(_serving(local_authority)))
        wanted = search.per_page - len(ids)
        ids |= dict.fromkeys(_ids(remote, max(0, offset - local_total), wanted), REMOTE)
    return local_total + remote_total, remote_total, ids


def search_mediators(search: MediatorSearch, today: date | None = None) -> SearchPage:
    """One page of mediators matching ``search``: for an LA, its own mediators then the remote ones,
    each in name order. Raises UnknownLocalAuthority, and UnknownFilterValue for a specialism,
    language or format that the current standards do not list."""
    today = today or clock.today()  # the register's (UK) day, as everywhere else
    for name, codes in filter_codes().items():
        value = getattr(search, name)
        if value and value not in codes:
            raise UnknownFilterValue(name, value, codes)
    local_authority = None
    if search.local_authority:
        local_authority = find_local_authority(search.local_authority)
        if local_authority is None:
            raise UnknownLocalAuthority(f"There is no English local authority with the code {search.local_authority}")
    total, remote_total, coverage = _page_ids(search, local_authority, today)
    ids = list(coverage)
    mediators = {
        m.id: m
        for m in db.session.scalars(
            select(Mediator)
            .where(Mediator.id.in_(ids))
            .options(
                selectinload(Mediator.areas),
                selectinload(Mediator.languages),
                selectinload(Mediator.formats),
                selectinload(Mediator.specialisms),
                selectinload(Mediator.providers),
            )
        )
    }
    statuses = statuses_on(ids, today) if ids else {}
    declared = declarations_on(ids, local_authority.id, today) if local_authority is not None else {}
    notes = status_notes(statuses)
    results = [SearchResult(mediators[i], statuses[i], coverage[i], declared.get(i, {}), notes.get(i)) for i in ids]
    return SearchPage(search, total, results, local_authority, remote_total)


def mediation_providers() -> list[Organisation]:
    query = select(Organisation).where(Organisation.kind == "mediation_provider").order_by(Organisation.name)
    return list(db.session.scalars(query))
