"""Reference data: the English local authorities with education duties."""

from __future__ import annotations

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from registry.models.base import Base


class LocalAuthority(Base):
    __tablename__ = "local_authorities"

    id: Mapped[int] = mapped_column(primary_key=True)
    gss_code: Mapped[str] = mapped_column(String(9), unique=True)
    dfe_code: Mapped[str] = mapped_column(String(3), unique=True)
    name: Mapped[str] = mapped_column(String(120), index=True)
    # Its page's address, /local-authorities/<slug> (registry.domain.local_authorities.slug_for).
    slug: Mapped[str] = mapped_column(String(120), unique=True)
    region_code: Mapped[str] = mapped_column(String(9), index=True)
    region_name: Mapped[str] = mapped_column(String(60))

    former_codes: Mapped[list[FormerGssCode]] = relationship(back_populates="local_authority")

    def __repr__(self) -> str:
        return f"<LocalAuthority {self.gss_code} {self.name}>"


class FormerGssCode(Base):
    """A GSS code an LA used before a boundary or coding change, still accepted as input."""

    __tablename__ = "former_gss_codes"

    gss_code: Mapped[str] = mapped_column(String(9), primary_key=True)
    local_authority_id: Mapped[int] = mapped_column(ForeignKey("local_authorities.id", ondelete="CASCADE"), index=True)

    local_authority: Mapped[LocalAuthority] = relationship(back_populates="former_codes")
