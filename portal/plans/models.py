from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, ForeignKey, SmallInteger, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.modelbase import Base, citizen_fk, code, created_at, free_text, int_pk


class Assignment(Base):
    """Uppdrag: what the utförare is asked to do for one insats.

    The insats, its livsområden with assessed and intended levels, and the inriktning
    are the beslut's (decision_item); the uppdrag adds the overall goals, the dates and
    what the utförare should do. Status: sent → accepted → ended. An utförare sees it
    only while it is sent or accepted and not past `ends_on` (access/gate.py).
    """

    __tablename__ = "assignment"

    id: Mapped[int_pk]
    decision_item_id: Mapped[int] = mapped_column(
        ForeignKey("decision_item.id", ondelete="CASCADE"), index=True
    )
    provider_unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"), index=True)
    citizen_id: Mapped[int | None] = citizen_fk(nullable=True)
    description: Mapped[free_text]
    goals_text: Mapped[free_text]  # the overall goals, in words the person understands
    starts_on: Mapped[date | None] = mapped_column(Date)
    ends_on: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20), default="sent")  # sent, accepted, ended
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id", ondelete="SET NULL"))
    created_at: Mapped[created_at]
    accepted_at: Mapped[datetime | None]
    contact_staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id", ondelete="SET NULL"))

    shared_areas: Mapped[list[AssignmentSharedArea]] = relationship(cascade="all, delete-orphan")


class AssignmentSharedArea(Base):
    """A livsområde of the ansökan the person lets this uppdrag's utförare read.

    Set to the uppdrag's livsområden when it is sent; the person changes it at any time.
    """

    __tablename__ = "assignment_shared_area"

    id: Mapped[int_pk]
    assignment_id: Mapped[int] = mapped_column(ForeignKey("assignment.id", ondelete="CASCADE"), index=True)
    life_area: Mapped[code]


class CareCard(Base):
    """"Så vill jag ha det": how the person wants to be met and helped, for every staff member."""

    __tablename__ = "care_card"

    id: Mapped[int_pk]
    citizen_id: Mapped[int] = mapped_column(ForeignKey("citizen.id", ondelete="CASCADE"), unique=True)
    text: Mapped[free_text]
    updated_at: Mapped[created_at]


class VisitDeviation(Base):
    """A visit that did not happen or was changed: recorded by the utförare or reported by the person."""

    __tablename__ = "visit_deviation"

    id: Mapped[int_pk]
    assignment_id: Mapped[int] = mapped_column(ForeignKey("assignment.id", ondelete="CASCADE"), index=True)
    citizen_id: Mapped[int] = citizen_fk()
    visit_on: Mapped[date] = mapped_column(Date)
    kind: Mapped[str] = mapped_column(String(20))  # missed, changed
    reason: Mapped[free_text]
    reported_by: Mapped[str] = mapped_column(String(20))  # provider, citizen
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id", ondelete="SET NULL"))
    created_at: Mapped[created_at]


class PlanReviewComment(Base):
    """The handläggare's comment on a plan, read against the beslut."""

    __tablename__ = "plan_review_comment"

    id: Mapped[int_pk]
    plan_id: Mapped[int] = mapped_column(ForeignKey("implementation_plan.id", ondelete="CASCADE"), index=True)
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id", ondelete="SET NULL"))
    text: Mapped[free_text]
    created_at: Mapped[created_at]


class ProviderGoalView(Base):
    """The utförare's view of one delmål before a follow-up: attainment and today's level."""

    __tablename__ = "provider_goal_view"

    id: Mapped[int_pk]
    assignment_id: Mapped[int] = mapped_column(ForeignKey("assignment.id", ondelete="CASCADE"), index=True)
    sub_goal_id: Mapped[int | None] = mapped_column(ForeignKey("plan_sub_goal.id", ondelete="SET NULL"))
    life_area: Mapped[code]
    attainment: Mapped[str] = mapped_column(String(20))  # GoalAttainment
    level: Mapped[int | None] = mapped_column(SmallInteger)
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id", ondelete="SET NULL"))
    created_at: Mapped[created_at]


