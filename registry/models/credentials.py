"""Where each credential stands on the register's status lists (issue 18, W3C Bitstring Status List).

Every mediator's accreditation and every training programme that has been accredited holds one
``CredentialStatusEntry``: a position (``status_index``) on the register's two status lists, drawn
at random from the unused ones when the subject first needs it and never given to another subject,
so a verifier who fetches a list learns nothing from the positions. ``revoked`` (withdrawn or
resigned: final) and ``suspended`` (suspended or lapsed: may be reinstated) are the two bits of
that position, kept in step with the subject's status in the transaction of each of its events
(``registry.domain.credentials.status``). ``changed_at`` is when a bit last changed (the lists'
"valid from").
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, CheckConstraint, ForeignKey, Index, Integer
from sqlalchemy.orm import Mapped, mapped_column

from registry.models.base import Base, utcnow


class CredentialStatusEntry(Base):
    __tablename__ = "credential_status_entries"
    __table_args__ = (
        CheckConstraint("(accreditation_id IS NULL) <> (programme_id IS NULL)", name="one_subject"),
        CheckConstraint("status_index >= 0", name="status_index_not_negative"),
        Index("ix_credential_status_entries_revoked", "revoked"),
        Index("ix_credential_status_entries_suspended", "suspended"),
        Index("ix_credential_status_entries_changed_at", "changed_at"),
    )

    status_index: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    accreditation_id: Mapped[int | None] = mapped_column(ForeignKey("accreditations.id"), unique=True)
    programme_id: Mapped[int | None] = mapped_column(ForeignKey("training_programmes.id"), unique=True)
    revoked: Mapped[bool] = mapped_column(Boolean, default=False)
    suspended: Mapped[bool] = mapped_column(Boolean, default=False)
    changed_at: Mapped[datetime] = mapped_column(default=utcnow)

    def __repr__(self) -> str:
        return f"<CredentialStatusEntry {self.status_index}>"
