from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Index, SmallInteger, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.modelbase import Base, citizen_fk, code, created_at, free_text, int_pk


class FollowUp(Base):
    __tablename__ = "follow_up"
    __table_args__ = (Index("ix_follow_up_due", "status", "due_on"),)

    id: Mapped[int_pk]
    citizen_id: Mapped[int] = citizen_fk()
    application_id: Mapped[int | None] = mapped_column(ForeignKey("application.id", ondelete="SET NULL"))
    decision_id: Mapped[int | None] = mapped_column(ForeignKey("decision.id", ondelete="SET NULL"))
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"), index=True)
    due_on: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20), default="scheduled")  # scheduled, answered
    # Question sets are versioned data; answers keep the version they used.
    quality_questions_version: Mapped[str | None] = mapped_column(String(40))
    life_questions_version: Mapped[str | None] = mapped_column(String(40))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    created_at: Mapped[created_at]
    answered_at: Mapped[datetime | None]
    filled_in_by: Mapped[str | None] = mapped_column(String(20))
    proxy_authority_id: Mapped[int | None] = mapped_column(ForeignKey("proxy_authority.id"))
    helped_text: Mapped[free_text]  # what helped / what got in the way
    # An answered follow-up needs the handläggare's reading ("needs action" until then).
    reviewed_at: Mapped[datetime | None]
    reviewed_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id", ondelete="SET NULL"))

    goal_evaluations: Mapped[list[GoalEvaluation]] = relationship(cascade="all, delete-orphan")
    survey_answers: Mapped[list[SurveyAnswer]] = relationship(cascade="all, delete-orphan")


class GoalEvaluation(Base):
    """Måluppfyllelse for one goal at one follow-up."""

    __tablename__ = "goal_evaluation"
    __table_args__ = (UniqueConstraint("follow_up_id", "goal_id"),)

    id: Mapped[int_pk]
    follow_up_id: Mapped[int] = mapped_column(ForeignKey("follow_up.id", ondelete="CASCADE"))
    goal_id: Mapped[int] = mapped_column(ForeignKey("goal.id", ondelete="CASCADE"), index=True)
    attainment: Mapped[str | None] = mapped_column(String(20))  # GoalAttainment
    level_now: Mapped[int | None] = mapped_column(SmallInteger)


class SurveyAnswer(Base):
    """One answer in a quality or quality-of-life question set."""

    __tablename__ = "survey_answer"
    __table_args__ = (
        UniqueConstraint("follow_up_id", "questionnaire", "question_key"),
        Index("ix_survey_answer_question", "questionnaire", "version", "question_key"),
    )

    id: Mapped[int_pk]
    follow_up_id: Mapped[int] = mapped_column(ForeignKey("follow_up.id", ondelete="CASCADE"))
    questionnaire: Mapped[code]  # quality, life
    version: Mapped[str] = mapped_column(String(40))
    question_key: Mapped[code]
    value: Mapped[int | None] = mapped_column(SmallInteger)  # None: vet inte / vill inte svara


class NeedChange(Base):
    """"Mitt behov har ändrats": the person asks for a review because their needs changed."""

    __tablename__ = "need_change"

    id: Mapped[int_pk]
    citizen_id: Mapped[int] = citizen_fk()
    application_id: Mapped[int | None] = mapped_column(ForeignKey("application.id", ondelete="SET NULL"), index=True)
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"), index=True)
    proxy_authority_id: Mapped[int | None] = mapped_column(ForeignKey("proxy_authority.id"))
    reference: Mapped[str] = mapped_column(String(30), unique=True)
    created_at: Mapped[created_at]
    handled_at: Mapped[datetime | None]
    handled_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id", ondelete="SET NULL"))

    areas: Mapped[list[NeedChangeArea]] = relationship(cascade="all, delete-orphan", order_by="NeedChangeArea.id")


class NeedChangeArea(Base):
    """One livsområde in a need change: what is different now, and the person's level today."""

    __tablename__ = "need_change_area"

    id: Mapped[int_pk]
    need_change_id: Mapped[int] = mapped_column(ForeignKey("need_change.id", ondelete="CASCADE"), index=True)
    life_area: Mapped[code]
    text: Mapped[free_text]
    current_level: Mapped[int | None] = mapped_column(SmallInteger)
