"""The "where" of a search: ``resolve(text)`` reads what a family typed as the one LA to search.

In order: a full postcode anywhere in the text (an address pasted whole), a postcode sector
(``S10 2``) or district (``S10``), an LA's GSS or DfE code, then a town, city or council name,
exactly or misspelt. It answers ``Understood`` or raises ``WhereNotUnderstood`` with the LAs to
offer: the choices when it could mean more than one (a district across a boundary, one of four
Newports, a place within 2 km of another LA, "London"), suggestions when it found nothing close
enough, none when the postcode is outside England. It never guesses between LAs.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from registry.domain.errors import DomainError
from registry.domain.places import names, postcodes
from registry.domain.places.areas import Area, by_code
from registry.domain.places.postcodes import DISTRICT, FULL_POSTCODE, NO_AREA, OUTSIDE_ENGLAND, SECTOR

MAX_LENGTH = 100
KINDS = ("postcode", "postcode_sector", "postcode_district", "place", "local_authority")
LA_CODE_SHAPE = ("E", "e")
MAX_SUGGESTIONS = 5


@dataclass(frozen=True)
class Understood:
    text: str  # as typed, spaces tidied
    kind: str  # one of KINDS
    place: str  # what it was read as: "CB2 1TN", "S10", "Cambridge", "Sheffield"
    area: Area

    @property
    def description(self) -> str:
        """ "Cambridgeshire (CB2 1TN)"; just "Sheffield" when the place is the LA's own name."""
        same = names.core(names.normalise(self.place)) == names.core(names.normalise(self.area.name))
        return self.area.name if same else f"{self.area.name} ({self.place})"


@dataclass(frozen=True)
class Option:
    """An LA to offer, labelled for this search ("Newport, Isle of Wight", "Sheffield")."""

    label: str
    area: Area


class WhereNotUnderstood(DomainError):
    """``reason``: ``ambiguous`` (choose one of ``options``), ``not_found`` (``options`` are
    suggestions, perhaps none), ``outside_england`` or ``empty``."""

    def __init__(self, message: str, reason: str, options: Iterable[Option] = ()) -> None:
        super().__init__(message, field="where")
        self.reason = reason
        self.options = _distinct(options)


def _distinct(options: Iterable[Option]) -> tuple[Option, ...]:
    seen: dict[str, Option] = {}
    for option in options:
        seen.setdefault(option.area.gss_code, option)
    return tuple(seen.values())


def resolve(text: str) -> Understood:
    tidied = " ".join(text.split())[:MAX_LENGTH]
    if not tidied:
        raise WhereNotUnderstood("Enter a postcode, a town or city, or a local authority", "empty")
    upper = postcodes.tidy(tidied)
    if found := FULL_POSTCODE.search(upper):
        return _postcode(tidied, found[1], found[2])
    if found := SECTOR.match(upper) or DISTRICT.match(upper):
        return _district(tidied, *found.groups())
    if upper.startswith(LA_CODE_SHAPE) or upper.isdigit():
        area = by_code(upper)
        if area is not None:
            return Understood(tidied, "local_authority", area.name, area)
    return _named(tidied)


def searched_area(where: str | None, local_authority: str | None) -> Understood | None:
    """What a search's ``where`` means, when it has one. A search says where either way, not both."""
    if where is None:
        return None
    if local_authority:
        raise WhereNotUnderstood("Search by a place or by a local authority’s code, not both", "conflict")
    return resolve(where)


def _outside(place: str, area: int) -> WhereNotUnderstood:
    return WhereNotUnderstood(
        f"{place} is in {OUTSIDE_ENGLAND[area]}. This register lists mediators for local authorities in England only",
        "outside_england",
    )


def _postcode(text: str, outward: str, inward: str) -> Understood:
    postcode = f"{outward} {inward}"
    area = postcodes.directory().area_of(postcodes.key(outward, inward))
    if area in OUTSIDE_ENGLAND:
        raise _outside(postcode, area)
    found = _area(area) if area is not None else None
    if found is not None:
        return Understood(text, "postcode", postcode, found)
    options, others = _areas_within(outward)
    if not options and others:
        raise _outside(postcode, others.most_common(1)[0][0])
    if area == NO_AREA:
        problem = f"{postcode} is a postcode for post only, not for a place"
    else:
        problem = f"We could not find the postcode {postcode}"
    advice = f"Check it, or choose the area of {outward}" if options else "Check it, or enter your town or city"
    raise WhereNotUnderstood(f"{problem}. {advice}", "not_found", options)


