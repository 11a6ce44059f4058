from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Index, SmallInteger, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.modelbase import Base, citizen_fk, code, created_at, free_text, int_pk


class Decision(Base):
    __tablename__ = "decision"

    id: Mapped[int_pk]
    application_id: Mapped[int | None] = mapped_column(
        ForeignKey("application.id", ondelete="CASCADE"), index=True
    )
    citizen_id: Mapped[int] = citizen_fk()
    officer_id: Mapped[int] = mapped_column(ForeignKey("staff_user.id"))
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"), index=True)
    status: Mapped[str] = mapped_column(String(20), default="draft")  # draft, published
    decided_on: Mapped[date | None] = mapped_column(Date)
    plain_summary: Mapped[free_text]
    published_at: Mapped[datetime | None]
    # The last day an appeal must reach the kommun (three weeks after the
    # person was told).
    appeal_deadline: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[created_at]

    items: Mapped[list[DecisionItem]] = relationship(
        order_by="DecisionItem.id", cascade="all, delete-orphan"
    )


class DecisionItem(Base):
    """One insats in a beslut: outcome, reason, law, validity."""

    __tablename__ = "decision_item"

    id: Mapped[int_pk]
    decision_id: Mapped[int] = mapped_column(ForeignKey("decision.id", ondelete="CASCADE"), index=True)
    service: Mapped[code]  # see portal.domain.services
    outcome: Mapped[code]  # DecisionOutcome
    motivation: Mapped[free_text]
    plain_reason: Mapped[free_text]
    legal_basis: Mapped[str] = mapped_column(String(100), default="")
    support_kind: Mapped[str | None] = mapped_column(String(20))
    valid_from: Mapped[date | None] = mapped_column(Date)
    valid_to: Mapped[date | None] = mapped_column(Date)
    extent: Mapped[str] = mapped_column(String(200), default="")  # e.g. "8 timmar per månad"

    life_areas: Mapped[list[DecisionItemLifeArea]] = relationship(cascade="all, delete-orphan")


class DecisionItemLifeArea(Base):
    __tablename__ = "decision_item_life_area"
    __table_args__ = (UniqueConstraint("decision_item_id", "life_area"),)

    id: Mapped[int_pk]
    decision_item_id: Mapped[int] = mapped_column(ForeignKey("decision_item.id", ondelete="CASCADE"))
    life_area: Mapped[code]
    assessed_level: Mapped[int | None] = mapped_column(SmallInteger)
    intended_level: Mapped[int | None] = mapped_column(SmallInteger)
    goal_id: Mapped[int | None] = mapped_column(ForeignKey("goal.id", ondelete="SET NULL"))


class Appeal(Base):
    """Överklagande written in the portal, and how the kommun handles it.

    The steps the person sees, each with a date: received (created_at), the
    rättidsprövning (in time or not), the omprövning (changed or not) and the
    forwarding to förvaltningsrätten. A late appeal is dismissed (avvisat).
    """

    __tablename__ = "appeal"

    id: Mapped[int_pk]
    decision_id: Mapped[int] = mapped_column(ForeignKey("decision.id", ondelete="CASCADE"), index=True)
    citizen_id: Mapped[int] = citizen_fk()
    proxy_authority_id: Mapped[int | None] = mapped_column(ForeignKey("proxy_authority.id"))
    text: Mapped[free_text]
    reference: Mapped[str] = mapped_column(String(30), unique=True)
    created_at: Mapped[created_at]
    # Rättidsprövning: did it reach the kommun by the deadline?
    in_time: Mapped[bool | None] = mapped_column(Boolean)
    timeliness_checked_on: Mapped[date | None] = mapped_column(Date)
    # Omprövning: changed, partly_changed or unchanged (AppealReconsideration).
    reconsideration: Mapped[str | None] = mapped_column(String(20))
    reconsidered_on: Mapped[date | None] = mapped_column(Date)
    forwarded_on: Mapped[date | None] = mapped_column(Date)  # sent on to förvaltningsrätten
    dismissed_on: Mapped[date | None] = mapped_column(Date)  # avvisat: it came in too late
    handled_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id", ondelete="SET NULL"))


class Communication(Base):
    """Kommunicering: what the utredning says, sent to the person before the beslut.

    `content` is a snapshot of what was sent (per livsområde the assessed and
    intended level, and the proposed beslut in plain words), so the person and
    the file keep exactly what was communicated even if the assessment changes.
    """

    __tablename__ = "communication"
    __table_args__ = (Index("ix_communication_application", "application_id", "sent_at"),)

    id: Mapped[int_pk]
    application_id: Mapped[int] = mapped_column(ForeignKey("application.id", ondelete="CASCADE"))
    citizen_id: Mapped[int] = citizen_fk()
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"), index=True)
    sent_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id", ondelete="SET NULL"))
    sent_at: Mapped[created_at]
    answer_by: Mapped[date] = mapped_column(Date)
    proposal_text: Mapped[free_text]  # the proposed beslut, in plain words
    content: Mapped[dict] = mapped_column(JSON, default=dict)
    # The person's answer: agree, or comment (with text).
    response: Mapped[str | None] = mapped_column(String(20))
    response_text: Mapped[free_text]
    responded_at: Mapped[datetime | None]
    response_token: Mapped[str | None] = mapped_column(String(64), unique=True)
    proxy_authority_id: Mapped[int | None] = mapped_column(ForeignKey("proxy_authority.id"))
