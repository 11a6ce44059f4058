"""Genomförandeplan, uppföljning and god man / förvaltare from the staff pages."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from portal.access.actor import Actor
from portal.access.gate import Permission, is_allowed
from portal.applications.models import Goal
from portal.decisions.models import Decision
from portal.domain.vocabulary import ProxyScope
from portal.followups.models import FollowUp, GoalEvaluation
from portal.messages.models import Notification
from portal.plans.models import ImplementationPlan, PlanResponse
from portal.proxies.models import ProxyAuthority
from tests.fixtures.staff_case import post


def _decision(db, case, officer, status="published"):
    decision = Decision(
        application_id=case.id,
        citizen_id=case.citizen_id,
        officer_id=officer.id,
        unit_id=case.unit_id,
        status=status,
        plain_summary="Du får hjälp.",
    )
    db.add(decision)
    db.commit()
    return decision


def test_plan_recorded_published_and_answer_shown(client, login_as, officer, make_case, db):
    case = make_case()
    decision = _decision(db, case, officer)
    goal = db.scalars(select(Goal)).one()
    login_as(officer, staff=True)
    response = post(client, f"/handlaggare/arenden/{case.id}/planer", {"decision_id": decision.id})
    assert response.status_code == 303
    url = response.location
    assert post(client, f"{url}/publicera").status_code == 422  # nothing in it yet
    assert (
        post(
            client,
            f"{url}/delmal",
            {
                "life_area": "d5",
                "goal_id": str(goal.id),
                "text": "Duscha tryggt.",
                "what": "Hjälp in i duschen",
                "when_text": "Tisdagar kl 9",
                "who": "Hemtjänsten",
                "own_part": "Tvättar sig själv",
            },
        ).status_code
        == 303
    )
    assert (
        post(
            client,
            url,
            {
                "participation_text": "Bertil var med på mötet.",
                "wishes_text": "Morgon",
                "next_review_on": (date.today() + timedelta(days=90)).isoformat(),
            },
        ).status_code
        == 303
    )
    assert post(client, f"{url}/publicera").status_code == 303
    plan = db.scalars(select(ImplementationPlan)).one()
    db.refresh(plan)
    assert plan.status == "published" and plan.sub_goals[0].activities[0].own_part == "Tvättar sig själv"
    assert db.scalars(select(Notification).where(Notification.kind == "plan")).one()
    db.add(PlanResponse(plan_id=plan.id, plan_version=1, agreed=True))
    db.commit()
    page = client.get(url).get_data(as_text=True)
    assert "Personen håller med om planen" in page


def test_plan_needs_a_decision_of_this_case(client, login_as, officer, make_case, make_citizen, db):
    case, other = make_case(), make_case(make_citizen("Olga", "Other"))
    foreign_decision = _decision(db, other, officer)
    login_as(officer, staff=True)
    post(client, f"/handlaggare/arenden/{case.id}/planer", {"decision_id": foreign_decision.id})
    assert db.scalars(select(ImplementationPlan)).first() is None


def test_schedule_follow_up_with_goals_and_questionnaires(client, login_as, officer, make_case, db):
    case = make_case()
    goal = db.scalars(select(Goal)).one()
    login_as(officer, staff=True)
    url = f"/handlaggare/arenden/{case.id}/uppfoljning"
    assert client.get(url).status_code == 200
    past = post(client, url, {"due_on": "2020-01-01", "goal_ids": [str(goal.id)]})
    assert past.status_code == 422 and "i dag eller senare" in past.get_data(as_text=True)
    due = (date.today() + timedelta(days=180)).isoformat()
    assert (
        post(
            client, url, {"due_on": due, "goal_ids": [str(goal.id)], "questionnaires": ["quality", "life"]}
        ).status_code
        == 303
    )
    follow_up = db.scalars(select(FollowUp)).one()
    assert follow_up.quality_questions_version and follow_up.life_questions_version
    assert [e.goal_id for e in follow_up.goal_evaluations] == [goal.id]
    assert db.scalars(select(Notification).where(Notification.kind == "follow_up")).one()
    # The person answers; the result shows next to the earlier levels.
    evaluation = db.scalars(select(GoalEvaluation)).one()
    evaluation.attainment, evaluation.level_now = "partly_achieved", 1
    follow_up.status = "answered"
    db.commit()
    case_page = client.get(f"/handlaggare/arenden/{case.id}").get_data(as_text=True)
    assert f"/handlaggare/arenden/{case.id}/uppfoljning/{follow_up.id}" in case_page
    page = client.get(f"/handlaggare/arenden/{case.id}/uppfoljning/{follow_up.id}").get_data(as_text=True)
    assert "Delvis uppnått" in page and "Vid uppföljning" in page


def test_register_guardian_who_can_then_act_within_scope(client, login_as, officer, make_case, make_citizen, db):
    case = make_case()
    guardian = make_citizen("Gun", "Godman")
    login_as(officer, staff=True)
    url = f"/handlaggare/arenden/{case.id}/stallforetradare"
    bad = post(client, url, {"kind": "trustee", "personnummer": "19000101-0000"})
    assert bad.status_code == 422 and "19000101-0000" not in bad.get_data(as_text=True)
    response = post(
        client,
        url,
        {
            "kind": "trustee",
            "personnummer": guardian.personnummer,
            "given_name": "Gun",
            "family_name": "Godman",
            "scopes": ["read_decisions", "answer_follow_ups"],
            "valid_from": date.today().isoformat(),
            "court_reference": "Ä 1234-26",
        },
    )
    assert response.status_code == 303
    authority = db.scalars(select(ProxyAuthority)).one()
    assert authority.kind == "trustee" and authority.proxy_id == guardian.id
    assert authority.registered_by_id == officer.id
    decision = _decision(db, case, officer)
    as_guardian = Actor(
        kind="proxy",
        citizen_id=guardian.id,
        subject_citizen_id=case.citizen_id,
        proxy_authority_id=authority.id,
        scopes=frozenset(ProxyScope(s) for s in authority.scopes),
    )
    assert is_allowed(as_guardian, Permission.READ_DECISION, decision)
    assert not is_allowed(as_guardian, Permission.SEND_MESSAGE, decision)
    # Ending it stops it at once (the actor is rebuilt from the database each request).
    assert post(client, f"{url}/{authority.id}/avsluta").status_code == 303
    db.refresh(authority)
    assert authority.revoked_at is not None and authority.ended_by == "staff"
