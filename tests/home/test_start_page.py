"""/mitt-stod: the right words for whoever reads it, only what they may use, and "Nytt" that goes away."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

from sqlalchemy import select

from portal.audit.models import AccessLogEntry
from portal.decisions.models import Appeal, Communication
from portal.domain.states import ApplicationStatus
from portal.domain.vocabulary import ProxyScope
from portal.messages.models import Notification
from portal.modelbase import utcnow


def test_acting_for_anna_the_page_speaks_of_anna(anna_and_david, browser, make_application):
    case = anna_and_david
    make_application(case.citizen)  # a draft David's fullmakt does not cover
    page = browser(case.david, acting_for=case.authority).get("/mitt-stod").get_data(as_text=True)
    assert "Annas beslut" in page and "Annas genomförandeplaner" in page
    for wrong in ("Dina beslut", "Dina genomförandeplaner", "Du har inte skickat", "Väntar på ditt svar",
                  "Fortsätt med ansökan", "Ansök om stöd", "Mitt behov har ändrats"):
        assert wrong not in page
    assert "Fullmakten gäller inte ansökningar. Därför ser du inte Annas ansökningar här." in page


def test_with_the_apply_scope_the_ombud_may_go_on_with_drafts(anna_and_david, browser, make_citizen,
                                                             make_proxy_authority, make_application, db):
    case = anna_and_david
    case.application.submitted_at, case.application.status = None, ApplicationStatus.DRAFT.value
    db.commit()  # Anna has no sent ansökan now, only this draft
    lisa = make_citizen("Lisa", "Lind")
    authority = make_proxy_authority(case.citizen, lisa, [ProxyScope.APPLY])
    page = browser(lisa, acting_for=authority).get("/mitt-stod").get_data(as_text=True)
    assert "Fortsätt med ansökan" in page and "Ansök om stöd" in page
    assert "Anna har inte skickat någon ansökan än." in page
    assert "Ansökningar Anna inte har skickat" in page
    assert "Mitt behov har ändrats" not in page  # nothing sent, so no case to change


def test_the_person_reads_her_own_words(anna_and_david, browser):
    page = browser(anna_and_david.citizen).get("/mitt-stod").get_data(as_text=True)
    assert "Dina beslut" in page and "Annas" not in page
    assert 'href="/mitt-behov-har-andrats"' in page and 'href="/vad-har-hant"' in page


def test_nytt_goes_away_once_the_beslut_is_read(anna_and_david, browser, db):
    case = anna_and_david
    db.add(Notification(citizen_id=case.citizen.id, kind="decision", created_at=case.decision.published_at))
    db.commit()
    anna = browser(case.citizen)
    assert ">Nytt<" in anna.get("/mitt-stod").get_data(as_text=True)
    assert anna.get(f"/beslut/{case.decision.id}").status_code == 200
    assert ">Nytt<" not in anna.get("/mitt-stod").get_data(as_text=True)


def test_a_notice_from_before_the_beslut_does_not_make_it_new(anna_and_david, browser, db):
    case = anna_and_david
    db.add(Notification(citizen_id=case.citizen.id, kind="decision",
                        created_at=case.decision.published_at - timedelta(days=1)))
    db.add(Notification(citizen_id=case.citizen.id, kind="message", created_at=utcnow()))
    db.commit()
    assert ">Nytt<" not in browser(case.citizen).get("/mitt-stod").get_data(as_text=True)


def test_an_open_kommunicering_and_an_appeal_are_on_the_page(anna_and_david, browser, make_citizen,
                                                            make_proxy_authority, db):
    case = anna_and_david
    communication = Communication(application_id=case.application.id, citizen_id=case.citizen.id,
                                  unit_id=case.officer.unit_id, answer_by=date.today() + timedelta(days=7))
    db.add_all([communication, Appeal(decision_id=case.decision.id, citizen_id=case.citizen.id,
                                      reference="ÖK-TEST", in_time=True, timeliness_checked_on=date.today())])
    db.commit()
    for client in (browser(case.citizen), browser(case.david, acting_for=case.authority)):
        page = client.get("/mitt-stod").get_data(as_text=True)
        assert f'href="/kommunicering/{communication.id}"' in page
        assert "Överklagandet kom in i tid. Nu prövar kommunen beslutet en gång till." in page
    olle = make_citizen("Olle", "Olsson")
    follow_ups_only = make_proxy_authority(case.citizen, olle, [ProxyScope.ANSWER_FOLLOW_UPS])
    page = browser(olle, acting_for=follow_ups_only).get("/mitt-stod").get_data(as_text=True)
    assert "/kommunicering/" not in page and "ÖK-TEST" not in page
    assert f'href="/uppfoljning/{case.follow_up.id}"' in page


def test_another_persons_things_never_show(anna_and_david, browser, make_case, make_citizen, db):
    case = anna_and_david
    other = make_case(citizen=make_citizen("Bo", "Berg"), officer=case.officer)
    page = browser(case.citizen).get("/mitt-stod").get_data(as_text=True)
    assert f"/beslut/{other.decision.id}\"" not in page and f"/plan/{other.plan.id}\"" not in page
    assert other.application.reference not in page


def test_each_record_shown_is_logged_once(anna_and_david, browser, db):
    case = anna_and_david
    browser(case.citizen).get("/mitt-stod")
    rows = db.scalars(select(AccessLogEntry).where(AccessLogEntry.action == "read")).all()
    shown = Counter((row.record_type, row.record_id) for row in rows)
    assert shown == Counter({("application", case.application.id): 1, ("decision", case.decision.id): 1,
                             ("implementation_plan", case.plan.id): 1, ("follow_up", case.follow_up.id): 1})
