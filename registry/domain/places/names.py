"""Towns, cities and council names → LAs, forgiving of case, punctuation, council words and small
misspellings (``registry/data/places.csv``: GeoNames places of 1,000 people or more, each given the
LA of the nearest postcode, and mySociety's council names and variants).

A name finds ``Candidate`` rows. A council name says its LA outright; a place may be one of several
of that name (Newport, Richmond) or lie within 2 km of another LA (it is approximate near a
boundary), so the caller offers the choice. "London" means its 33 LAs.
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from importlib import resources

from rapidfuzz import fuzz, process, utils

from registry.domain.places.areas import Area, all_areas, by_dfe_code

# Said around a council's name, never the name itself ("Royal Borough of Greenwich", "Hull City Council").
COUNCIL_WORDS = frozenset(
    "the city of royal borough london metropolitan district county council ua boro corporation and".split()
)
CLOSE = 85  # a misspelling within this score (rapidfuzz ratio, 0–100) is read as the name
SUGGEST = 65  # within this, offered as a suggestion
MIN_FUZZY_LENGTH = 4


@dataclass(frozen=True)
class Candidate:
    name: str  # as the source spells it
    area: Area
    council: bool  # a council's name: says its LA outright
    near: tuple[Area, ...] = ()  # other LAs within 2 km of a place


def normalise(text: str) -> str:
    """Lower case, ``&`` as "and", "St." as "st", punctuation and hyphens as spaces, single spaces."""
    text = re.sub(r"\bst\.", "st", text.casefold().replace("&", " and "))
    return utils.default_process(text)


def core(text: str) -> str:
    """The name without council words ("royal borough of greenwich" → "greenwich"); the whole name
    when it is nothing but such words ("city of london")."""
    words = [word for word in text.split() if word not in COUNCIL_WORDS]
    return " ".join(words) or text


@dataclass(frozen=True)
class Index:
    exact: dict[str, list[Candidate]]  # normalised names, and their cores
    keys: list[str]


@cache
def index() -> Index:
    text = resources.files("registry.data").joinpath("places.csv").read_text(encoding="utf-8")
    full: dict[str, list[Candidate]] = defaultdict(list)
    cores: dict[str, list[Candidate]] = defaultdict(list)
    for row in csv.DictReader(text.splitlines()):
        council = row["kind"] == "council-name"
        near = tuple(by_dfe_code(code) for code in row["other_las_within_2km"].split())
        candidate = Candidate(row["place_name"], by_dfe_code(row["la_code"]), council, near)
        name = normalise(row["place_name"])
        full[name].append(candidate)
        if council:
            cores[core(name)].append(candidate)
    london = [Candidate(area.name, area, True) for area in all_areas().values() if area.region_name == "London"]
    for area in all_areas().values():  # the LA's own name, as the register spells it ("Bristol, City of")
        full[normalise(area.name)].append(Candidate(area.name, area, True))
    exact = {name: cores.get(name, []) + full.get(name, []) for name in cores.keys() | full.keys()}
    exact["london"] = london
    return Index(exact, sorted(exact))


def candidates(text: str) -> list[Candidate]:
    """The rows a name matches exactly (as typed, or without its council words)."""
    name = normalise(text)
    found = index().exact
    return found.get(name) or found.get(core(name)) or []


@dataclass(frozen=True)
class Near:
    """A known name within reach of a misspelling, and how close (0–100)."""

    name: str
    score: float
    candidates: list[Candidate]


def near_misses(text: str, limit: int = 8) -> list[Near]:
    """The known names closest to ``text``, best first (none for very short text)."""
    name = normalise(text)
    if len(name) < MIN_FUZZY_LENGTH:
        return []
    found = index()
    matches = process.extract(name, found.keys, scorer=fuzz.ratio, limit=limit, score_cutoff=SUGGEST)
    return [Near(key, score, found.exact[key]) for key, score, _ in matches]
