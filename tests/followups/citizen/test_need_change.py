"""“Mitt behov har ändrats”: the person or their ombud tells, the handläggare sees and handles it."""

from __future__ import annotations

import re

from sqlalchemy import func, select

from portal.access.actor import SESSION_CITIZEN, Actor
from portal.auth.sessions import PREVIOUS_OWNER
from portal.domain.vocabulary import ProxyScope
from portal.followups.models import NeedChange
from portal.followups.need_changes import may_report
from portal.history.models import CaseEvent
from tests.conftest import csrf_token
from tests.fixtures.person_case import token_for

URL = "/mitt-behov-har-andrats"


def form_token(client, areas=("d4", "d6")) -> tuple[str, str]:
    """(csrf token, one-time token) from the page where the person writes."""
    page = client.get(URL + "?" + "&".join(f"omrade={a}" for a in areas)).get_data(as_text=True)
    return csrf_token(client, URL + "?omrade=d4"), re.search(r'name="token" value="([0-9a-f]{32})"', page).group(1)


def report(client, data=None, areas=("d4", "d6")):
    csrf, token = form_token(client, areas)
    fields = {"csrf_token": csrf, "token": token, "life_area_codes": list(areas),
              "text_d4": "Jag har ramlat två gånger.", "level_d4": "3", "text_d6": "Jag orkar inte städa."}
    return client.post(URL, data=fields | (data or {}))


def staff_case_page(staff_client, case) -> str:
    return staff_client(case.officer).get(f"/handlaggare/arenden/{case.application.id}").get_data(as_text=True)


def test_the_person_reports_and_the_handlaggare_handles_it(make_case, login_as, staff_client, db):
    case = make_case()
    person = login_as(case.citizen)
    choose = person.get(URL).get_data(as_text=True)
    assert "Röra dig" in choose and 'type="checkbox"' in choose and "Förflyttning" not in choose
    writing = person.get(f"{URL}?valt=1&omrade=d4&omrade=d6").get_data(as_text=True)
    assert writing.count("Vad är annorlunda nu?") >= 3 and "Sköta hemmet" in writing
    response = report(person)
    assert response.status_code == 303
    receipt = person.get(response.headers["Location"]).get_data(as_text=True)
    assert "Du skickade det här." in receipt and "Handläggaren hör av sig." in receipt
    assert "Jag har ramlat två gånger." in receipt and "Stora svårigheter" in receipt

    change = db.scalars(select(NeedChange)).one()
    assert (change.application_id, change.unit_id, change.proxy_authority_id) == \
        (case.application.id, case.application.unit_id, None)
    assert [(a.life_area, a.current_level) for a in change.areas] == [("d4", 3), ("d6", None)]
    listed = staff_case_page(staff_client, case)
    assert "Personen meddelade" in listed and "att behovet har ändrats: Förflyttning, Hemliv" in listed
    staff = staff_client(case.officer)
    detail_url = f"/handlaggare/arenden/{case.application.id}/andrat-behov/{change.id}"
    detail = staff.get(detail_url).get_data(as_text=True)
    assert "Jag orkar inte städa." in detail and "3 – Stora svårigheter" in detail and "Inte hanterad" in detail
    handled = staff.post(f"{detail_url}/hanterad", data={"csrf_token": token_for(staff, detail_url)})
    assert handled.status_code == 303
    db.expire_all()
    change = db.get(NeedChange, change.id)
    assert change.handled_by_id == case.officer.id and change.handled_at is not None
    assert "Markera som hanterad" not in staff.get(detail_url).get_data(as_text=True)
    kinds = db.scalars(select(CaseEvent.kind).where(CaseEvent.record_type == "need_change")).all()
    assert sorted(kinds) == ["need_change_handled", "need_change_reported"]


def test_an_ombud_who_may_apply_reports_for_the_person(
        make_case, make_citizen, make_proxy_authority, login_as, staff_client, db):
    case = make_case()
    david = make_citizen("David", "Andersson")
    authority = make_proxy_authority(case.citizen, david, [ProxyScope.APPLY])
    ombud = login_as(david, acting_for=authority)
    response = report(ombud, areas=("d4",))
    receipt_url = response.headers["Location"]
    assert "Du skickade det här för Anna Andersson." in ombud.get(receipt_url).get_data(as_text=True)
    own = login_as(case.citizen).get(receipt_url).get_data(as_text=True)
    assert "David Andersson (ombud) skickade det här för dig." in own
    listed = staff_case_page(staff_client, case)
    assert "David Andersson (ombud) meddelade" in listed
    change = db.scalars(select(NeedChange)).one()
    detail = staff_client(case.officer).get(
        f"/handlaggare/arenden/{case.application.id}/andrat-behov/{change.id}").get_data(as_text=True)
    assert "David Andersson (ombud)" in detail
    assert db.scalars(select(CaseEvent).where(CaseEvent.kind == "need_change_reported")).one() \
        .proxy_authority_id == authority.id


