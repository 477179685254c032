"""The areas places resolve to: the 153 LAs (the shipped DfE list) and the districts in them.

``registry/data/lad_to_la.csv`` maps every English local authority district (2025 codes, as in the
ONS Postcode Directory) to the upper-tier LA that runs SEND services: a district of a two-tier area
to its county. Source and licence: ``registry/data/places.md``.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib import resources

from registry.domain.local_authorities import FORMER_GSS_CODES, shipped_rows


@dataclass(frozen=True)
class Area:
    """One of the 153 LAs, as reference data (the database's LocalAuthority rows are loaded from it)."""

    gss_code: str
    dfe_code: str
    name: str
    region_name: str


def mapping_text() -> str:
    return resources.files("registry.data").joinpath("lad_to_la.csv").read_text(encoding="utf-8")


@cache
def all_areas() -> dict[str, Area]:
    """By GSS code, in the shipped list's order."""
    return {
        row["gss_code"]: Area(row["gss_code"], row["dfe_la_code"], row["la_name"], row["region_name"])
        for row in shipped_rows()
    }


@cache
def _by_dfe_code() -> dict[str, Area]:
    return {area.dfe_code: area for area in all_areas().values()}


def area_codes() -> list[str]:
    return list(all_areas())


def by_dfe_code(code: str) -> Area:
    return _by_dfe_code()[code]


def by_code(code: str) -> Area | None:
    """By current GSS, former GSS or DfE code, as ``find_local_authority`` reads them."""
    code = code.strip().upper()
    code = FORMER_GSS_CODES.get(code, code)
    return all_areas().get(code) or _by_dfe_code().get(code)


def district_areas() -> dict[str, str]:
    """District (LAD) code → the GSS code of the LA that runs its SEND services."""
    return {
        row["lad_code"]: by_dfe_code(row["la_code"]).gss_code for row in csv.DictReader(mapping_text().splitlines())
    }
