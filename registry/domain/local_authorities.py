"""The English local authorities: loading the shipped list and finding one by any of its codes."""

from __future__ import annotations

import csv
import re
from importlib import resources

from sqlalchemy import or_, select
from sqlalchemy.orm import selectinload

from registry.extensions import db
from registry.models import FormerGssCode, LocalAuthority

# Barnsley and Sheffield took new GSS codes on 1 May 2025; older data still uses the old ones.
FORMER_GSS_CODES = {"E08000016": "E08000038", "E08000019": "E08000039"}


def slug_for(name: str) -> str:
    """The LA's page address: its name in lower case, words joined by hyphens, without the list's
    ", City of" or ", County of" ("Kingston upon Hull, City of" → ``kingston-upon-hull``)."""
    plain = re.sub(r", (City|County) of$", "", name)
    return "-".join(re.findall(r"[a-z0-9]+", plain.lower()))


def shipped_rows() -> list[dict[str, str]]:
    text = resources.files("registry.data").joinpath("england_las_upper_tier.csv").read_text(encoding="utf-8")
    return list(csv.DictReader(text.splitlines()))


def load_local_authorities() -> int:
    """Insert or update the 153 LAs and the former-code aliases. Idempotent; returns rows changed."""
    existing = {la.gss_code: la for la in db.session.scalars(select(LocalAuthority))}
    changed = 0
    for row in shipped_rows():
        values = {
            "dfe_code": row["dfe_la_code"],
            "name": row["la_name"],
            "slug": slug_for(row["la_name"]),
            "region_code": row["region_code"],
            "region_name": row["region_name"],
        }
        la = existing.get(row["gss_code"])
        if la is None:
            db.session.add(LocalAuthority(gss_code=row["gss_code"], **values))
            changed += 1
        elif any(getattr(la, k) != v for k, v in values.items()):
            for k, v in values.items():
                setattr(la, k, v)
            changed += 1
    db.session.flush()
    aliases = set(db.session.scalars(select(FormerGssCode.gss_code)))
    for old, new in FORMER_GSS_CODES.items():
        if old not in aliases:
            la_id = db.session.execute(select(LocalAuthority.id).where(LocalAuthority.gss_code == new)).scalar_one()
            db.session.add(FormerGssCode(gss_code=old, local_authority_id=la_id))
            changed += 1
    db.session.flush()
    return changed


def find_local_authority(code: str) -> LocalAuthority | None:
    """By current GSS code, former GSS code, or 3-digit DfE code (case and spaces ignored)."""
    code = (code or "").strip().upper()
    if not code:
        return None
    former = select(FormerGssCode.local_authority_id).where(FormerGssCode.gss_code == code)
    return db.session.scalars(
        select(LocalAuthority).where(
            or_(LocalAuthority.gss_code == code, LocalAuthority.dfe_code == code, LocalAuthority.id.in_(former))
        )
    ).first()


def local_authority_by_slug(slug: str) -> LocalAuthority | None:
    return db.session.scalars(select(LocalAuthority).where(LocalAuthority.slug == slug)).first()


def all_local_authorities() -> list[LocalAuthority]:
    return list(db.session.scalars(select(LocalAuthority).order_by(LocalAuthority.name)))


def local_authorities_by_region() -> list[tuple[str, list[LocalAuthority]]]:
    """Every LA in name order, grouped by region (regions in name order): the list page's sections."""
    regions: dict[str, list[LocalAuthority]] = {}
    query = select(LocalAuthority).order_by(LocalAuthority.region_name, LocalAuthority.name)
    for la in db.session.scalars(query):
        regions.setdefault(la.region_name, []).append(la)
    return list(regions.items())


def local_authorities_with_former_codes() -> list[LocalAuthority]:
    """Every LA in name order with its former GSS codes loaded (two queries, for the reference list)."""
    query = select(LocalAuthority).options(selectinload(LocalAuthority.former_codes)).order_by(LocalAuthority.name)
    return list(db.session.scalars(query))
