"""Organisations on the register."""

from __future__ import annotations

from sqlalchemy import select

from registry.extensions import db
from registry.models import Organisation


def find_organisation_by_slug(slug: str) -> Organisation | None:
    return db.session.scalars(select(Organisation).where(Organisation.slug == slug)).first()


def organisations_of_kind(kind: str) -> list[Organisation]:
    return list(db.session.scalars(select(Organisation).where(Organisation.kind == kind).order_by(Organisation.name)))
