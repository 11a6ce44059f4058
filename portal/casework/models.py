"""The handläggare's own records: internal notes and the case history."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from portal.modelbase import Base, citizen_fk, code, free_text, int_pk, utcnow


class InternalNote(Base):
    """A note for colleagues. Never shown to the citizen (not in registerutdrag pages either)."""

    __tablename__ = "internal_note"

    id: Mapped[int_pk]
    application_id: Mapped[int] = mapped_column(ForeignKey("application.id", ondelete="CASCADE"), index=True)
    citizen_id: Mapped[int] = citizen_fk(index=False)
    author_id: Mapped[int] = mapped_column(ForeignKey("staff_user.id"))
    body: Mapped[free_text]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class CaseEvent(Base):
    """One thing that happened to a case, as a code (no free text): the case history."""

    __tablename__ = "case_event"
    __table_args__ = (Index("ix_case_event_application_time", "application_id", "at"),)

    id: Mapped[int_pk]
    application_id: Mapped[int] = mapped_column(ForeignKey("application.id", ondelete="CASCADE"))
    at: Mapped[datetime] = mapped_column(default=utcnow)
    kind: Mapped[code]  # see portal.casework.history.EVENT_KINDS
    actor_kind: Mapped[str] = mapped_column(String(20))  # staff, api, citizen, proxy, system
    actor_staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id", ondelete="SET NULL"))
    actor_client_id: Mapped[str | None] = mapped_column(String(100))
    record_type: Mapped[str | None] = mapped_column(String(40))
    record_id: Mapped[int | None]
