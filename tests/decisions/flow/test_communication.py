"""Kommunicering across the people who share it: the handläggare sends, the person (or an ombud) answers,
and the handläggare sees the answer and who gave it."""

from __future__ import annotations

import re
from datetime import date, timedelta

from sqlalchemy import select

from portal.applications.models import Application
from portal.decisions.models import Communication
from portal.domain.vocabulary import ProxyScope
from portal.history.models import CaseEvent
from portal.investigation.models import Assessment
from portal.messages.models import Notification
from portal.people.models import Citizen
from tests.fixtures.person_case import token_for

PROPOSAL = "Du får hjälp att duscha två gånger i veckan. Du får inte hjälp att handla."


def _assessed(db, case, officer):
    db.add_all([
        Assessment(application_id=case.id, citizen_id=case.citizen_id, officer_id=officer.id, life_area="d5",
                   assessed_level=3, intended_level=1),
        Assessment(application_id=case.id, citizen_id=case.citizen_id, officer_id=officer.id, life_area="d6",
                   assessed_level=1, intended_level=1),
    ])
    db.commit()
    return case


def _send(staff, case, proposal=PROPOSAL, answer_by=None):
    url = f"/handlaggare/arenden/{case.id}/kommunicering"
    answer_by = answer_by or (date.today() + timedelta(days=14)).isoformat()
    return staff.post(url, data={"csrf_token": token_for(staff, url), "proposal_text": proposal,
                                 "answer_by": answer_by})


def _answer(client, communication_id, response, text="", token="b" * 32):
    url = f"/kommunicering/{communication_id}"
    return client.post(url, data={"csrf_token": token_for(client, url), "response": response,
                                  "response_text": text, "token": token})


def _sent(db):
    db.expire_all()
    return db.scalars(select(Communication)).one()


def _person(db, case):
    return db.get(Citizen, case.citizen_id)


def _events(db, kind):
    return db.scalars(select(CaseEvent).where(CaseEvent.kind == kind)).all()


def test_the_person_reads_what_was_sent_answers_and_staff_see_the_answer(
        make_case, officer, staff_client, login_as, db):
    case = _assessed(db, make_case(assigned_officer_id=officer.id), officer)
    staff = staff_client(officer)
    case_page = staff.get(f"/handlaggare/arenden/{case.id}").get_data(as_text=True)
    assert f'href="/handlaggare/arenden/{case.id}/kommunicering">Kommunicera utredningen' in case_page
    form = staff.get(f"/handlaggare/arenden/{case.id}/kommunicering").get_data(as_text=True)
    assert "3 – Stora svårigheter (50–95 %)" in form and "1 – Lätta svårigheter (5–24 %)" in form
    assert (date.today() + timedelta(days=14)).isoformat() in form  # answer-by defaults to two weeks
    response = _send(staff, case)
    assert response.status_code == 303 and response.location.endswith("#kommunicering")
    sent = _sent(db)
    assert sent.proposal_text == PROPOSAL
    assert {"code": "d5", "assessed": 3, "intended": 1} in sent.content["areas"]
    assert db.get(Application, case.id).status == "investigating"
    assert [e.kind for e in db.scalars(select(CaseEvent).order_by(CaseEvent.id))] == ["received", "communication_sent"]
    notification = db.scalars(select(Notification)).one()
    assert notification.kind == "communication" and notification.citizen_id == case.citizen_id

    person = login_as(_person(db, case))
    page = person.get(f"/kommunicering/{sent.id}").get_data(as_text=True)
    assert PROPOSAL in page
    assert "Handläggaren tycker: <strong>Stora svårigheter</strong>" in page
    assert "Du sa: <strong>Måttliga svårigheter</strong>" in page  # d5, from the ansökan
    assert f"Svara senast {sent.answer_by.day} " in page
    assert _answer(person, sent.id, "comment", "Jag vill ha hjälp att handla också.").status_code == 303
    answered = person.get(f"/kommunicering/{sent.id}").get_data(as_text=True)
    assert "Du svarade" in answered and "Jag vill ha hjälp att handla också." in answered
    assert "Skicka svaret" not in answered

    case_page = staff.get(f"/handlaggare/arenden/{case.id}").get_data(as_text=True)
    assert "Vill säga något" in case_page and "Jag vill ha hjälp att handla också." in case_page
    assert re.search(r"svarade \d{4}-\d\d-\d\d \d\d:\d\d: Personen", case_page) and "(ombud)" not in case_page
    assert len(_events(db, "communication_answered")) == 1


def test_an_ombud_answers_and_staff_see_the_ombud(make_case, officer, staff_client, login_as, make_citizen,
                                                 make_proxy_authority, db):
    case = _assessed(db, make_case(assigned_officer_id=officer.id), officer)
    staff = staff_client(officer)
    _send(staff, case)
    sent = _sent(db)
    citizen = _person(db, case)
    david = make_citizen("David", "Andersson")
    authority = make_proxy_authority(citizen, david, [ProxyScope.READ_DECISIONS, ProxyScope.ACT_ON_DECISIONS])
    ombud = login_as(david, acting_for=authority)
    assert "Bertil Berg sa:" in ombud.get(f"/kommunicering/{sent.id}").get_data(as_text=True)
    assert _answer(ombud, sent.id, "agree").status_code == 303
    assert _sent(db).proxy_authority_id == authority.id
    assert "Du svarade" in ombud.get(f"/kommunicering/{sent.id}").get_data(as_text=True)
    assert "för Bertil Berg" in ombud.get(f"/kommunicering/{sent.id}").get_data(as_text=True)
    person_page = login_as(citizen).get(f"/kommunicering/{sent.id}").get_data(as_text=True)
    assert "David Andersson (ombud) svarade" in person_page and "för dig." in person_page
    case_page = staff.get(f"/handlaggare/arenden/{case.id}").get_data(as_text=True)
    assert "Håller med" in case_page and "David Andersson (ombud) för personen" in case_page
    assert _events(db, "communication_answered")[0].proxy_authority_id == authority.id


