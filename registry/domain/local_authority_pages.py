"""What a local authority's public page and its API answer say, gathered by one function.

The page answers "how do I get mediation here": the services the LA commissions (kept by its
officers, ``commissioned_services``), the accredited mediators who cover it (the one search,
``search.search_mediators`` with the LA filter, so the page lists whoever the find page lists, in
the same order), and the outcome figures ``/statistics`` publishes for it (``oversight.statistics``).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from registry.domain.commissioned_services import services_for
from registry.domain.errors import NotFound
from registry.domain.local_authorities import find_local_authority, local_authority_by_slug
from registry.domain.oversight.statistics.page import LocalFigures, local_authority_figures
from registry.domain.search import MediatorSearch, SearchPage, search_mediators
from registry.models import CommissionedService, LocalAuthority

MEDIATORS_SHOWN = 20  # the first page of the search; the page links to the rest


@dataclass(frozen=True)
class AreaPage:
    local_authority: LocalAuthority
    services: list[CommissionedService]
    mediators: SearchPage

    @property
    def local_offers(self) -> list[str]:
        """The LA's local offer pages its officers link to, each once."""
        return list(dict.fromkeys(s.local_offer_url for s in self.services if s.local_offer_url))


def area_page(local_authority: LocalAuthority) -> AreaPage:
    return AreaPage(
        local_authority,
        services_for(local_authority),
        search_mediators(MediatorSearch(local_authority=local_authority.gss_code, per_page=MEDIATORS_SHOWN)),
    )


def outcome_figures(local_authority: LocalAuthority, cost_per_case: Decimal) -> LocalFigures:
    """The page's outcome figures (``COST_AVOIDED_PER_CASE`` is the caller's setting)."""
    return local_authority_figures(local_authority, cost_per_case)


def by_slug(slug: str) -> LocalAuthority:
    la = local_authority_by_slug(slug) if len(slug) <= 120 else None
    if la is None:
        raise NotFound("There is no local authority at this address")
    return la


def by_code(code: str) -> LocalAuthority:
    """By GSS, former GSS or DfE code, as every LA filter of the register takes them."""
    la = find_local_authority(code)
    if la is None:
        raise NotFound(f"There is no English local authority with the code {code}")
    return la
