"""Which standards versions have been published into this register, with their content hash.

The standards themselves live in the YAML files (read by ``registry.standards``); the database
records each imported version so a changed file for a published version is refused, and so
accreditations, assessments and programmes can name the version they were judged against.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from registry.models.base import Base, utcnow


class StandardsVersion(Base):
    __tablename__ = "standards_versions"
    __table_args__ = (UniqueConstraint("family", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    family: Mapped[str] = mapped_column(String(40))
    version: Mapped[str] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(String(200))
    published_on: Mapped[date]
    content_hash: Mapped[str] = mapped_column(String(64))
    imported_at: Mapped[datetime] = mapped_column(default=utcnow)

    def __repr__(self) -> str:
        return f"<StandardsVersion {self.family} {self.version}>"
