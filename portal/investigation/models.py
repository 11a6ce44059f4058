"""The utredning: the handläggare's assessment per livsområde and internal notes."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, SmallInteger, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.modelbase import Base, citizen_fk, code, free_text, int_pk, utcnow


class Assessment(Base):
    """The handläggare's view of one livsområde: bedömt and avsett."""

    __tablename__ = "assessment"
    __table_args__ = (Index("ix_assessment_area_time", "life_area", "recorded_at"),)

    id: Mapped[int_pk]
    application_id: Mapped[int] = mapped_column(ForeignKey("application.id", ondelete="CASCADE"), index=True)
    citizen_id: Mapped[int] = citizen_fk()
    officer_id: Mapped[int] = mapped_column(ForeignKey("staff_user.id"))
    life_area: Mapped[code]
    icf_category: Mapped[str | None] = mapped_column(String(20))
    assessed_level: Mapped[int | None] = mapped_column(SmallInteger)
    intended_level: Mapped[int | None] = mapped_column(SmallInteger)
    support_kind: Mapped[str | None] = mapped_column(String(20))
    recorded_at: Mapped[datetime] = mapped_column(default=utcnow)

    related_factors: Mapped[list[RelatedFactor]] = relationship(cascade="all, delete-orphan")


class RelatedFactor(Base):
    """What helps or hinders: body function, health, environment, aid …"""

    __tablename__ = "related_factor"

    id: Mapped[int_pk]
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessment.id", ondelete="CASCADE"), index=True)
    kind: Mapped[code]
    effect: Mapped[str] = mapped_column(String(20), default="hindering")  # or facilitating
    description: Mapped[free_text]


class InternalNote(Base):
    """A note for colleagues. Never shown to the citizen (not in registerutdrag pages either)."""

    __tablename__ = "internal_note"

    id: Mapped[int_pk]
    application_id: Mapped[int] = mapped_column(ForeignKey("application.id", ondelete="CASCADE"), index=True)
    citizen_id: Mapped[int] = citizen_fk(index=False)
    author_id: Mapped[int] = mapped_column(ForeignKey("staff_user.id"))
    body: Mapped[free_text]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
