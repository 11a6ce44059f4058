"""An ombud's fullmakt allows what its words say, no more (issue 11, finding 11).

"Läsa beslut och planer" is reading only; appealing, answering the plan and
answering a kommunicering need "Svara på planer och överklaga beslut".
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import func, select

from portal.applications.models import SelfAssessment
from portal.decisions.models import Appeal, Communication
from portal.domain.states import ApplicationStatus
from portal.domain.vocabulary import ProxyScope
from portal.plans.models import PlanResponse
from tests.proxies.helpers import grant_form, logs_in, post_form

READ = ProxyScope.READ_DECISIONS


def _reader(make_case, make_citizen, make_proxy_authority, scopes=(READ,)):
    anna, david = make_citizen("Anna"), make_citizen("David")
    case = make_case(citizen=anna)
    return case, david, make_proxy_authority(anna, david, list(scopes))


def test_a_reading_ombud_cannot_appeal_answer_the_plan_or_the_kommunicering(
        client, db, make_case, make_citizen, make_proxy_authority, login_as):
    case, david, authority = _reader(make_case, make_citizen, make_proxy_authority)
    communication = Communication(application_id=case.application.id, citizen_id=case.citizen.id,
                                  unit_id=case.officer.unit_id, sent_by_id=case.officer.id,
                                  answer_by=date.today() + timedelta(days=14), proposal_text="Du får hemtjänst.")
    db.add(communication)
    db.commit()
    login_as(david, acting_for=authority)
    decision_page = client.get(f"/beslut/{case.decision.id}").get_data(as_text=True)
    assert "Skriv ett överklagande" not in decision_page
    assert "Jag håller med" not in client.get(f"/plan/{case.plan.id}").get_data(as_text=True)
    kommunicering = client.get(f"/kommunicering/{communication.id}").get_data(as_text=True)
    assert "Din fullmakt gäller bara att läsa." in kommunicering and "Skicka svaret" not in kommunicering

    page = f"/beslut/{case.decision.id}"
    assert post_form(client, f"/beslut/{case.decision.id}/overklaga",
                     {"text": "Jag vill ha mer hjälp.", "token": "a" * 32}, page).status_code == 404
    assert post_form(client, f"/plan/{case.plan.id}/hall-med", {}, page).status_code == 404
    assert post_form(client, f"/kommunicering/{communication.id}",
                     {"response": "agree", "token": "b" * 32}, page).status_code == 404
    db.expire_all()
    assert db.scalar(select(func.count(Appeal.id))) == 0
    assert db.scalar(select(func.count(PlanResponse.id))) == 0
    assert db.get(Communication, communication.id).response is None


def test_the_acting_scope_appeals(client, db, make_case, make_citizen, make_proxy_authority, login_as):
    case, david, authority = _reader(make_case, make_citizen, make_proxy_authority,
                                     scopes=(READ, ProxyScope.ACT_ON_DECISIONS))
    login_as(david, acting_for=authority)
    assert "Skriv ett överklagande" in client.get(f"/beslut/{case.decision.id}").get_data(as_text=True)
    response = post_form(client, f"/beslut/{case.decision.id}/overklaga",
                         {"text": "Jag vill ha mer hjälp.", "token": "c" * 32}, f"/beslut/{case.decision.id}")
    assert response.status_code == 303


def test_a_reading_ombud_does_not_see_the_self_assessment_of_a_draft(
        client, db, make_case, make_citizen, make_proxy_authority, make_application, login_as):
    case, david, authority = _reader(make_case, make_citizen, make_proxy_authority)
    draft = make_application(case.citizen, status=ApplicationStatus.DRAFT)
    db.add(SelfAssessment(citizen_id=case.citizen.id, application_id=draft.id, life_area="d9",
                          current_level=4, wanted_level=0))
    db.commit()
    login_as(case.citizen)
    assert "Fritid och samhälle" in client.get("/min-utveckling").get_data(as_text=True)
    login_as(david, acting_for=authority)
    page = client.get("/min-utveckling")
    assert page.status_code == 200
    assert "Fritid och samhälle" not in page.get_data(as_text=True)


def test_choosing_to_act_also_stores_reading_so_the_fullmakt_lists_it(client, db, make_citizen, login_as):
    from portal.proxies.models import ProxyAuthority

    anna, david = make_citizen("Anna"), make_citizen("David")
    login_as(anna)
    form = {**grant_form(david, scopes=("act_on_decisions",)), "step": "confirm"}
    assert post_form(client, "/fullmakter/ny", form).status_code == 303
    logs_in(client, login_as, david)
    authority = db.scalars(select(ProxyAuthority)).one()
    assert authority.scopes == ["read_decisions", "act_on_decisions"]


def test_staff_and_the_person_see_the_same_words_for_scopes(client, make_case, make_citizen, login_as):
    case = make_case(citizen=make_citizen("Anna"))
    login_as(case.officer, staff=True)
    staff_form = client.get(f"/handlaggare/arenden/{case.application.id}/stallforetradare").get_data(as_text=True)
    login_as(case.citizen)
    citizen_form = client.get("/fullmakter/ny").get_data(as_text=True)
    for words in ("Läsa beslut och planer", "Svara på planer och överklaga beslut", "Läsa och skicka meddelanden"):
        assert words in staff_form and words in citizen_form