def test_nobody_else_reaches_a_kommunicering(make_case, officer, foreign_officer, staff_client, login_as,
                                           make_citizen, make_proxy_authority, db):
    case = _assessed(db, make_case(assigned_officer_id=officer.id), officer)
    _send(staff_client(officer), case)
    sent = _sent(db)
    citizen = _person(db, case)
    david = make_citizen("David", "Andersson")
    messages_only = make_proxy_authority(citizen, david, [ProxyScope.MESSAGES])
    ombud = login_as(david, acting_for=messages_only)
    assert ombud.get(f"/kommunicering/{sent.id}").status_code == 404
    assert _answer(ombud, sent.id, "agree").status_code == 404
    stranger = login_as(make_citizen("Bo", "Ek"))
    assert stranger.get(f"/kommunicering/{sent.id}").status_code == 404
    assert stranger.get("/kommunicering/999999").status_code == 404
    foreign = staff_client(foreign_officer)
    assert foreign.get(f"/handlaggare/arenden/{case.id}/kommunicering").status_code == 404
    assert _send(foreign, case).status_code == 404
    assert len(db.scalars(select(Communication)).all()) == 1
    assert _sent(db).response is None


def test_an_answer_counts_once_and_a_second_one_is_refused(make_case, officer, staff_client, login_as, db):
    case = _assessed(db, make_case(assigned_officer_id=officer.id), officer)
    _send(staff_client(officer), case)
    sent = _sent(db)
    person = login_as(_person(db, case))
    first = _answer(person, sent.id, "agree")
    double_click = _answer(person, sent.id, "agree")
    assert first.status_code == double_click.status_code == 303
    assert len(_events(db, "communication_answered")) == 1
    second = _answer(person, sent.id, "comment", "Jag ångrar mig.", token="c" * 32)
    assert second.status_code == 422
    assert "Du har redan svarat." in second.get_data(as_text=True)
    assert _sent(db).response == "agree" and _sent(db).response_text == ""


def test_mistakes_are_explained_and_nothing_typed_is_lost(make_case, officer, staff_client, login_as, db):
    case = _assessed(db, make_case(assigned_officer_id=officer.id), officer)
    staff = staff_client(officer)
    empty = _send(staff, case, proposal="  ", answer_by=(date.today() - timedelta(days=1)).isoformat())
    page = empty.get_data(as_text=True)
    assert empty.status_code == 422
    assert "Skriv förslaget till beslut på lätt svenska" in page and "Datumet måste vara i dag eller senare" in page
    too_long = _send(staff, case, proposal="Ord " * 1300)
    assert too_long.status_code == 422 and "Texten är för lång" in too_long.get_data(as_text=True)
    assert db.scalars(select(Communication)).all() == []
    assert db.get(Application, case.id).status == "submitted"

    _send(staff, case)
    sent = _sent(db)
    person = login_as(_person(db, case))
    no_choice = _answer(person, sent.id, "", "Mina egna ord.")
    assert no_choice.status_code == 422
    assert "Välj ett svar." in no_choice.get_data(as_text=True) and "Mina egna ord." in no_choice.get_data(as_text=True)
    no_text = _answer(person, sent.id, "comment", "   ")
    assert "Skriv vad du vill säga." in no_text.get_data(as_text=True)
    assert _sent(db).response is None


def test_a_late_answer_is_still_taken(make_case, officer, staff_client, login_as, db):
    case = _assessed(db, make_case(assigned_officer_id=officer.id), officer)
    _send(staff_client(officer), case)
    sent = _sent(db)
    sent.answer_by = date.today() - timedelta(days=2)
    db.commit()
    person = login_as(_person(db, case))
    assert "Sista dagen har gått. Du kan svara ändå." in person.get(f"/kommunicering/{sent.id}").get_data(as_text=True)
    assert _answer(person, sent.id, "agree").status_code == 303
    assert _sent(db).response == "agree"


def test_reading_the_kommunicering_marks_only_its_own_news_read(make_case, officer, staff_client, login_as, db):
    case = _assessed(db, make_case(assigned_officer_id=officer.id), officer)
    _send(staff_client(officer), case)
    sent = _sent(db)
    db.add(Notification(citizen_id=case.citizen_id, kind="plan"))
    db.commit()
    login_as(_person(db, case)).get(f"/kommunicering/{sent.id}")
    db.expire_all()
    read = {n.kind: n.read_at is not None for n in db.scalars(select(Notification))}
    assert read == {"communication": True, "plan": False}


def test_the_proposal_shows_how_easy_it_is_to_read(officer, staff_client):
    staff = staff_client(officer)
    fragment = staff.post("/handlaggare/lix", headers={"HX-Request": "true"}, data={
        "csrf_token": token_for(staff, "/handlaggare/inkorg"), "proposal_text": "Du får hjälp. Det är bra."})
    assert "LIX:" in fragment.get_data(as_text=True) and "<html" not in fragment.get_data(as_text=True)
