"""What an ombud does in the person's name is told to the person and named for everyone who reads the case."""

from __future__ import annotations

import re

from sqlalchemy import select

from portal.access.actor import Actor
from portal.db import get_session
from portal.decisions.models import Appeal
from portal.domain.vocabulary import ProxyScope
from portal.history.services import PROXY_ACTED, record_event
from portal.messages.models import Notification
from portal.plans.models import PlanResponse
from portal.web.plain_labels import date_text
from tests.fixtures.person_case import token_for


def _notices(db, citizen_id: int) -> list[Notification]:
    return db.scalars(select(Notification).where(Notification.citizen_id == citizen_id,
                                                 Notification.kind == PROXY_ACTED)).all()


def _agree_as(client, plan_id: int):
    token = token_for(client, f"/plan/{plan_id}")
    return client.post(f"/plan/{plan_id}/hall-med", data={"csrf_token": token})


def _history_rows(page: str) -> list[str]:
    section = page.split('id="historik"', 1)[1].split("</section>", 1)[0]
    return [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", row)).strip() for row in section.split("<tr>")[2:]]


def test_an_ombud_agreeing_to_a_plan_is_told_to_the_person_and_named_for_all(anna_and_david, browser,
                                                                             staff_client, db, app):
    case = anna_and_david
    david = browser(case.david, acting_for=case.authority)
    anna, eva = browser(case.citizen), staff_client(case.officer)

    assert _agree_as(david, case.plan.id).status_code == 303
    today = date_text(db.scalars(select(PlanResponse)).one().responded_at)

    assert len(_notices(db, case.citizen.id)) == 1
    assert "Ett ombud har gjort något för dig" in anna.get("/mitt-stod").get_data(as_text=True)
    anna_page = anna.get("/vad-har-hant").get_data(as_text=True)
    assert f"David Andersson (ombud) svarade på genomförandeplanen för dig {today}." in anna_page
    david_page = david.get("/vad-har-hant").get_data(as_text=True)
    assert f"Du svarade på genomförandeplanen för Anna Andersson {today}." in david_page

    rows = _history_rows(eva.get(f"/handlaggare/arenden/{case.application.id}").get_data(as_text=True))
    answered = [row for row in rows if "Personen svarade på genomförandeplanen" in row]
    assert len(answered) == 1  # from its event, not once more from the answer itself
    assert answered[0].endswith("David Andersson (ombud) för personen")


def test_the_person_reading_what_happened_clears_the_notice(anna_and_david, browser, db):
    case = anna_and_david
    _agree_as(browser(case.david, acting_for=case.authority), case.plan.id)
    anna = browser(case.citizen)
    anna.get("/vad-har-hant")
    assert all(n.read_at is not None for n in _notices(db, case.citizen.id))
    assert "Ett ombud har gjort något för dig" not in anna.get("/mitt-stod").get_data(as_text=True)


def test_the_ombud_reading_does_not_clear_the_persons_notice(anna_and_david, browser, db):
    case = anna_and_david
    david = browser(case.david, acting_for=case.authority)
    _agree_as(david, case.plan.id)
    david.get("/vad-har-hant")
    assert [n.read_at for n in _notices(db, case.citizen.id)] == [None]


def test_the_person_acting_alone_gets_no_notice(anna_and_david, browser, db):
    case = anna_and_david
    assert _agree_as(browser(case.citizen), case.plan.id).status_code == 303
    assert _notices(db, case.citizen.id) == []


def test_an_ombud_appeal_reads_as_done_for_the_person(anna_and_david, browser, staff_client, db):
    case = anna_and_david
    david = browser(case.david, acting_for=case.authority)
    page = david.get(f"/beslut/{case.decision.id}/overklaga").get_data(as_text=True)
    token = re.search(r'name="token" value="([0-9a-f]+)"', page).group(1)
    form = {"csrf_token": token_for(david, f"/beslut/{case.decision.id}/overklaga"), "token": token,
            "text": "Jag behöver hjälp fler dagar."}
    assert david.post(f"/beslut/{case.decision.id}/overklaga", data=form).status_code == 303

    anna_page = browser(case.citizen).get("/vad-har-hant").get_data(as_text=True)
    today = date_text(db.scalars(select(Appeal)).one().created_at)
    assert f"David Andersson (ombud) skickade ett överklagande för dig {today}." in anna_page
    assert "Nu kontrollerar kommunen att det kom in i tid." in anna_page
    rows = _history_rows(staff_client(case.officer).get(f"/handlaggare/arenden/{case.application.id}")
                         .get_data(as_text=True))
    assert [row for row in rows if "Överklagande kom in" in row][0].endswith("David Andersson (ombud) för personen")
    assert len([row for row in rows if "Överklagande kom in" in row]) == 1


def test_one_notice_per_request_however_many_steps(app, anna_and_david, db):
    case = anna_and_david
    ombud = Actor(kind="proxy", citizen_id=case.david.id, subject_citizen_id=case.citizen.id,
                  proxy_authority_id=case.authority.id, scopes=frozenset({ProxyScope.READ_DECISIONS}))
    staff = Actor(kind="staff", staff_id=case.officer.id, unit_id=case.officer.unit_id, role="case_officer")
    with app.test_request_context("/"):
        record_event(ombud, case.application, "plan_answered", case.plan)
        record_event(ombud, case.application, "follow_up_answered", case.follow_up)
        record_event(staff, case.application, "follow_up_reviewed", case.follow_up)
        get_session().commit()
    assert len(_notices(db, case.citizen.id)) == 1
    with app.test_request_context("/"):
        record_event(ombud, case.application, "need_change_reported")
        get_session().commit()
    assert len(_notices(db, case.citizen.id)) == 2


def test_an_answer_from_before_events_were_kept_still_shows_once(anna_and_david, staff_client, db):
    case = anna_and_david
    db.add(PlanResponse(plan_id=case.plan.id, plan_version=case.plan.version, agreed=True,
                        proxy_authority_id=case.authority.id))
    db.commit()
    rows = _history_rows(staff_client(case.officer).get(f"/handlaggare/arenden/{case.application.id}")
                         .get_data(as_text=True))
    answered = [row for row in rows if "Personen svarade på genomförandeplanen" in row]
    assert len(answered) == 1 and answered[0].endswith("David Andersson (ombud) för personen")
    assert any(row.endswith("Ansökan skickades in Personen") for row in rows)


def test_nobody_outside_the_case_reads_its_history(anna_and_david, browser, staff_client, make_staff,
                                                   make_citizen):
    case = anna_and_david
    _agree_as(browser(case.david, acting_for=case.authority), case.plan.id)
    fredrik = make_staff("Fredrik", "Falk", unit_code="soder")
    assert staff_client(fredrik).get(f"/handlaggare/arenden/{case.application.id}").status_code == 404
    stranger = browser(make_citizen("Bo", "Berg")).get("/vad-har-hant").get_data(as_text=True)
    assert "David Andersson" not in stranger and case.application.reference not in stranger
    # Staff have no citizen pages at all: they are sent to the citizen login.
    assert staff_client(case.officer).get("/vad-har-hant").status_code in (302, 303)
