"""The uppdrag from handläggare to utförare to the person, and the plan written with the person."""

from __future__ import annotations

from datetime import date, timedelta

from portal.plans.models import ImplementationPlan, VisitDeviation
from tests.plans.provider.conftest import send_assignment, token_for


def shared_plan(staff_client, case):
    """An accepted uppdrag whose pre-filled plan Karin has shared with Anna."""
    from portal.access.actor import Actor
    from portal.plans.provider_plans import open_plan, share_plan

    assignment = send_assignment(staff_client, case)
    assignment.status = "accepted"
    karin = Actor(kind="staff", staff_id=case.karin.id, unit_id=case.karin.unit_id, role="provider")
    plan = open_plan(karin, assignment)
    plan.participation_text = "Vi skrev planen tillsammans."
    for sub_goal in plan.sub_goals:
        sub_goal.due_on = date.today() + timedelta(days=30)
    share_plan(karin, plan, assignment)
    return assignment, plan


def test_the_utforare_accepts_writes_a_prefilled_plan_and_shares_it(db, provider_case, staff_client, browser_for):
    case = provider_case
    assignment = send_assignment(staff_client, case)
    assert assignment.status == "sent" and {a.life_area for a in assignment.shared_areas} == {"d5", "d6"}

    karin = staff_client(case.karin)
    home = karin.get("/utforare/").get_data(as_text=True)
    assert "Anna Andersson" in home and "Nya uppdrag" in home
    page = f"/utforare/uppdrag/{assignment.id}"
    response = karin.post(f"{page}/ta-emot", data={"csrf_token": token_for(karin, page),
                                                   "contact_staff_id": case.karin.id})
    assert response.status_code == 303
    db.refresh(assignment)
    assert assignment.status == "accepted" and assignment.contact_staff_id == case.karin.id

    response = karin.post(f"{page}/plan", data={"csrf_token": token_for(karin, page)})
    assert response.status_code == 303
    plan = db.get(ImplementationPlan, int(response.headers["Location"].rsplit("/", 1)[1]))
    assert plan.assignment_id == assignment.id and plan.unit_id == case.karin.unit_id
    assert [s.text for s in plan.sub_goals] == ["Mitt mål för d5", "Mitt mål för d6"]

    editor = f"/utforare/planer/{plan.id}"
    token = token_for(karin, editor)
    data = {"csrf_token": token, "action": "share"}
    for s in plan.sub_goals:
        data |= {f"sg{s.id}-text": s.text, f"sg{s.id}-what": "Vi hjälper till.", f"sg{s.id}-when_text": "Tisdag",
                 f"sg{s.id}-who": "Karin", f"sg{s.id}-own_part": "Anna tvättar sig.",
                 f"sg{s.id}-due_on": (date.today() + timedelta(days=60)).isoformat()}
    refused = karin.post(editor, data=data)
    assert refused.status_code == 422 and "Så var personen med" in refused.get_data(as_text=True)
    assert db.get(ImplementationPlan, plan.id).status == "draft"
    data["participation_text"] = "Anna och Karin skrev planen hemma hos Anna."
    assert karin.post(editor, data=data).status_code == 303
    db.refresh(plan)
    assert plan.status == "published"

    anna = browser_for(case.citizen)
    text = anna.get(f"/plan/{plan.id}").get_data(as_text=True)
    assert "Anna och Karin skrev planen" in text
    mine = anna.get(f"/mina-uppdrag/{assignment.id}").get_data(as_text=True)
    assert "Hjälp att duscha två gånger i veckan." in mine and "Karin Kvist" in mine


def test_a_missed_visit_is_seen_by_the_person_and_the_handlaggare(db, provider_case, staff_client, browser_for):
    case = provider_case
    assignment = send_assignment(staff_client, case)
    assignment.status = "accepted"
    db.commit()
    karin = staff_client(case.karin)
    page = f"/utforare/uppdrag/{assignment.id}"
    response = karin.post(f"{page}/besok", data={"csrf_token": token_for(karin, page), "kind": "missed",
                                                 "visit_on": date.today().isoformat(), "reason": "Bilen gick sönder."})
    assert response.status_code == 303
    anna = browser_for(case.citizen)
    assert "Bilen gick sönder." in anna.get(f"/mina-uppdrag/{assignment.id}").get_data(as_text=True)
    mine = f"/mina-uppdrag/{assignment.id}"
    response = anna.post(f"{mine}/missat-besok", data={"csrf_token": token_for(anna, mine),
                                                       "visit_on": date.today().isoformat(), "reason": "Ingen kom."})
    assert response.status_code == 303
    assert db.query(VisitDeviation).count() == 2
    eva = staff_client(case.officer)
    review = eva.get(f"/handlaggare/arenden/{case.application.id}/uppdrag/{assignment.id}").get_data(as_text=True)
    assert "Bilen gick sönder." in review and "Ingen kom." in review


