"""Factories for a whole IBIC case seen from the person's side."""

from __future__ import annotations

from datetime import date, timedelta
from types import SimpleNamespace

import pytest

from portal.applications.models import Application, Goal, SelfAssessment
from portal.decisions.models import Decision, DecisionItem, DecisionItemLifeArea
from portal.domain.states import ApplicationStatus
from portal.followups.models import FollowUp
from portal.modelbase import utcnow
from portal.plans.models import ImplementationPlan, PlanActivity, PlanSubGoal


def build_case(db, citizen, officer, areas=("d5", "d6"), appeal_in_days=10):
    """A submitted ansökan with goals and self-assessments, a published beslut and plan,
    and a follow-up due today."""
    submitted = utcnow() - timedelta(days=60)
    application = Application(
        citizen_id=citizen.id, status=ApplicationStatus.DECIDED.value, unit_id=officer.unit_id,
        assigned_officer_id=officer.id, submitted_at=submitted, reference=f"MS-T-{citizen.id}",
        filled_in_by="self",
    )
    db.add(application)
    db.flush()
    goals = []
    for position, code in enumerate(areas):
        goal = Goal(citizen_id=citizen.id, application_id=application.id, life_area=code,
                    position=position, text=f"Mitt mål för {code}", wanted_level=1)
        goals.append(goal)
        db.add(SelfAssessment(citizen_id=citizen.id, application_id=application.id, life_area=code,
                              current_level=2, wanted_level=1, recorded_at=submitted))
    db.add_all(goals)
    db.flush()
    decision = Decision(
        application_id=application.id, citizen_id=citizen.id, officer_id=officer.id,
        unit_id=officer.unit_id, status="published", decided_on=date.today() - timedelta(days=11),
        published_at=utcnow() - timedelta(days=11),
        appeal_deadline=date.today() + timedelta(days=appeal_in_days),
        plain_summary="Du får hjälp att duscha två gånger i veckan.",
    )
    item = DecisionItem(service="home_help", outcome="granted", legal_basis="4 kap. 1 § SoL",
                        motivation="Behov av stöd vid personlig hygien.",
                        plain_reason="Du behöver hjälp för att duscha tryggt.", support_kind="supportive",
                        extent="3 timmar per vecka", valid_from=date.today() - timedelta(days=11),
                        valid_to=date.today() + timedelta(days=300))
    item.life_areas = [DecisionItemLifeArea(life_area=code, assessed_level=3, intended_level=1, goal_id=goal.id)
                       for code, goal in zip(areas, goals, strict=True)]
    decision.items = [item]
    db.add(decision)
    db.flush()
    plan = ImplementationPlan(citizen_id=citizen.id, decision_id=decision.id, unit_id=officer.unit_id,
                              status="published", participation_text="Du var med på mötet.",
                              wishes_text="Du vill duscha på morgonen.", created_by_id=officer.id,
                              next_review_on=date.today() + timedelta(days=90), published_at=utcnow())
    for position, (code, goal) in enumerate(zip(areas, goals, strict=True)):
        sub_goal = PlanSubGoal(life_area=code, goal_id=goal.id, text=f"Delmål {code}", position=position)
        sub_goal.activities = [PlanActivity(what="Personal hjälper till.", when_text="Tisdag kl 9",
                                            who="Hemtjänsten", own_part="Du tvättar dig själv.")]
        plan.sub_goals.append(sub_goal)
    db.add(plan)
    follow_up = FollowUp(citizen_id=citizen.id, application_id=application.id, decision_id=decision.id,
                         unit_id=officer.unit_id, due_on=date.today(), created_by_id=officer.id)
    db.add(follow_up)
    db.commit()
    return SimpleNamespace(citizen=citizen, officer=officer, application=application, goals=goals,
                           decision=decision, plan=plan, follow_up=follow_up)


@pytest.fixture
def make_case(db, make_citizen, make_staff):
    def make(citizen=None, officer=None, **kwargs):
        citizen = citizen or make_citizen()
        officer = officer or make_staff()
        return build_case(db, citizen, officer, **kwargs)

    return make


@pytest.fixture
def staff_client(app):
    """A second browser for the handläggare, so the person's session stays as it is."""
    from portal.access.actor import SESSION_STAFF

    def login(staff):
        client = app.test_client()
        with client.session_transaction() as session:
            session[SESSION_STAFF] = staff.id
        return client

    return login


def token_for(client, path: str) -> str:
    """The CSRF token for `client`'s own session.

    The `db` fixture keeps one app context open for the whole test, so Flask's
    `g` is shared by every request in it, and Flask-WTF caches the last token
    there. With two browsers (person and handläggare) that cache must go first.
    """
    from flask import g

    from tests.conftest import csrf_token

    g.pop("csrf_token", None)
    return csrf_token(client, path)
