from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, ForeignKey, Index, SmallInteger, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.domain.states import ApplicationStatus
from portal.modelbase import Base, citizen_fk, code, created_at, free_text, int_pk, utcnow


class Application(Base):
    __tablename__ = "application"
    __table_args__ = (
        # The handläggare's inbox: submitted applications of a unit, newest first.
        Index("ix_application_inbox", "unit_id", "status", "submitted_at"),
    )

    id: Mapped[int_pk]
    reference: Mapped[str | None] = mapped_column(String(30), unique=True)
    citizen_id: Mapped[int] = citizen_fk()
    status: Mapped[str] = mapped_column(String(20), default=ApplicationStatus.DRAFT.value)
    filled_in_by: Mapped[str | None] = mapped_column(String(20))
    # Set when an ombud wrote or submitted it ("X for Y").
    proxy_authority_id: Mapped[int | None] = mapped_column(ForeignKey("proxy_authority.id"))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"))
    assigned_officer_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"), index=True)
    current_step: Mapped[str | None] = mapped_column(String(60))
    contact_phone: Mapped[str | None] = mapped_column(String(40))
    contact_email: Mapped[str | None] = mapped_column(String(200))
    interpreter_language: Mapped[str | None] = mapped_column(String(60))
    communication_support: Mapped[free_text]
    # Idempotency key: a double click on "Skicka" submits once.
    submission_token: Mapped[str | None] = mapped_column(String(64), unique=True)
    created_at: Mapped[created_at]
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    draft_expires_on: Mapped[date | None] = mapped_column(Date)
    submitted_at: Mapped[datetime | None]
    received_at: Mapped[datetime | None]
    decided_at: Mapped[datetime | None]

    needs: Mapped[list[NeedDescription]] = relationship(
        back_populates="application", order_by="NeedDescription.position", cascade="all, delete-orphan"
    )
    goals: Mapped[list[Goal]] = relationship(order_by="Goal.position", cascade="all, delete-orphan")
    consents: Mapped[list[ConsentToContact]] = relationship(cascade="all, delete-orphan")


class NeedDescription(Base):
    """The person's own words about one livsområde."""

    __tablename__ = "need_description"
    __table_args__ = (UniqueConstraint("application_id", "life_area"),)

    id: Mapped[int_pk]
    application_id: Mapped[int] = mapped_column(ForeignKey("application.id", ondelete="CASCADE"))
    life_area: Mapped[code]
    position: Mapped[int] = mapped_column(SmallInteger, default=0)
    today_text: Mapped[free_text]
    resources_text: Mapped[free_text]
    difficulties_text: Mapped[free_text]
    wanted_help_text: Mapped[free_text]
    what_matters_text: Mapped[free_text]

    application: Mapped[Application] = relationship(back_populates="needs")


class SelfAssessment(Base):
    """Individens uppfattning: a level now and a wanted level, at one time.

    Written with an application and again at each follow-up, so change over
    time is a query on (citizen, life_area) ordered by recorded_at.
    """

    __tablename__ = "self_assessment"
    __table_args__ = (
        Index("ix_self_assessment_citizen_area", "citizen_id", "life_area", "recorded_at"),
        Index("ix_self_assessment_area_time", "life_area", "recorded_at"),
    )

    id: Mapped[int_pk]
    citizen_id: Mapped[int] = citizen_fk(index=False)
    application_id: Mapped[int | None] = mapped_column(ForeignKey("application.id", ondelete="CASCADE"), index=True)
    follow_up_id: Mapped[int | None] = mapped_column(ForeignKey("follow_up.id", ondelete="CASCADE"), index=True)
    life_area: Mapped[code]
    icf_category: Mapped[str | None] = mapped_column(String(20))
    # None means "Vet inte": the person chose not to grade it.
    current_level: Mapped[int | None] = mapped_column(SmallInteger)
    wanted_level: Mapped[int | None] = mapped_column(SmallInteger)
    recorded_at: Mapped[datetime] = mapped_column(default=utcnow)


class Goal(Base):
    """A goal in the person's own words, tied to a livsområde and a date."""

    __tablename__ = "goal"

    id: Mapped[int_pk]
    citizen_id: Mapped[int] = citizen_fk()
    application_id: Mapped[int | None] = mapped_column(ForeignKey("application.id", ondelete="CASCADE"), index=True)
    life_area: Mapped[code]
    text: Mapped[free_text]
    wanted_level: Mapped[int | None] = mapped_column(SmallInteger)
    follow_up_on: Mapped[date | None] = mapped_column(Date)
    position: Mapped[int] = mapped_column(SmallInteger, default=0)
    created_at: Mapped[created_at]


class ConsentToContact(Base):
    """Samtycke: may the kommun contact this named person or organisation."""

    __tablename__ = "consent_to_contact"

    id: Mapped[int_pk]
    application_id: Mapped[int] = mapped_column(ForeignKey("application.id", ondelete="CASCADE"), index=True)
    kind: Mapped[code]  # relative, health_care, other
    name: Mapped[str] = mapped_column(String(200), default="")
    contact: Mapped[str] = mapped_column(String(200), default="")
    given: Mapped[bool] = mapped_column(Boolean, default=False)