def test_a_plan_not_shared_within_14_days_shows_for_the_enhetschef(db, provider_case, staff_client):
    from portal.modelbase import utcnow

    case = provider_case
    assignment = send_assignment(staff_client, case)
    lars_page = staff_client(case.lars).get("/utforare/").get_data(as_text=True)
    assert "Inga planer är sena." in lars_page
    assignment.created_at = utcnow() - timedelta(days=15)
    db.commit()
    lars_page = staff_client(case.lars).get("/utforare/").get_data(as_text=True)
    late = lars_page.split('id="sena"')[1].split("</section>")[0]
    assert "Anna Andersson" in late
    assert 'id="sena"' not in staff_client(case.karin).get("/utforare/").get_data(as_text=True)


def test_the_kontaktperson_answers_a_change_request_with_a_new_version(db, provider_case, staff_client, browser_for):
    from portal.access.actor import Actor
    from portal.plans.responses import ask_for_plan_change

    case = provider_case
    assignment, plan = shared_plan(staff_client, case)
    anna_actor = Actor(kind="citizen", citizen_id=case.citizen.id, subject_citizen_id=case.citizen.id)
    ask_for_plan_change(anna_actor, plan, {plan.sub_goals[0].id: "Jag vill duscha på kvällen."})
    db.commit()

    karin = staff_client(case.karin)
    assert "Jag vill duscha på kvällen." in karin.get(f"/utforare/planer/{plan.id}").get_data(as_text=True)
    page = f"/utforare/uppdrag/{assignment.id}"
    response = karin.post(f"{page}/plan", data={"csrf_token": token_for(karin, page)})
    revision = db.get(ImplementationPlan, int(response.headers["Location"].rsplit("/", 1)[1]))
    assert revision.version == 2 and revision.replaces_id == plan.id and revision.assignment_id == assignment.id
    editor = karin.get(f"/utforare/planer/{revision.id}").get_data(as_text=True)
    assert "Jag vill duscha på kvällen." in editor  # the request stays in view while revising


def test_before_a_follow_up_the_handlaggare_sees_both_views_per_goal(db, provider_case, staff_client):
    from portal.followups.models import GoalEvaluation
    from portal.modelbase import utcnow

    case = provider_case
    assignment, plan = shared_plan(staff_client, case)
    case.follow_up.answered_at = utcnow()
    db.add(GoalEvaluation(follow_up_id=case.follow_up.id, goal_id=case.goals[0].id, attainment="partly_achieved",
                          level_now=2))
    db.commit()

    karin = staff_client(case.karin)
    page = f"/utforare/uppdrag/{assignment.id}"
    first = plan.sub_goals[0]
    response = karin.post(f"{page}/mal", data={"csrf_token": token_for(karin, page),
                                               f"goal{first.id}-attainment": "achieved", f"goal{first.id}-level": "1"})
    assert response.status_code == 303
    review = staff_client(case.officer).get(
        f"/handlaggare/arenden/{case.application.id}/uppdrag/{assignment.id}").get_data(as_text=True)
    assert "Utförarens bild: Uppnått" in review
    assert "Personens svar vid uppföljningen: Delvis uppnått" in review


def test_the_handlaggares_comment_and_a_live_readability_hint_reach_the_kontaktperson(db, provider_case, staff_client):
    from portal.access.actor import Actor
    from portal.plans.provider_plans import open_plan

    case = provider_case
    assignment = send_assignment(staff_client, case)
    assignment.status = "accepted"
    plan = open_plan(Actor(kind="staff", staff_id=case.karin.id, unit_id=case.karin.unit_id, role="provider"),
                     assignment)
    db.commit()
    eva = staff_client(case.officer)
    review = f"/handlaggare/arenden/{case.application.id}/uppdrag/{assignment.id}"
    assert eva.post(f"{review}/kommentar", data={"csrf_token": token_for(eva, review),
                                                 "text": "Delmål två går utöver beslutet."}).status_code == 303
    karin = staff_client(case.karin)
    editor = f"/utforare/planer/{plan.id}"
    assert "Delmål två går utöver beslutet." in karin.get(editor).get_data(as_text=True)
    hard = "Individualiserade omvårdnadsinsatser genomförs kontinuerligt enligt verksamhetsföreskrifter."
    hint = karin.post(f"{editor}/lix", data={"csrf_token": token_for(karin, editor), "participation_text": hard},
                      headers={"HX-Request": "true"}).get_data(as_text=True)
    assert "Texten är svår att läsa." in hint
    maria = staff_client(case.maria)
    assert maria.post(f"{editor}/lix", data={"csrf_token": token_for(maria, "/utforare/")}).status_code == 404


def test_staff_added_as_utforare_make_an_utforare_unit(app, db):
    from sqlalchemy import select

    from portal.domain.personnummer import make_test_personnummer
    from portal.people.models import Unit

    result = app.test_cli_runner().invoke(args=[
        "staff", "add", "--personnummer", make_test_personnummer(date(1984, 2, 2), "986"), "--given-name", "Sara",
        "--family-name", "Sund", "--role", "provider_manager", "--unit-code", "daglig-verksamhet"])
    assert result.exit_code == 0, result.output
    assert db.scalars(select(Unit.kind).where(Unit.code == "daglig-verksamhet")).one() == "provider"
