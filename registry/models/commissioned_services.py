"""The mediation services a local authority commissions, as its own officers describe them.

A family's route to mediation runs through the service the LA commissions (Children and Families Act
2014 s.53–54: the LA must arrange mediation through someone independent of it), so the LA's public
page (``/local-authorities/<slug>``) says which it is and how to reach it. A service belongs to the
LA's organisation: only that LA's officers add, change or remove it, each change audited. Every field
is public: it is what the LA publishes about its own arrangements.

A service may name the mediation provider on the register that runs it (``provider_id``). Such a link
is the provider's to propose and the LA's to confirm: a service the provider proposed waits, unseen
by the public, until an officer of the LA confirms it (``confirmed_at``); one the LA adds itself is
confirmed as it is added.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from registry.models.base import Base, utcnow
from registry.models.organisations import Organisation

NAME_LENGTH = 200
EMAIL_LENGTH = 254
PHONE_LENGTH = 40
URL_LENGTH = 500
HOW_TO_REFER_LENGTH = 2000


class CommissionedService(Base):
    __tablename__ = "commissioned_services"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"), index=True)
    provider_name: Mapped[str] = mapped_column(String(NAME_LENGTH))
    email: Mapped[str | None] = mapped_column(String(EMAIL_LENGTH))
    phone: Mapped[str | None] = mapped_column(String(PHONE_LENGTH))
    website: Mapped[str | None] = mapped_column(String(URL_LENGTH))
    how_to_refer: Mapped[str] = mapped_column(Text)
    since: Mapped[date]
    local_offer_url: Mapped[str | None] = mapped_column(String(URL_LENGTH))
    provider_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"), index=True)
    confirmed_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    organisation: Mapped[Organisation] = relationship(foreign_keys=[organisation_id])
    provider: Mapped[Organisation | None] = relationship(foreign_keys=[provider_id])

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None

    def __repr__(self) -> str:
        return f"<CommissionedService {self.id} {self.provider_name!r} for organisation {self.organisation_id}>"
