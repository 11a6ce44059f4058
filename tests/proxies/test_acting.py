"""Choosing whom to act for, the banner, and an authority that ends mid-session."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from portal.access.actor import SESSION_ACTING_FOR
from portal.domain.vocabulary import ProxyScope
from portal.modelbase import utcnow
from tests.proxies.helpers import log_entries, post_form

LOG = "/mina-uppgifter/logg"


@pytest.fixture
def anna_and_david(make_citizen, make_proxy_authority):
    anna, david = make_citizen("Anna"), make_citizen("David")
    authority = make_proxy_authority(anna, david, [ProxyScope.READ_ACCESS_LOG, ProxyScope.READ_DECISIONS])
    return anna, david, authority


def _acting_for(client):
    with client.session_transaction() as session:
        return session.get(SESSION_ACTING_FOR)


def test_chooser_lists_myself_and_the_people_i_represent(client, anna_and_david, login_as):
    anna, david, _authority = anna_and_david
    login_as(david)
    page = client.get("/vem-agerar-jag-for").get_data(as_text=True)
    assert "Mig själv" in page and "Agera för Anna Andersson" in page
    assert "Läsa beslut och planer" in page  # what the authority covers


def test_choosing_a_person_acts_for_them_and_is_logged(client, db, anna_and_david, login_as):
    anna, david, authority = anna_and_david
    login_as(david)
    response = post_form(client, "/vem-agerar-jag-for", {"acting_for": str(authority.id)},
                         token_page="/vem-agerar-jag-for")
    assert response.status_code == 303 and response.headers["Location"] == "/mitt-stod"
    assert _acting_for(client) == authority.id
    page = client.get(LOG).get_data(as_text=True)
    assert "Du agerar för Anna Andersson." in page and "Byt till dig själv" in page
    [started] = log_entries(db, record_type="acting_session", action="login")
    assert (started.actor_kind, started.actor_citizen_id, started.subject_citizen_id,
            started.proxy_authority_id) == ("proxy", david.id, anna.id, authority.id)


def test_switching_back_to_myself(client, db, anna_and_david, login_as):
    _anna, david, authority = anna_and_david
    login_as(david, acting_for=authority)
    post_form(client, "/vem-agerar-jag-for", {"acting_for": "self"}, token_page="/vem-agerar-jag-for")
    assert _acting_for(client) is None
    assert "Du agerar för" not in client.get("/fullmakter").get_data(as_text=True)
    assert len(log_entries(db, record_type="acting_session", action="logout")) == 1


def test_cannot_choose_an_authority_that_is_not_mine(client, db, anna_and_david, make_citizen, login_as):
    _anna, _david, authority = anna_and_david
    eve = make_citizen("Eve")
    login_as(eve)
    response = post_form(client, "/vem-agerar-jag-for", {"acting_for": str(authority.id)},
                         token_page="/vem-agerar-jag-for")
    assert response.headers["Location"] == "/vem-agerar-jag-for"
    assert _acting_for(client) is None
    assert "Du kan inte agera för den personen nu." in client.get("/vem-agerar-jag-for").get_data(as_text=True)
    assert log_entries(db, record_type="acting_session", outcome="denied")


@pytest.mark.parametrize("change", [
    {"valid_to": date.today() - timedelta(days=1)},
    {"valid_from": date.today() + timedelta(days=3)},
    {"status": "requested"},
    {"status": "declined"},
])
def test_an_authority_not_in_force_cannot_be_chosen(client, db, anna_and_david, login_as, change):
    _anna, david, authority = anna_and_david
    for name, value in change.items():
        setattr(authority, name, value)
    db.commit()
    login_as(david)
    assert "Agera för Anna" not in client.get("/vem-agerar-jag-for").get_data(as_text=True)
    post_form(client, "/vem-agerar-jag-for", {"acting_for": str(authority.id)}, token_page="/vem-agerar-jag-for")
    assert _acting_for(client) is None


def test_revoked_mid_session_the_next_request_fails_with_a_clear_message(
        client, db, anna_and_david, login_as):
    anna, david, authority = anna_and_david
    login_as(david, acting_for=authority)
    assert "Anna Andersson" in client.get(LOG).get_data(as_text=True)

    authority.revoked_at, authority.ended_by = utcnow(), "citizen"  # Anna, in her own session
    db.commit()

    response = client.get(LOG)
    assert response.status_code == 303 and response.headers["Location"] == "/vem-agerar-jag-for"
    assert _acting_for(client) is None
    page = client.get("/vem-agerar-jag-for").get_data(as_text=True)
    assert "Du kan inte agera för den personen längre." in page and "Du agerar för Anna" not in page
    # David is himself again: Anna's log is not what he sees.
    assert "Det här gäller Anna" not in client.get(LOG).get_data(as_text=True)
    [refused] = log_entries(db, record_type="proxy_authority", outcome="denied")
    assert refused.actor_citizen_id == david.id and refused.record_id == authority.id


def test_expiry_mid_session_stops_htmx_requests_too(client, db, anna_and_david, login_as):
    _anna, david, authority = anna_and_david
    login_as(david, acting_for=authority)
    authority.valid_to = date.today() - timedelta(days=1)
    db.commit()
    response = client.get(LOG, headers={"HX-Request": "true"})
    assert response.headers["HX-Redirect"] == "/vem-agerar-jag-for"
    assert "Anna" not in response.get_data(as_text=True)


def test_a_form_sent_after_revocation_does_nothing_for_the_person(
        client, db, make_citizen, make_proxy_authority, login_as):
    from sqlalchemy import select

    from portal.applications.models import Application
    from tests.proxies.helpers import fresh_csrf_token

    anna, david = make_citizen("Anna"), make_citizen("David")
    authority = make_proxy_authority(anna, david, [ProxyScope.APPLY])
    login_as(david, acting_for=authority)
    token = fresh_csrf_token(client, "/ansokan/ny")  # the ombud had the form open
    authority.revoked_at, authority.ended_by = utcnow(), "citizen"
    db.commit()
    response = client.post("/ansokan/ny", data={"csrf_token": token, "filled_in_by": "proxy"})
    assert response.status_code == 303 and response.headers["Location"] == "/vem-agerar-jag-for"
    db.expire_all()
    assert db.scalars(select(Application)).all() == []


def test_an_ombud_acting_for_someone_cannot_manage_fullmakter(client, db, anna_and_david,
                                                              make_citizen, login_as):
    anna, david, authority = anna_and_david
    login_as(david, acting_for=authority)
    for path in ("/fullmakter", "/fullmakter/ny", f"/fullmakter/{authority.id}"):
        response = client.get(path)
        assert response.status_code == 403
        assert "Byt till dig själv först" in response.get_data(as_text=True)
    eve = make_citizen("Eve")
    form = {"given_name": "Eve", "family_name": "Andersson", "personnummer": eve.personnummer,
            "scopes": ["apply"], "valid_from": date.today().isoformat(),
            "valid_to": (date.today() + timedelta(days=30)).isoformat(), "step": "confirm"}
    assert post_form(client, "/fullmakter/ny", form, token_page=LOG).status_code == 403
    assert post_form(client, f"/fullmakter/{authority.id}/ta-bort", {}, token_page=LOG).status_code == 403
    db.refresh(authority)
    assert authority.revoked_at is None


def test_after_login_an_ombud_goes_to_the_chooser_and_others_do_not(app, anna_and_david, db):
    from portal.proxies.services import landing_after_login

    anna, david, authority = anna_and_david
    assert landing_after_login(david.id) == "/vem-agerar-jag-for"
    assert landing_after_login(anna.id) == "/mitt-stod"
    authority.valid_to = date.today() - timedelta(days=1)
    db.commit()
    assert landing_after_login(david.id) == "/mitt-stod"


def test_menus_can_ask_whether_the_person_is_an_ombud(app, anna_and_david):
    from flask import session

    from portal.access.actor import SESSION_CITIZEN

    anna, david, _authority = anna_and_david
    template = app.jinja_env.from_string("{{ holds_authorities() }}")
    for person, expected in ((david, "True"), (anna, "False")):
        with app.test_request_context("/"):
            session[SESSION_CITIZEN] = person.id
            assert template.render() == expected
