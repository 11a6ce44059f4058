"""The genomförandeplan: reading it, agreeing, asking for a change per part."""

from __future__ import annotations

from sqlalchemy import select

from portal.domain.vocabulary import ProxyScope
from portal.modelbase import utcnow
from portal.plans.models import ImplementationPlan, PlanActivity, PlanResponse, PlanSubGoal
from portal.plans.responses import plan_responses
from tests.conftest import csrf_token


def test_the_plan_reads_goal_to_activity(make_case, login_as):
    case = make_case()
    page = login_as(case.citizen).get(f"/plan/{case.plan.id}").get_data(as_text=True)
    for text in ("Delmål d5", "Mitt mål för d5", "Personal hjälper till.", "Tisdag kl 9", "Hemtjänsten",
                 "Du tvättar dig själv.", "Du var med på mötet.", "Du vill duscha på morgonen."):
        assert text in page
    assert "Jag håller med" in page


def test_a_foreign_or_draft_plan_is_not_found(make_case, make_citizen, login_as, db):
    case = make_case()
    client = login_as(make_citizen("Bo", "Berg"))
    assert client.get(f"/plan/{case.plan.id}").status_code == 404
    assert client.post(f"/plan/{case.plan.id}/hall-med", data={
        "csrf_token": csrf_token(client, "/meddelanden")}).status_code == 404
    case.plan.status = "draft"
    db.commit()
    assert login_as(case.citizen).get(f"/plan/{case.plan.id}").status_code == 404


def test_agreeing_is_recorded_once_with_the_version(make_case, login_as, db):
    case = make_case()
    client = login_as(case.citizen)
    token = csrf_token(client, f"/plan/{case.plan.id}")
    for _ in range(2):
        assert client.post(f"/plan/{case.plan.id}/hall-med", data={"csrf_token": token}).status_code == 303
    responses = db.scalars(select(PlanResponse)).all()
    assert len(responses) == 1 and responses[0].agreed and responses[0].plan_version == case.plan.version
    page = client.get(f"/plan/{case.plan.id}").get_data(as_text=True)
    assert "Du höll med om planen." in page


def test_a_change_is_asked_for_per_part_in_own_words(make_case, login_as, db):
    case = make_case()
    client = login_as(case.citizen)
    part = case.plan.sub_goals[1]
    token = csrf_token(client, f"/plan/{case.plan.id}/andra")
    response = client.post(f"/plan/{case.plan.id}/andra", data={
        "csrf_token": token, f"change_{part.id}": "Jag vill att de kommer på onsdagar.", "change_other": ""})
    assert response.status_code == 303
    [answer] = plan_responses(db.get(ImplementationPlan, case.plan.id))
    assert not answer.agreed
    requests = [(c.sub_goal_id, c.text) for c in answer.change_requests]
    assert requests == [(part.id, "Jag vill att de kommer på onsdagar.")]
    page = client.get(f"/plan/{case.plan.id}").get_data(as_text=True)
    assert "Du bad om en ändring." in page and "Jag vill att de kommer på onsdagar." in page


def test_an_empty_change_request_says_what_to_do(make_case, login_as, db):
    case = make_case()
    client = login_as(case.citizen)
    response = client.post(f"/plan/{case.plan.id}/andra", data={
        "csrf_token": csrf_token(client, f"/plan/{case.plan.id}/andra")})
    page = response.get_data(as_text=True)
    assert "Skriv vad du vill ändra. Skriv i minst en ruta." in page
    assert db.scalars(select(PlanResponse)).first() is None


def test_an_ombud_answer_records_the_authority(make_case, make_citizen, make_proxy_authority, login_as, db):
    case = make_case()
    david = make_citizen("David", "Andersson")
    authority = make_proxy_authority(case.citizen, david, [ProxyScope.READ_DECISIONS, ProxyScope.ACT_ON_DECISIONS])
    client = login_as(david, acting_for=authority)
    client.post(f"/plan/{case.plan.id}/hall-med", data={"csrf_token": csrf_token(client, f"/plan/{case.plan.id}")})
    assert db.scalars(select(PlanResponse)).one().proxy_authority_id == authority.id


def test_a_new_version_shows_what_changed_since_agreeing(make_case, login_as, db):
    case = make_case()
    client = login_as(case.citizen)
    client.post(f"/plan/{case.plan.id}/hall-med", data={"csrf_token": csrf_token(client, f"/plan/{case.plan.id}")})
    old = case.plan
    revised = ImplementationPlan(citizen_id=old.citizen_id, decision_id=old.decision_id, unit_id=old.unit_id,
                                 status="published", version=old.version + 1, participation_text=old.participation_text,
                                 created_by_id=old.created_by_id, published_at=utcnow())
    kept = PlanSubGoal(life_area="d5", text="Delmål d5", position=0)
    kept.activities = [PlanActivity(what="Personal hjälper till.", when_text="Tisdag kl 9", who="Hemtjänsten",
                                    own_part="Du tvättar dig själv.")]
    changed = PlanSubGoal(life_area="d6", text="Delmål d6", position=1)
    changed.activities = [PlanActivity(what="Personal handlar med dig.", when_text="Fredag kl 13", who="Hemtjänsten")]
    revised.sub_goals = [kept, changed]
    db.add(revised)
    db.commit()
    page = client.get(f"/plan/{revised.id}").get_data(as_text=True)
    assert "Planen har ändrats" in page
    assert page.count(">Ändrad<") == 1
    assert f'id="part-{changed.id}"' in page.split(">Ändrad<")[0]
    # The unchanged first plan needs no warning.
    assert "Planen har ändrats" not in client.get(f"/plan/{old.id}").get_data(as_text=True)
