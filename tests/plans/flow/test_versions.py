"""Plan versions for every role: staff publish and revise, the person sees what changed and
the older version as no longer applying, and answers only the version that applies now."""

from __future__ import annotations

from sqlalchemy import func, select

from portal.history.models import CaseEvent
from portal.messages.models import Notification
from portal.plans.models import ImplementationPlan, PlanResponse
from tests.fixtures.person_case import token_for

EMPTY_SUB_GOAL = {"life_area": "", "goal_id": "", "text": "", "what": "", "when_text": "", "who": "", "own_part": ""}


def plan_url(case, plan) -> str:
    return f"/handlaggare/arenden/{case.application.id}/planer/{plan.id}"


def page_form(plan, **fields) -> dict:
    """Everything the staff plan page posts: the plan's own fields and the (empty) new delmål."""
    form = {"participation_text": plan.participation_text, "wishes_text": plan.wishes_text,
            "next_review_on": plan.next_review_on.isoformat() if plan.next_review_on else "", **EMPTY_SUB_GOAL}
    form.update(fields)
    return form


def send(client, url, page, data=None):
    return client.post(url, data={**(data or {}), "csrf_token": token_for(client, page)})


def events(db, kind) -> list[CaseEvent]:
    return list(db.scalars(select(CaseEvent).where(CaseEvent.kind == kind)))


def plan_notices(db) -> int:
    return db.scalar(select(func.count(Notification.id)).where(Notification.kind == "plan"))


def revise(staff, case, plan) -> ImplementationPlan:
    response = send(staff, f"{plan_url(case, plan)}/ny-version", plan_url(case, plan))
    assert response.status_code == 303
    return _plan_at(response.location)


def _plan_at(location: str) -> ImplementationPlan:
    from portal.db import get_session

    return get_session().get(ImplementationPlan, int(location.split("/planer/")[1].split("#")[0]))


def publish(staff, case, plan, **fields):
    response = send(staff, plan_url(case, plan), plan_url(case, plan), page_form(plan, action="publish", **fields))
    assert response.status_code == 303, response.get_data(as_text=True)
    return response


def test_staff_publish_revise_and_the_person_answers_the_new_version(make_case, staff_client, browser_for, db):
    case = make_case()
    v1 = case.plan
    v1.status, v1.published_at = "draft", None
    db.commit()
    staff, person = staff_client(case.officer), browser_for(case.citizen)
    assert person.get(f"/plan/{v1.id}").status_code == 404  # a draft is not shown
    publish(staff, case, v1)
    assert plan_notices(db) == 1
    assert send(person, f"/plan/{v1.id}/hall-med", f"/plan/{v1.id}").status_code == 303

    v2 = revise(staff, case, v1)
    assert (v2.version, v2.replaces_id, v2.status) == (2, v1.id, "draft")
    assert [s.text for s in v2.sub_goals] == ["Delmål d5", "Delmål d6"]  # copied, so staff change only what changed
    assert v2.sub_goals[0].activities[0].when_text == "Tisdag kl 9"
    assert len(events(db, "plan_revised")) == 1
    draft_page = staff.get(plan_url(case, v2)).get_data(as_text=True)
    assert "Genomförandeplan för Hemtjänst, beslut" in draft_page and "version 2" in draft_page
    assert send(staff, plan_url(case, v2), plan_url(case, v2), page_form(
        v2, action="add_sub_goal", life_area="d6", text="Laga mat själv", what="Personal lagar mat med dig.",
        when_text="Onsdag kl 16", who="Hemtjänsten")).status_code == 303
    publish(staff, case, v2, participation_text="Du och din son var med på mötet.")

    db.expire_all()
    assert db.get(ImplementationPlan, v1.id).status == "superseded"
    assert db.get(ImplementationPlan, v2.id).status == "published"
    assert plan_notices(db) == 2 and len(events(db, "plan_published")) == 2
    page = person.get(f"/plan/{v2.id}").get_data(as_text=True)
    assert "Planen har ändrats" in page and "Du höll med om planen." in page
    assert page.count(">Ändrad<") == 2  # the new delmål and the participation text
    assert "Tidigare versioner" in page and f'href="/plan/{v1.id}"' in page and "Gäller inte längre" in page
    assert "Jag håller med" in page and "Det här är en ny plan." in page
    old_page = person.get(f"/plan/{v1.id}").get_data(as_text=True)
    assert "Den här planen gäller inte längre" in old_page and f'href="/plan/{v2.id}"' in old_page
    assert "Delmål d5" in old_page and "Jag håller med" not in old_page
    assert send(person, f"/plan/{v2.id}/hall-med", f"/plan/{v2.id}").status_code == 303
    answer = db.scalars(select(PlanResponse).where(PlanResponse.plan_id == v2.id)).one()
    assert answer.agreed and answer.plan_version == 2
    staff_page = staff.get(plan_url(case, v2)).get_data(as_text=True)
    assert "Personen håller med om planen (version 2)." in staff_page
    assert "Gäller inte längre" in staff.get(plan_url(case, v1)).get_data(as_text=True)


