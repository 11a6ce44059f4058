"""Across roles: the handläggare schedules, the person (or their ombud) answers, the handläggare reads."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from portal.applications.models import SelfAssessment
from portal.db import get_session
from portal.domain.vocabulary import ProxyScope
from portal.followups.models import FollowUp
from portal.history.models import CaseEvent
from portal.modelbase import utcnow
from tests.fixtures.person_case import token_for
from tests.followups.flows import answer_every_page, api_headers

CODES_NEVER_SHOWN = ("partly_achieved", "self_with_help", "no_answer", "quality-2026.1")


def schedule(staff, case, questionnaires=("quality", "life"), due_on=None) -> FollowUp:
    url = f"/handlaggare/arenden/{case.application.id}/uppfoljning"
    due_on = due_on or (date.today() + timedelta(days=30)).isoformat()
    response = staff.post(url, data={"csrf_token": token_for(staff, url), "due_on": due_on,
                                     "goal_ids": [str(g.id) for g in case.goals],
                                     "questionnaires": list(questionnaires)})
    assert response.status_code == 303, response.get_data(as_text=True)[:800]
    return get_session().scalars(select(FollowUp).order_by(FollowUp.id.desc())).first()


def answers_page(staff, case, follow_up) -> str:
    response = staff.get(f"/handlaggare/arenden/{case.application.id}/uppfoljning/{follow_up.id}")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_scheduled_answered_read_and_marked_read(make_case, staff_client, login_as, db):
    case = make_case()
    # The person also graded the ICF categories inside Personlig vård; the area's level stays 2.
    db.add(SelfAssessment(citizen_id=case.citizen.id, application_id=case.application.id, life_area="d5",
                          icf_category="d510", current_level=4, recorded_at=utcnow()))
    db.commit()
    staff = staff_client(case.officer)
    follow_up = schedule(staff, case)
    assert follow_up.quality_questions_version == "quality-2026.1"
    waiting = staff.get(f"/handlaggare/arenden/{case.application.id}").get_data(as_text=True)
    assert "Väntar på svar" in waiting

    person = login_as(case.citizen)
    receipt = answer_every_page(person, follow_up.id)
    assert "Du svarade på frågorna." in receipt

    case_page = staff.get(f"/handlaggare/arenden/{case.application.id}").get_data(as_text=True)
    assert "Besvarad – inte läst" in case_page
    assert f"/handlaggare/arenden/{case.application.id}/uppfoljning/{follow_up.id}" in case_page
    page = answers_page(staff, case, follow_up)
    assert "Personen, med hjälp" in page and "Delvis uppnått" in page
    assert 'data-level="level_now">1 – Lätta svårigheter' in page
    assert 'data-level="self_at_application">2 – Måttliga svårigheter' in page
    assert "4 – Totala svårigheter" not in page, "a sub-category answer is never the area's level"
    assert 'data-level="assessed">3 – Stora svårigheter' in page
    assert "Samma person varje gång." in page
    assert "Är personalen vänlig mot dig?" in page and "Vet inte eller vill inte svara" in page
    assert not any(code in page for code in CODES_NEVER_SHOWN)

    url = f"/handlaggare/arenden/{case.application.id}/uppfoljning/{follow_up.id}/last"
    token = token_for(staff, f"/handlaggare/arenden/{case.application.id}")
    assert staff.post(url, data={"csrf_token": token}).status_code == 303
    assert staff.post(url, data={"csrf_token": token}).status_code == 303  # a second click counts once
    db.expire_all()
    read = db.get(FollowUp, follow_up.id)
    assert read.reviewed_by_id == case.officer.id and read.reviewed_at is not None
    kinds = db.scalars(select(CaseEvent.kind).where(CaseEvent.record_id == follow_up.id,
                                                    CaseEvent.record_type == "follow_up")).all()
    assert sorted(kinds) == ["follow_up_answered", "follow_up_reviewed", "follow_up_scheduled"]
    assert "Markera som läst" not in answers_page(staff, case, follow_up)
    assert '">Läst</span>' in staff.get(f"/handlaggare/arenden/{case.application.id}").get_data(as_text=True)


def test_an_ombud_answer_is_named_for_the_person_and_the_handlaggare(
        make_case, make_citizen, make_proxy_authority, staff_client, login_as, db):
    case = make_case()
    staff = staff_client(case.officer)
    follow_up = schedule(staff, case, questionnaires=("life",))
    david = make_citizen("David", "Andersson")
    authority = make_proxy_authority(case.citizen, david, [ProxyScope.ANSWER_FOLLOW_UPS])
    ombud_receipt = answer_every_page(login_as(david, acting_for=authority), follow_up.id)
    assert "Du svarade på frågorna för Anna Andersson." in ombud_receipt
    own_receipt = login_as(case.citizen).get(f"/uppfoljning/{follow_up.id}/kvitto").get_data(as_text=True)
    assert "David Andersson (ombud) svarade på frågorna för dig." in own_receipt
    page = answers_page(staff, case, follow_up)
    assert "David Andersson (ombud)" in page
    assert "Är personalen vänlig mot dig?" not in page, "only the life questions were asked"
    event = db.scalars(select(CaseEvent).where(CaseEvent.kind == "follow_up_answered")).one()
    assert event.proxy_authority_id == authority.id


def test_a_follow_up_from_the_api_is_answered_by_the_person(make_case, client, login_as, db):
    case = make_case()
    headers = api_headers(client, case.officer.unit_id)
    created = client.post(f"/api/v1/applications/{case.application.id}/follow-ups", headers=headers,
                          json={"due_on": (date.today() + timedelta(days=10)).isoformat(),
                                "goal_ids": [case.goals[0].id], "questionnaires": ["quality"]})
    assert created.status_code == 201, created.json
    receipt = answer_every_page(login_as(case.citizen), created.json["id"], goal_levels=("2",))
    assert "Dina svar är skickade" in receipt
    results = client.get(f"/api/v1/applications/{case.application.id}/follow-ups", headers=headers).json
    answered = next(f for f in results["follow_ups"] if f["id"] == created.json["id"])
    assert answered["status"] == "answered" and answered["questionnaires"] == ["quality"]
    assert answered["goal_evaluations"] == [{"goal_id": case.goals[0].id, "attainment": "partly_achieved",
                                             "level_now": 2}]


def test_an_unknown_pinned_question_set_falls_back_to_the_current_one(make_case, login_as, db):
    case = make_case()
    case.follow_up.quality_questions_version = "quality-1"  # an id no file has
    case.follow_up.life_questions_version = "life-1"
    db.commit()
    receipt = answer_every_page(login_as(case.citizen), case.follow_up.id)
    assert "Dina svar är skickade" in receipt
    db.expire_all()
    follow_up = db.get(FollowUp, case.follow_up.id)
    assert (follow_up.quality_questions_version, follow_up.life_questions_version) == \
        ("quality-2026.1", "life-2026.1")


def test_the_proposed_date_is_the_persons_own_wish(make_case, staff_client, db):
    case = make_case()
    url = f"/handlaggare/arenden/{case.application.id}/uppfoljning"
    staff = staff_client(case.officer)
    ends = case.decision.items[0].valid_to
    page = staff.get(url).get_data(as_text=True)
    assert f'value="{ends.isoformat()}"' in page and "Beslutet gäller till" in page
    case.goals[1].follow_up_on = date(date.today().year + 1, 6, 1)
    case.goals[0].follow_up_on = date(date.today().year + 2, 1, 1)
    db.commit()
    page = staff.get(url).get_data(as_text=True)
    assert f'value="{date.today().year + 1}-06-01"' in page
    assert f"Personen önskade uppföljning 1 juni {date.today().year + 1}." in page
    case.decision.items[0].valid_to = None
    for goal in case.goals:
        goal.follow_up_on = None
    db.commit()
    page = staff.get(url).get_data(as_text=True)
    assert f'value="{(date.today() + timedelta(days=182)).isoformat()}"' in page


def test_another_units_handlaggare_sees_nothing(make_case, make_staff, staff_client, login_as, db):
    case = make_case()
    other = make_case(officer=make_staff("Fredrik", "Falk", unit_code="soder"))
    answer_every_page(login_as(case.citizen), case.follow_up.id)
    foreign = staff_client(other.officer)
    base = f"/handlaggare/arenden/{case.application.id}/uppfoljning/{case.follow_up.id}"
    assert foreign.get(base).status_code == 404
    token = token_for(foreign, f"/handlaggare/arenden/{other.application.id}")
    assert foreign.post(f"{base}/last", data={"csrf_token": token}).status_code == 404
    # A follow-up of another case, under a case one may open, is not found either.
    mixed = f"/handlaggare/arenden/{other.application.id}/uppfoljning/{case.follow_up.id}"
    assert foreign.get(mixed).status_code == 404
    assert foreign.post(f"{mixed}/last", data={"csrf_token": token}).status_code == 404
    db.expire_all()
    assert db.get(FollowUp, case.follow_up.id).reviewed_at is None


def test_a_published_beslut_without_dates_does_not_break_the_caseload(make_case, staff_client, db):
    # Seen after a merge: the inbox crashed on a published beslut that had neither date.
    case = make_case()
    db.execute(FollowUp.__table__.delete())
    case.decision.decided_on = None
    case.decision.published_at = None
    db.commit()
    response = staff_client(case.officer).get("/handlaggare/inkorg?visa=alla")
    assert response.status_code == 200
    assert case.citizen.name in response.get_data(as_text=True)
