"""The case history: one row per thing that happened to a case, as a code (no free text)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from portal.modelbase import Base, code, int_pk, utcnow


class CaseEvent(Base):
    """One thing that happened to a case, as a code (no free text): the case history."""

    __tablename__ = "case_event"
    __table_args__ = (Index("ix_case_event_application_time", "application_id", "at"),)

    id: Mapped[int_pk]
    application_id: Mapped[int] = mapped_column(ForeignKey("application.id", ondelete="CASCADE"))
    at: Mapped[datetime] = mapped_column(default=utcnow)
    kind: Mapped[code]  # see portal.history.services.EVENT_LABELS
    actor_kind: Mapped[str] = mapped_column(String(20))  # staff, api, citizen, proxy, system
    actor_staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id", ondelete="SET NULL"))
    actor_client_id: Mapped[str | None] = mapped_column(String(100))
    # Set when an ombud acted for the person ("David Andersson (ombud) för Anna").
    proxy_authority_id: Mapped[int | None] = mapped_column(ForeignKey("proxy_authority.id", ondelete="SET NULL"))
    record_type: Mapped[str | None] = mapped_column(String(40))
    record_id: Mapped[int | None]