def _district(text: str, outward: str, sector: str | None = None) -> Understood:
    label = f"{outward} {sector}" if sector else outward
    options, others = _areas_within(outward, sector or "")
    kind = "postcode_sector" if sector else "postcode_district"
    if len(options) == 1 and not others:
        return Understood(text, kind, label, options[0].area)
    if not options and others:
        raise _outside(label, others.most_common(1)[0][0])
    if not options:
        raise WhereNotUnderstood(
            f"We could not find the postcode area {label}. Check it, or enter your full postcode", "not_found"
        )
    outside = " (and part of it is outside England)" if others else ""
    raise WhereNotUnderstood(
        f"Postcodes in {label} are in more than one local authority{outside}. "
        "Choose yours, or enter your full postcode",
        "ambiguous",
        options,
    )


def _area(number: int) -> Area | None:
    gss_code = postcodes.directory().header.gss_code(number)
    return by_code(gss_code) if gss_code else None


def _areas_within(outward: str, sector: str = "") -> tuple[list[Option], Counter[int]]:
    """The LAs of a district's (or sector's) postcodes, most postcodes first, and the postcodes outside England."""
    counts = postcodes.directory().areas_within(postcodes.key(outward, sector))
    options = []
    for number, _ in counts.most_common():
        area = _area(number)
        if area is not None:
            options.append(Option(area.name, area))
    outside = Counter({number: n for number, n in counts.items() if number in OUTSIDE_ENGLAND})
    return options, outside


def _named(text: str) -> Understood:
    found = names.candidates(text)
    if found:
        return _from_candidates(text, found)
    misses = names.near_misses(text)
    if misses and misses[0].score >= names.CLOSE:
        best = [candidate for miss in misses if miss.score == misses[0].score for candidate in miss.candidates]
        return _from_candidates(text, best)
    suggestions = [_option(candidate) for miss in misses for candidate in miss.candidates]
    raise WhereNotUnderstood(
        f"We could not find a town, city or local authority in England called ‘{text}’. "
        "Check the spelling, or enter a postcode",
        "not_found",
        suggestions[:MAX_SUGGESTIONS],
    )


def _option(candidate: names.Candidate) -> Option:
    same = names.normalise(candidate.name) == names.normalise(candidate.area.name)
    return Option(candidate.area.name if same or candidate.council else f"{candidate.name}, {candidate.area.name}",
                  candidate.area)  # fmt: skip


def _from_candidates(text: str, found: list[names.Candidate]) -> Understood:
    councils = [candidate for candidate in found if candidate.council]
    if councils:
        options = _distinct(Option(c.area.name, c.area) for c in councils)
        if len(options) == 1:
            area = options[0].area
            own_name = names.core(names.normalise(area.name)) == names.core(names.normalise(text))
            return Understood(text, "local_authority" if own_name else "place", _spelt(councils, text), area)
        raise WhereNotUnderstood(
            f"{text} has {len(options)} local authorities. Choose yours, or enter your postcode",
            "ambiguous",
            options,
        )
    places = _distinct(_option(candidate) for candidate in found)
    if len(places) > 1:
        raise WhereNotUnderstood(
            f"There is more than one {_spelt(found)} in England. Choose yours, or enter your postcode",
            "ambiguous",
            places,
        )
    near = [Option(area.name, area) for candidate in found for area in candidate.near]
    if not near:
        return Understood(text, "place", _spelt(found), places[0].area)
    raise WhereNotUnderstood(
        f"{_spelt(found)} is close to the boundary between local authorities. Choose yours, or enter your "
        "postcode to be sure",
        "ambiguous",
        [Option(places[0].area.name, places[0].area), *near],
    )


def _spelt(found: list[names.Candidate], text: str = "") -> str:
    """The name as the source spells it, capitals and all, when it has them (the one typed, if found)."""
    typed = names.normalise(text)
    for candidate in sorted(found, key=lambda candidate: names.normalise(candidate.name) != typed):
        if candidate.name != candidate.name.lower():
            return candidate.name
    return found[0].name.title()
