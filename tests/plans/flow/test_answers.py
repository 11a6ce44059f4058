"""Who answered a plan, as each reader sees it; staff handling a change request; who may not."""

from __future__ import annotations

from sqlalchemy import select

from portal.domain.vocabulary import ProxyScope
from portal.history.models import CaseEvent
from portal.plans.models import ImplementationPlan, PlanResponse
from portal.plans.responses import PLAN_STATUSES, plan_status
from portal.web.plain_labels import PLAN_STATUS_TEXT
from tests.fixtures.person_case import token_for
from tests.plans.flow.test_versions import plan_url, publish, revise, send


def _ombud(make_citizen, make_proxy_authority, case, scopes=(ProxyScope.READ_DECISIONS, ProxyScope.ACT_ON_DECISIONS)):
    david = make_citizen("David", "Andersson")
    return david, make_proxy_authority(case.citizen, david, list(scopes))


def test_an_ombud_change_request_is_worded_for_each_reader(
        make_case, make_citizen, make_proxy_authority, staff_client, browser_for, db):
    case = make_case()
    david, authority = _ombud(make_citizen, make_proxy_authority, case)
    ombud, person, staff = browser_for(david, authority), browser_for(case.citizen), staff_client(case.officer)
    part = case.plan.sub_goals[1]
    page = f"/plan/{case.plan.id}"
    asked = send(ombud, f"{page}/andra", f"{page}/andra", {f"change_{part.id}": "Handla på fredagar."})
    assert asked.status_code == 303

    assert "David Andersson (ombud) bad om en ändring för dig." in person.get(page).get_data(as_text=True)
    ombud_page = ombud.get(page).get_data(as_text=True)
    assert "Du bad om en ändring för Anna Andersson." in ombud_page and "Du bad om en ändring." not in ombud_page
    staff_page = staff.get(plan_url(case, case.plan)).get_data(as_text=True)
    assert "David Andersson (ombud) för personen vill ändra planen (version 1)." in staff_page
    assert "Delmål d6" in staff_page and "Handla på fredagar." in staff_page and "Markera som hanterad" in staff_page
    case_page = staff.get(f"/handlaggare/arenden/{case.application.id}").get_data(as_text=True)
    assert f'{plan_url(case, case.plan)}#svar">Personen vill ändra</a>' in case_page
    [event] = db.scalars(select(CaseEvent).where(CaseEvent.kind == "plan_change_requested"))
    assert event.proxy_authority_id == authority.id and event.application_id == case.application.id

    [request] = db.scalars(select(PlanResponse))
    handled = send(staff, f"{plan_url(case, case.plan)}/svar/{request.id}/hanterad", plan_url(case, case.plan))
    assert handled.status_code == 303
    db.refresh(request)
    assert request.handled_at is not None and request.handled_by_id == case.officer.id
    assert db.scalars(select(CaseEvent).where(CaseEvent.kind == "plan_change_handled")).one().record_id == request.id
    staff_page = staff.get(plan_url(case, case.plan)).get_data(as_text=True)
    assert "Hanterad " in staff_page and "av Eva Ek." in staff_page and "Markera som hanterad" not in staff_page
    assert "Ändringen är hanterad" in staff.get(f"/handlaggare/arenden/{case.application.id}").get_data(as_text=True)
    assert "Personalen har tagit hand om det." in person.get(page).get_data(as_text=True)


def test_the_person_agreeing_is_named_for_the_ombud_and_staff(
        make_case, make_citizen, make_proxy_authority, staff_client, browser_for, db):
    case = make_case()
    david, authority = _ombud(make_citizen, make_proxy_authority, case)
    person, ombud, staff = browser_for(case.citizen), browser_for(david, authority), staff_client(case.officer)
    page = f"/plan/{case.plan.id}"
    assert send(person, f"{page}/hall-med", page).status_code == 303
    assert "Anna Andersson höll med om planen." in ombud.get(page).get_data(as_text=True)
    assert "Personen håller med om planen (version 1)." in staff.get(plan_url(case, case.plan)).get_data(as_text=True)
    [event] = db.scalars(select(CaseEvent).where(CaseEvent.kind == "plan_answered"))
    assert event.proxy_authority_id is None and event.actor_kind == "citizen"


def test_a_double_click_on_a_change_request_counts_once(make_case, browser_for, db):
    case = make_case()
    person = browser_for(case.citizen)
    page = f"/plan/{case.plan.id}/andra"
    token = token_for(person, page)
    for _ in range(2):
        assert person.post(page, data={"csrf_token": token, "change_other": "Ring mig först."}).status_code == 303
    assert len(db.scalars(select(PlanResponse)).all()) == 1


def test_plan_status_follows_the_answers_to_each_version(make_case, staff_client, browser_for, db):
    case = make_case()
    person, staff = browser_for(case.citizen), staff_client(case.officer)
    page = f"/plan/{case.plan.id}"

    def status(plan_id):
        db.expire_all()
        return plan_status(db.get(ImplementationPlan, plan_id))

    assert status(case.plan.id) == "awaiting_answer"
    send(person, f"{page}/andra", f"{page}/andra", {"change_other": "Ring mig först."})
    assert status(case.plan.id) == "change_requested"
    send(person, f"{page}/hall-med", page)
    assert status(case.plan.id) == "agreed"
    v2 = revise(staff, case, case.plan)
    publish(staff, case, v2)
    assert status(v2.id) == "awaiting_answer"
    assert set(PLAN_STATUS_TEXT) == set(PLAN_STATUSES)


def test_strangers_get_not_found(make_case, make_citizen, make_staff, make_proxy_authority, staff_client,
                                browser_for, db):
    case = make_case()
    staff = staff_client(case.officer)
    v2 = revise(staff, case, case.plan)
    publish(staff, case, v2)
    send(browser_for(case.citizen), f"/plan/{v2.id}/andra", f"/plan/{v2.id}/andra", {"change_other": "Ring mig."})
    request = db.scalars(select(PlanResponse)).one()
    foreign = staff_client(make_staff("Fredrik", "Falk", unit_code="soder"))
    for url in (plan_url(case, v2), plan_url(case, case.plan)):
        assert foreign.get(url).status_code == 404
    token = token_for(foreign, "/handlaggare/")
    for url in (f"{plan_url(case, v2)}/ny-version", f"{plan_url(case, v2)}/svar/{request.id}/hanterad",
                plan_url(case, v2), f"/handlaggare/arenden/{case.application.id}/planer"):
        assert foreign.post(url, data={"csrf_token": token, "decision_id": case.decision.id}).status_code == 404
    # A change request handled from another plan's page is not found either.
    assert send(staff, f"{plan_url(case, case.plan)}/svar/{request.id}/hanterad",
                plan_url(case, v2)).status_code == 404

    stranger = browser_for(make_citizen("Bo", "Berg"))
    david = make_citizen("David", "Andersson")
    no_scope = make_proxy_authority(case.citizen, david, [ProxyScope.ANSWER_FOLLOW_UPS])
    for client in (stranger, browser_for(david, no_scope)):
        token = token_for(client, "/mitt-stod")
        for plan in (v2, case.plan):
            assert client.get(f"/plan/{plan.id}").status_code == 404
            assert client.post(f"/plan/{plan.id}/hall-med", data={"csrf_token": token}).status_code == 404
    assert db.scalars(select(PlanResponse)).one().id == request.id
    assert db.get(PlanResponse, request.id).handled_at is None