def test_answering_an_old_version_is_refused_with_a_way_to_the_new_one(make_case, staff_client, browser_for, db):
    case = make_case()
    staff, person = staff_client(case.officer), browser_for(case.citizen)
    v2 = revise(staff, case, case.plan)
    publish(staff, case, v2)
    old = f"/plan/{case.plan.id}"
    for url, data in ((f"{old}/hall-med", {}), (f"{old}/andra", {f"change_{case.plan.sub_goals[0].id}": "Annan tid"})):
        response = send(person, url, old, data)
        assert response.status_code == 303 and response.location.endswith(f"/plan/{v2.id}#answer")
    assert person.get(f"{old}/andra").status_code == 303
    page = person.get(f"/plan/{v2.id}").get_data(as_text=True)
    assert "Den här planen gäller inte längre. Det finns en ny plan. Svara på den nya planen." in page
    assert db.scalars(select(PlanResponse)).first() is None


def test_publishing_a_new_version_answers_the_change_request(make_case, staff_client, browser_for, db):
    case = make_case()
    staff, person = staff_client(case.officer), browser_for(case.citizen)
    part = case.plan.sub_goals[0]
    change = f"/plan/{case.plan.id}/andra"
    send(person, change, change, {f"change_{part.id}": "Kom på morgonen."})
    v2 = revise(staff, case, case.plan)
    draft_page = staff.get(plan_url(case, v2)).get_data(as_text=True)
    assert "Önskemål som den här versionen svarar på" in draft_page and "Kom på morgonen." in draft_page
    publish(staff, case, v2)
    request = db.scalars(select(PlanResponse)).one()
    db.refresh(request)
    assert request.handled_at is not None and request.handled_by_id == case.officer.id
    assert [e.record_id for e in events(db, "plan_change_handled")] == [request.id]
    assert "Personalen har tagit hand om det." in person.get(f"/plan/{case.plan.id}").get_data(as_text=True)


def test_writing_a_new_plan_twice_opens_one_draft(make_case, staff_client, db):
    case = make_case()
    staff = staff_client(case.officer)
    case_page = f"/handlaggare/arenden/{case.application.id}"
    first = send(staff, f"{case_page}/planer", case_page, {"decision_id": case.decision.id})
    second = send(staff, f"{case_page}/planer", case_page, {"decision_id": case.decision.id})
    assert first.status_code == second.status_code == 303 and first.location == second.location
    drafts = db.scalars(select(ImplementationPlan).where(ImplementationPlan.status == "draft")).all()
    assert len(drafts) == 1 and (drafts[0].version, drafts[0].replaces_id) == (2, case.plan.id)
    assert "Beslutet har redan ett utkast" in staff.get(first.location).get_data(as_text=True)
    section = staff.get(case_page).get_data(as_text=True)
    assert section.count("Genomförandeplan för Hemtjänst, beslut") == 2
    assert "version 1" in section and "version 2" in section and "Utkast" in section and "Publicerad" in section
    assert f"Genomförandeplan {case.plan.id}<" not in section  # never the row id


def test_a_half_typed_delmal_survives_the_other_save_button(make_case, staff_client, db):
    case = make_case()
    staff = staff_client(case.officer)
    draft = revise(staff, case, case.plan)
    url = plan_url(case, draft)
    half = page_form(draft, action="save", participation_text="Vi pratade i telefon.", text="Laga mat själv",
                     what="Personal lagar mat med dig.")
    response = send(staff, url, url, half)
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert ">Laga mat själv</textarea>" in page and 'value="Personal lagar mat med dig."' in page
    assert ">Vi pratade i telefon.</textarea>" in page and "Välj ett livsområde" in page
    db.refresh(draft)
    assert len(draft.sub_goals) == 2  # nothing half-done was saved
    whole = {**half, "life_area": "d6", "when_text": "Onsdag kl 16", "who": "Hemtjänsten"}
    assert send(staff, url, url, whole).status_code == 303
    db.refresh(draft)
    assert draft.participation_text == "Vi pratade i telefon."
    assert [s.text for s in draft.sub_goals][-1] == "Laga mat själv"
    # And the delmål button keeps what was typed in the plan's own fields.
    adding = page_form(draft, action="add_sub_goal", wishes_text="Maten ska vara varm.", life_area="d5",
                       text="Duscha", what="Hjälp i duschen", when_text="Fredag", who="Hemtjänsten")
    assert send(staff, url, url, adding).status_code == 303
    db.refresh(draft)
    assert draft.wishes_text == "Maten ska vara varm." and len(draft.sub_goals) == 4