class ImplementationPlan(Base):
    __tablename__ = "implementation_plan"

    id: Mapped[int_pk]
    citizen_id: Mapped[int] = citizen_fk()
    assignment_id: Mapped[int | None] = mapped_column(ForeignKey("assignment.id", ondelete="SET NULL"))
    decision_id: Mapped[int | None] = mapped_column(ForeignKey("decision.id", ondelete="SET NULL"))
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"), index=True)
    status: Mapped[str] = mapped_column(String(20), default="draft")  # draft, published, superseded
    version: Mapped[int] = mapped_column(SmallInteger, default=1)
    # A revision points at the version it replaces; the old one stays readable.
    replaces_id: Mapped[int | None] = mapped_column(ForeignKey("implementation_plan.id", ondelete="SET NULL"))
    participation_text: Mapped[free_text]  # how the person took part
    wishes_text: Mapped[free_text]  # which wishes were taken into account
    others_text: Mapped[free_text]  # who else took part, at the person's wish
    next_review_on: Mapped[date | None] = mapped_column(Date)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("staff_user.id"))
    created_at: Mapped[created_at]
    published_at: Mapped[datetime | None]

    sub_goals: Mapped[list[PlanSubGoal]] = relationship(
        order_by="PlanSubGoal.position", cascade="all, delete-orphan"
    )


class PlanSubGoal(Base):
    """Delmål, tied to the person's goal and livsområde."""

    __tablename__ = "plan_sub_goal"

    id: Mapped[int_pk]
    plan_id: Mapped[int] = mapped_column(
        ForeignKey("implementation_plan.id", ondelete="CASCADE"), index=True
    )
    goal_id: Mapped[int | None] = mapped_column(ForeignKey("goal.id", ondelete="SET NULL"))
    life_area: Mapped[code]
    text: Mapped[free_text]
    due_on: Mapped[date | None] = mapped_column(Date)
    position: Mapped[int] = mapped_column(SmallInteger, default=0)

    activities: Mapped[list[PlanActivity]] = relationship(
        order_by="PlanActivity.position", cascade="all, delete-orphan"
    )


class PlanActivity(Base):
    __tablename__ = "plan_activity"

    id: Mapped[int_pk]
    sub_goal_id: Mapped[int] = mapped_column(ForeignKey("plan_sub_goal.id", ondelete="CASCADE"), index=True)
    what: Mapped[free_text]
    when_text: Mapped[str] = mapped_column(String(200), default="")
    who: Mapped[str] = mapped_column(String(200), default="")
    own_part: Mapped[free_text]  # what the person does themselves
    position: Mapped[int] = mapped_column(SmallInteger, default=0)


class PlanResponse(Base):
    """The person agrees to a plan version or asks for changes."""

    __tablename__ = "plan_response"

    id: Mapped[int_pk]
    plan_id: Mapped[int] = mapped_column(
        ForeignKey("implementation_plan.id", ondelete="CASCADE"), index=True
    )
    plan_version: Mapped[int] = mapped_column(SmallInteger)
    agreed: Mapped[bool] = mapped_column(Boolean)
    proxy_authority_id: Mapped[int | None] = mapped_column(ForeignKey("proxy_authority.id"))
    responded_at: Mapped[created_at]
    # A change request stays in the caseload's "needs action" until staff handle it.
    handled_at: Mapped[datetime | None]
    handled_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id", ondelete="SET NULL"))

    change_requests: Mapped[list[PlanChangeRequest]] = relationship(cascade="all, delete-orphan")


class PlanChangeRequest(Base):
    __tablename__ = "plan_change_request"

    id: Mapped[int_pk]
    response_id: Mapped[int] = mapped_column(ForeignKey("plan_response.id", ondelete="CASCADE"), index=True)
    sub_goal_id: Mapped[int | None] = mapped_column(ForeignKey("plan_sub_goal.id", ondelete="SET NULL"))
    text: Mapped[free_text]
