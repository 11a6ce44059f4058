"""An appeal across the people who share it: the person (or an ombud) writes it, the handläggare
handles it step by step, and the person sees each step with its date."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from portal.decisions.models import Appeal
from portal.domain.vocabulary import ProxyScope
from portal.history.models import CaseEvent
from portal.web.plain_labels import date_text
from tests.fixtures.person_case import token_for

TEXT = "Jag behöver hjälp tre gånger i veckan, inte två."


def _appeal(client, case, text=TEXT):
    url = f"/beslut/{case.decision.id}/overklaga"
    return client.post(url, data={"csrf_token": token_for(client, url), "text": text, "token": "a" * 32})


def _step(staff, case, appeal, step, **data):
    url = f"/handlaggare/arenden/{case.application.id}/overklaganden/{appeal.id}"
    return staff.post(f"{url}/{step}", data={"csrf_token": token_for(staff, url), **data})


def _the_appeal(db):
    db.expire_all()
    return db.scalars(select(Appeal)).one()


def _kinds(db):
    return [event.kind for event in db.scalars(select(CaseEvent).order_by(CaseEvent.id))]


def _days_ago(days):
    return (date.today() - timedelta(days=days)).isoformat()


def test_an_appeal_is_handled_step_by_step_and_the_person_sees_each_step(
        decided_case, officer, staff_client, login_as, db):
    case = decided_case(officer=officer)
    person = login_as(case.citizen)
    assert _appeal(person, case).status_code == 303
    appeal = _the_appeal(db)
    assert _kinds(db) == ["appeal_submitted"]
    appeal.created_at -= timedelta(days=5)  # it came in a few days ago
    db.commit()

    staff = staff_client(officer)
    case_page = staff.get(f"/handlaggare/arenden/{case.application.id}").get_data(as_text=True)
    assert f"Överklagande {appeal.reference}" in case_page
    assert "i tid enligt datumen" in case_page and "Rättidsprövning inte gjord" in case_page
    page_url = f"/handlaggare/arenden/{case.application.id}/overklaganden/{appeal.id}"
    assert page_url in case_page
    page = staff.get(page_url).get_data(as_text=True)
    assert TEXT in page and "Personen" in page and "(ombud)" not in page

    assert _step(staff, case, appeal, "rattidsprovning", in_time="yes", timeliness_checked_on=_days_ago(2)
                 ).status_code == 303
    assert _step(staff, case, appeal, "omprovning", reconsideration="unchanged", reconsidered_on=_days_ago(1)
                 ).status_code == 303
    assert _step(staff, case, appeal, "forvaltningsratten", forwarded_on=date.today().isoformat()).status_code == 303
    appeal = _the_appeal(db)
    assert appeal.in_time and appeal.reconsideration == "unchanged" and appeal.forwarded_on == date.today()
    assert appeal.handled_by_id == officer.id
    assert _kinds(db)[1:] == ["appeal_timeliness_checked", "appeal_reconsidered", "appeal_forwarded"]
    assert "Skickat till förvaltningsrätten" in staff.get(page_url).get_data(as_text=True)

    with staff.application.test_request_context():
        dates = [date_text(date.today() - timedelta(days=n)) for n in (2, 1, 0)]
        received = date_text(appeal.created_at)
    seen = person.get(f"/beslut/{case.decision.id}").get_data(as_text=True)
    assert "Du skickade ett överklagande." in seen
    assert f"Vi fick ditt överklagande {received}." in seen
    assert f"Vi har kontrollerat att det kom in i tid. Det gjorde vi {dates[0]}." in seen
    assert f"Vi har tittat på beslutet igen {dates[1]}." in seen and "Vi ändrar det inte." in seen
    assert f"Vi har skickat överklagandet till förvaltningsrätten {dates[2]}. Domstolen hör av sig till dig." in seen


def test_an_ombuds_appeal_names_the_ombud_for_everyone(decided_case, officer, staff_client, login_as,
                                                     make_citizen, make_proxy_authority, db):
    case = decided_case(officer=officer)
    david = make_citizen("David", "Andersson")
    authority = make_proxy_authority(case.citizen, david, [ProxyScope.READ_DECISIONS, ProxyScope.ACT_ON_DECISIONS])
    ombud = login_as(david, acting_for=authority)
    _appeal(ombud, case)
    appeal = _the_appeal(db)
    assert db.scalars(select(CaseEvent)).one().proxy_authority_id == authority.id
    staff = staff_client(officer)
    page = staff.get(f"/handlaggare/arenden/{case.application.id}/overklaganden/{appeal.id}").get_data(as_text=True)
    assert "David Andersson (ombud) för personen" in page
    assert "David Andersson (ombud) för personen" in staff.get(
        f"/handlaggare/arenden/{case.application.id}").get_data(as_text=True)
    ombud_page = ombud.get(f"/beslut/{case.decision.id}").get_data(as_text=True)
    assert "Du skickade ett överklagande för Anna Andersson." in ombud_page
    assert "Anna Anderssons beslut" in ombud_page
    person_page = login_as(case.citizen).get(f"/beslut/{case.decision.id}").get_data(as_text=True)
    assert "David Andersson (ombud) skickade ett överklagande för dig." in person_page
    assert "Ditt beslut" in person_page


def test_a_late_appeal_is_dismissed_and_goes_no_further(decided_case, officer, staff_client, login_as, db):
    case = decided_case(officer=officer, appeal_in_days=-2)
    person = login_as(case.citizen)
    _appeal(person, case)
    appeal = _the_appeal(db)
    staff = staff_client(officer)
    assert "efter sista dagen" in staff.get(f"/handlaggare/arenden/{case.application.id}").get_data(as_text=True)
    assert _step(staff, case, appeal, "rattidsprovning", in_time="no",
                 timeliness_checked_on=date.today().isoformat()).status_code == 303
    appeal = _the_appeal(db)
    assert appeal.in_time is False and appeal.dismissed_on == date.today()
    assert _kinds(db)[-2:] == ["appeal_timeliness_checked", "appeal_dismissed"]
    today = date.today().isoformat()
    again = _step(staff, case, appeal, "omprovning", reconsideration="changed", reconsidered_on=today)
    assert again.status_code == 422 and "Överklagandet är avvisat. Det prövas inte mer" in again.get_data(as_text=True)
    forward = _step(staff, case, appeal, "forvaltningsratten", forwarded_on=date.today().isoformat())
    assert forward.status_code == 422
    assert _the_appeal(db).reconsideration is None and _the_appeal(db).forwarded_on is None
    seen = person.get(f"/beslut/{case.decision.id}").get_data(as_text=True)
    assert "Det kom in för sent. Därför kan vi inte pröva det." in seen


def test_steps_come_in_order(decided_case, officer, staff_client, login_as, db):
    case = decided_case(officer=officer)
    _appeal(login_as(case.citizen), case)
    appeal = _the_appeal(db)
    staff = staff_client(officer)
    today = date.today().isoformat()
    early = _step(staff, case, appeal, "forvaltningsratten", forwarded_on=today)
    assert early.status_code == 422 and "Gör rättidsprövningen först" in early.get_data(as_text=True)
    early = _step(staff, case, appeal, "omprovning", reconsideration="unchanged", reconsidered_on=today)
    assert early.status_code == 422 and "Gör rättidsprövningen först" in early.get_data(as_text=True)
    future = _step(staff, case, appeal, "rattidsprovning", in_time="yes",
                   timeliness_checked_on=(date.today() + timedelta(days=1)).isoformat())
    assert "Datumet kan inte vara senare än i dag" in future.get_data(as_text=True)
    unanswered = _step(staff, case, appeal, "rattidsprovning", timeliness_checked_on=today)
    assert "Välj om överklagandet kom in i tid" in unanswered.get_data(as_text=True)
    assert _step(staff, case, appeal, "rattidsprovning", in_time="yes", timeliness_checked_on=today).status_code == 303
    twice = _step(staff, case, appeal, "rattidsprovning", in_time="no", timeliness_checked_on=today)
    assert twice.status_code == 422 and "Det här steget är redan gjort" in twice.get_data(as_text=True)
    before = _step(staff, case, appeal, "forvaltningsratten", forwarded_on=today)
    assert "Gör omprövningen först" in before.get_data(as_text=True)
    assert _step(staff, case, appeal, "omprovning", reconsideration="changed", reconsidered_on=today).status_code == 303
    changed = _step(staff, case, appeal, "forvaltningsratten", forwarded_on=today)
    assert changed.status_code == 422 and "Beslutet är ändrat som personen ville" in changed.get_data(as_text=True)
    appeal = _the_appeal(db)
    assert appeal.in_time is True and appeal.forwarded_on is None
    assert "Vi ändrar det som du ville." in login_as(case.citizen).get(
        f"/beslut/{case.decision.id}").get_data(as_text=True)


def test_another_units_handlaggare_and_other_cases_get_404(decided_case, officer, foreign_officer, staff_client,
                                                         login_as, make_citizen, db):
    case = decided_case(officer=officer)
    other = decided_case(citizen=make_citizen("Cilla", "Ceder"), officer=officer)
    _appeal(login_as(case.citizen), case)
    appeal = _the_appeal(db)
    foreign = staff_client(foreign_officer)
    url = f"/handlaggare/arenden/{case.application.id}/overklaganden/{appeal.id}"
    assert foreign.get(url).status_code == 404
    own_token = token_for(foreign, "/handlaggare/inkorg")
    today = date.today().isoformat()
    for step, data in (("rattidsprovning", {"in_time": "yes", "timeliness_checked_on": today}),
                       ("omprovning", {"reconsideration": "changed", "reconsidered_on": today}),
                       ("forvaltningsratten", {"forwarded_on": today})):
        assert foreign.post(f"{url}/{step}", data={"csrf_token": own_token, **data}).status_code == 404
    staff = staff_client(officer)
    wrong_case = f"/handlaggare/arenden/{other.application.id}/overklaganden/{appeal.id}"
    assert staff.get(wrong_case).status_code == 404
    assert _the_appeal(db).timeliness_checked_on is None
