"""/vad-har-hant: where the case is, what happened and who did it, what comes next, for the person only."""

from __future__ import annotations

import re
from datetime import date, timedelta

from sqlalchemy import select

from portal.access.actor import Actor
from portal.audit.models import AccessLogEntry
from portal.db import get_session
from portal.decisions.models import Communication
from portal.domain.vocabulary import ProxyScope
from portal.history.services import record_event
from portal.web.plain_labels import date_text


def _text(page: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))


def test_the_person_sees_the_steps_what_happened_and_what_comes_next(anna_and_david, browser):
    case = anna_and_david
    page = browser(case.citizen).get("/vad-har-hant").get_data(as_text=True)
    text = _text(page)
    assert f"Du skickade ansökan {date_text(case.application.submitted_at)}." in text
    assert f"Handläggaren skrev ett beslut {date_text(case.decision.published_at)}." in text
    # The follow-up is due today: that is the step the case is at, said in words.
    [current] = re.findall(r'<li aria-current="step">(.*?)</li>', page, re.S)
    assert "Uppföljning" in current and "Här är ärendet nu" in current
    assert "Behövdes inte" in text  # no kommunicering was needed in this case
    assert (f"Vill du överklaga beslutet? Då ska kommunen få överklagandet senast "
            f"{date_text(case.decision.appeal_deadline)}.") in text
    assert f'href="/uppfoljning/{case.follow_up.id}"' in page


def test_staff_are_named_only_where_the_municipality_shows_names(anna_and_david, browser, app):
    app.config["PORTAL_SHOW_STAFF_NAMES"] = True
    case = anna_and_david
    text = _text(browser(case.citizen).get("/vad-har-hant").get_data(as_text=True))
    assert f"Eva Ek (handläggare) skrev ett beslut {date_text(case.decision.published_at)}." in text


def test_internal_steps_are_not_shown_to_the_person(anna_and_david, browser, staff_client, app):
    case = anna_and_david
    officer = Actor(kind="staff", staff_id=case.officer.id, unit_id=case.officer.unit_id, role="case_officer")
    with app.test_request_context("/"):
        record_event(officer, case.application, "note_added")
        record_event(officer, case.application, "exported_pdf")
        record_event(officer, case.application, "follow_up_reviewed", case.follow_up)
        get_session().commit()
    staff_page = staff_client(case.officer).get(f"/handlaggare/arenden/{case.application.id}").get_data(as_text=True)
    assert "Intern anteckning skriven" in staff_page and "Exporterad som PDF" in staff_page
    text = _text(browser(case.citizen).get("/vad-har-hant").get_data(as_text=True))
    assert "Handläggaren läste svaren på uppföljningen" in text
    assert "anteckning" not in text and "PDF" not in text


def test_an_open_kommunicering_says_by_when_to_answer(anna_and_david, browser, db):
    case = anna_and_david
    answer_by = date.today() + timedelta(days=14)
    communication = Communication(application_id=case.application.id, citizen_id=case.citizen.id,
                                  unit_id=case.officer.unit_id, sent_by_id=case.officer.id, answer_by=answer_by,
                                  proposal_text="Du får hemtjänst.")
    db.add(communication)
    db.commit()
    page = browser(case.david, acting_for=case.authority).get("/vad-har-hant").get_data(as_text=True)
    assert f'<a href="/kommunicering/{communication.id}">Svara på kommuniceringen senast {date_text(answer_by)}.</a>' \
        in page
    assert "Handläggaren skickade en kommunicering att läsa och svara på" in _text(page)


def test_an_ombud_without_read_decisions_gets_404(anna_and_david, browser, make_citizen, make_proxy_authority):
    case = anna_and_david
    olle = make_citizen("Olle", "Olsson")
    authority = make_proxy_authority(case.citizen, olle, [ProxyScope.ANSWER_FOLLOW_UPS])
    client = browser(olle, acting_for=authority)
    assert client.get("/vad-har-hant").status_code == 404
    assert 'href="/vad-har-hant"' not in client.get("/mitt-stod").get_data(as_text=True)


def test_another_persons_case_never_shows(anna_and_david, browser, make_case, make_citizen, db):
    case = anna_and_david
    bo = make_citizen("Bo", "Berg")
    other = make_case(citizen=bo, officer=case.officer)
    for client in (browser(case.citizen), browser(case.david, acting_for=case.authority)):
        page = client.get("/vad-har-hant").get_data(as_text=True)
        assert case.application.reference in page
        assert other.application.reference not in page
    # David acting as himself has no case at all.
    assert "Du har inte skickat någon ansökan än." in browser(case.david).get("/vad-har-hant").get_data(as_text=True)


def test_the_ombud_sees_the_persons_own_acts_by_name(anna_and_david, browser):
    case = anna_and_david
    text = _text(browser(case.david, acting_for=case.authority).get("/vad-har-hant").get_data(as_text=True))
    assert f"Anna Andersson skickade ansökan {date_text(case.application.submitted_at)}." in text
    assert "Du skickade ansökan" not in text


def test_reading_the_timeline_is_logged_once_per_kind_of_record(anna_and_david, browser, db):
    case = anna_and_david
    browser(case.david, acting_for=case.authority).get("/vad-har-hant")
    rows = db.scalars(select(AccessLogEntry).where(AccessLogEntry.action == "read")).all()
    kinds = sorted(row.record_type for row in rows)
    assert kinds == ["application", "case_event", "decision", "follow_up", "implementation_plan"]
    assert {(row.actor_kind, row.proxy_authority_id, row.subject_citizen_id) for row in rows} == {
        ("proxy", case.authority.id, case.citizen.id)}