def test_an_ombud_without_the_apply_scope_and_a_stranger_get_404(
        make_case, make_citizen, make_proxy_authority, login_as, db):
    case = make_case()
    receipt_url = report(login_as(case.citizen)).headers["Location"]
    david = make_citizen("David", "Andersson")
    readers_only = make_proxy_authority(case.citizen, david, [ProxyScope.READ_DECISIONS,
                                                              ProxyScope.ANSWER_FOLLOW_UPS])
    ombud = login_as(david, acting_for=readers_only)
    assert ombud.get(URL).status_code == 404
    assert ombud.get(receipt_url).status_code == 404
    token = csrf_token(ombud, "/mitt-stod")
    assert ombud.post(URL, data={"csrf_token": token, "life_area_codes": ["d4"], "text_d4": "x",
                                 "token": "a" * 32}).status_code == 404
    stranger = login_as(make_citizen("Bo", "Berg"))
    assert stranger.get(receipt_url).status_code == 404
    assert db.scalar(select(func.count(NeedChange.id))) == 1


def test_a_double_click_sends_once(make_case, login_as, db):
    case = make_case()
    person = login_as(case.citizen)
    csrf, token = form_token(person)
    data = {"csrf_token": csrf, "token": token, "life_area_codes": ["d4"], "text_d4": "Jag har ramlat."}
    first, second = person.post(URL, data=data), person.post(URL, data=data)
    assert first.headers["Location"] == second.headers["Location"]
    assert db.scalar(select(func.count(NeedChange.id))) == 1
    assert db.scalars(select(NeedChange)).one().reference == f"ÄB-{token[:12].upper()}"


def test_a_missing_text_is_said_next_to_the_field_and_nothing_typed_is_lost(make_case, login_as, db):
    case = make_case()
    person = login_as(case.citizen)
    csrf, token = form_token(person)
    response = person.post(URL, data={"csrf_token": csrf, "token": token, "life_area_codes": ["d4", "d6"],
                                      "text_d4": "Jag har ramlat två gånger.", "level_d4": "3",
                                      "text_d6": "  ", "level_d6": "7"})
    page = response.get_data(as_text=True)
    assert 'id="error-text_d6"' in page and "Skriv vad som är annorlunda nu för Sköta hemmet." in page
    assert 'id="error-level_d6"' in page and 'href="#field-text_d6"' in page
    assert "Jag har ramlat två gånger.</textarea>" in page
    assert re.search(r'name="level_d4" value="3"\s*checked', page)
    assert f'name="token" value="{token}"' in page, "the same form, so a resend still counts once"
    too_long = person.post(URL, data={"csrf_token": csrf, "token": token, "life_area_codes": ["d4"],
                                      "text_d4": "a" * 2001}).get_data(as_text=True)
    assert "Texten är för lång. Skriv högst 2000 tecken. Nu är det 2001." in too_long
    assert db.scalar(select(func.count(NeedChange.id))) == 0
    empty_choice = person.get(f"{URL}?valt=1").get_data(as_text=True)
    assert "Välj minst ett livsområde." in empty_choice and 'id="error-omrade"' in empty_choice


def test_what_was_posted_when_the_session_ended_comes_back(make_case, client, db):
    case = make_case()
    with client.session_transaction() as session:
        session[PREVIOUS_OWNER] = f"citizen:{case.citizen.id}"
    token = csrf_token(client, "/")
    response = client.post(URL, data={"csrf_token": token, "token": "b" * 32, "life_area_codes": ["d6"],
                                      "text_d6": "Jag orkar inte städa längre."})
    assert response.status_code == 303 and "logga-in" in response.headers["Location"]
    with client.session_transaction() as session:
        session[SESSION_CITIZEN] = case.citizen.id
    page = client.get(URL).get_data(as_text=True)
    assert "Jag orkar inte städa längre.</textarea>" in page and 'value="bbbbbbbb' in page


def test_without_a_sent_ansokan_the_page_says_how_to_apply(make_citizen, make_case, login_as, app, db):
    bertil = make_citizen("Bertil", "Berg")
    person = login_as(bertil)
    page = person.get(URL).get_data(as_text=True)
    assert "Du har inte skickat någon ansökan än." in page and 'href="/ansokan/ny"' in page
    token = csrf_token(person, URL)
    person.post(URL, data={"csrf_token": token, "token": "c" * 32, "life_area_codes": ["d4"], "text_d4": "x"})
    assert db.scalar(select(func.count(NeedChange.id))) == 0
    case = make_case()
    with app.test_request_context():
        assert may_report(Actor(kind="citizen", citizen_id=case.citizen.id, subject_citizen_id=case.citizen.id))
        assert not may_report(Actor(kind="citizen", citizen_id=bertil.id, subject_citizen_id=bertil.id))


def test_another_units_handlaggare_cannot_open_or_handle_it(make_case, make_staff, login_as, staff_client, db):
    case = make_case()
    report(login_as(case.citizen))
    change = db.scalars(select(NeedChange)).one()
    other = make_case(officer=make_staff("Fredrik", "Falk", unit_code="soder"))
    foreign = staff_client(other.officer)
    for application_id in (case.application.id, other.application.id):
        url = f"/handlaggare/arenden/{application_id}/andrat-behov/{change.id}"
        assert foreign.get(url).status_code == 404
        token = token_for(foreign, f"/handlaggare/arenden/{other.application.id}")
        assert foreign.post(f"{url}/hanterad", data={"csrf_token": token}).status_code == 404
    db.expire_all()
    assert db.get(NeedChange, change.id).handled_at is None
