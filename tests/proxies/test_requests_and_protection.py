"""An ombud asks for a fullmakt; skyddad identitet; what `can()` tells the menus."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from portal.access.actor import Actor
from portal.access.gate import Permission
from portal.domain.vocabulary import ProxyScope
from portal.proxies.models import ProxyAuthority
from portal.proxies.permissions import actor_may, can
from tests.proxies.helpers import grant_form, logs_in, post_form


def _ask(client, person, scopes=("read_decisions", "apply")):
    return post_form(client, "/fullmakter/be-om", grant_form(person, scopes=scopes))


def test_ombud_asks_and_the_person_says_yes_to_less(client, db, make_citizen, login_as):
    anna, david = make_citizen("Anna"), make_citizen("David")
    login_as(david)
    assert _ask(client, anna).status_code == 303
    logs_in(client, login_as, anna)
    authority = db.scalars(select(ProxyAuthority)).one()
    assert (authority.status, authority.citizen_id, authority.proxy_id) == ("requested", anna.id, david.id)
    login_as(david)
    assert "Väntar på svar" in client.get("/fullmakter").get_data(as_text=True)

    login_as(anna)
    overview = client.get("/fullmakter").get_data(as_text=True)
    assert "David Andersson vill bli ditt ombud." in overview
    response = post_form(client, f"/fullmakter/{authority.id}/svara",
                         {"answer": "yes", "scopes": ["read_decisions"]})
    assert response.status_code == 303
    db.refresh(authority)
    assert authority.status == "active" and authority.scopes == ["read_decisions"]


def test_the_person_can_say_no(client, db, make_citizen, login_as):
    anna, david = make_citizen("Anna"), make_citizen("David")
    login_as(david)
    _ask(client, anna)
    logs_in(client, login_as, anna)
    authority = db.scalars(select(ProxyAuthority)).one()
    post_form(client, f"/fullmakter/{authority.id}/svara", {"answer": "no"})
    db.refresh(authority)
    assert authority.status == "declined"
    login_as(david)
    assert "Agera för Anna" not in client.get("/vem-agerar-jag-for").get_data(as_text=True)


def test_saying_yes_to_nothing_is_an_error(client, db, make_citizen, login_as):
    anna, david = make_citizen("Anna"), make_citizen("David")
    login_as(david)
    _ask(client, anna)
    logs_in(client, login_as, anna)
    authority = db.scalars(select(ProxyAuthority)).one()
    response = post_form(client, f"/fullmakter/{authority.id}/svara", {"answer": "yes"})
    assert response.status_code == 400
    assert "Välj minst en sak som fullmakten gäller." in response.get_data(as_text=True)
    db.refresh(authority)
    assert authority.status == "requested"


def test_a_person_with_skyddad_identitet_cannot_give_a_fullmakt(client, db, make_citizen, login_as):
    anna, david = make_citizen("Anna", protected_identity=True), make_citizen("David")
    login_as(anna)
    page = client.get("/fullmakter/ny").get_data(as_text=True)
    assert "Det går inte med skyddad identitet" in page and "fullmakt på papper" in page
    response = post_form(client, "/fullmakter/ny", {**grant_form(david), "step": "confirm"})
    assert "Det går inte med skyddad identitet" in response.get_data(as_text=True)
    assert db.scalars(select(ProxyAuthority)).all() == []


def test_asking_does_not_reveal_skyddad_identitet(client, db, make_citizen, login_as):
    hidden, open_person = make_citizen("Hanna", protected_identity=True), make_citizen("Olle")
    david = make_citizen("David")
    login_as(david)
    to_hidden, to_open = _ask(client, hidden), _ask(client, open_person)
    assert to_hidden.status_code == to_open.status_code == 303
    hidden_page = client.get(to_hidden.headers["Location"]).get_data(as_text=True)
    open_page = client.get(to_open.headers["Location"]).get_data(as_text=True)
    assert "skyddad" not in hidden_page.lower()
    assert hidden_page.replace("Hanna", "X").count("Väntar på svar") == open_page.count("Väntar på svar")


def test_skyddad_identitet_can_only_decline_a_request(client, db, make_citizen, login_as):
    hanna, david = make_citizen("Hanna", protected_identity=True), make_citizen("David")
    login_as(david)
    _ask(client, hanna)
    logs_in(client, login_as, hanna)
    authority = db.scalars(select(ProxyAuthority)).one()
    page = client.get(f"/fullmakter/{authority.id}").get_data(as_text=True)
    assert "Ja, ge fullmakten" not in page and "Nej tack" in page
    response = post_form(client, f"/fullmakter/{authority.id}/svara",
                         {"answer": "yes", "scopes": ["read_decisions"]})
    assert response.status_code == 403
    db.refresh(authority)
    assert authority.status == "requested"


def test_an_authority_for_someone_with_skyddad_identitet_never_works(
        client, db, make_citizen, make_proxy_authority, login_as):
    anna, david = make_citizen("Anna"), make_citizen("David")
    authority = make_proxy_authority(anna, david, [ProxyScope.READ_ACCESS_LOG])  # e.g. a god man
    login_as(david, acting_for=authority)
    assert client.get("/mina-uppgifter/logg").status_code == 200
    anna.protected_identity = True  # the Tax Agency marks her mid-session
    db.commit()
    assert client.get("/mina-uppgifter/logg").headers["Location"] == "/vem-agerar-jag-for"
    assert "Agera för Anna" not in client.get("/vem-agerar-jag-for").get_data(as_text=True)


def test_a_person_with_a_god_man_still_sees_their_own_case(client, make_citizen, make_proxy_authority,
                                                           make_application, login_as):
    from portal.domain.states import ApplicationStatus
    from portal.domain.vocabulary import ProxyKind

    anna, gunnar = make_citizen("Anna"), make_citizen("Gunnar")
    make_proxy_authority(anna, gunnar, list(ProxyScope), kind=ProxyKind.ADMINISTRATOR)
    from portal.modelbase import utcnow

    application = make_application(anna, status=ApplicationStatus.SUBMITTED, reference="MS-1",
                                   submitted_at=utcnow())
    login_as(anna)
    assert client.get(f"/ansokan/{application.id}/kvitto").status_code == 200
    assert client.get("/mina-uppgifter/logg").status_code == 200
    assert "Förvaltare" in client.get("/fullmakter").get_data(as_text=True)


# -- can(): what menus may show ------------------------------------------------------


def _proxy(*scopes):
    return Actor(kind="proxy", citizen_id=2, subject_citizen_id=1, proxy_authority_id=9,
                 scopes=frozenset(scopes))


def test_a_person_acting_as_themselves_can_everything_on_their_side():
    me = Actor(kind="citizen", citizen_id=1, subject_citizen_id=1)
    assert actor_may(me, Permission.READ_MESSAGES) and actor_may(me, Permission.MANAGE_PROXIES)
    assert not actor_may(me, Permission.OPEN_CASE)


def test_an_ombud_can_only_what_the_fullmakt_covers():
    ombud = _proxy(ProxyScope.READ_DECISIONS, ProxyScope.ANSWER_FOLLOW_UPS)
    assert actor_may(ombud, Permission.READ_DECISION) and actor_may(ombud, Permission.ANSWER_FOLLOW_UP)
    assert not actor_may(ombud, Permission.READ_MESSAGES)
    assert not actor_may(ombud, Permission.EDIT_APPLICATION)
    assert not actor_may(_proxy(*ProxyScope), Permission.MANAGE_PROXIES)


def test_can_in_a_template_reads_the_session(app, make_citizen, make_proxy_authority):
    from portal.access.actor import SESSION_ACTING_FOR, SESSION_CITIZEN

    anna, david = make_citizen("Anna"), make_citizen("David")
    authority = make_proxy_authority(anna, david, [ProxyScope.MESSAGES])
    template = app.jinja_env.from_string(
        "{{ can('READ_MESSAGES') }} {{ can('decision.read') }} {{ can('MANAGE_PROXIES') }}")
    with app.test_request_context("/"):
        from flask import session

        session[SESSION_CITIZEN], session[SESSION_ACTING_FOR] = david.id, authority.id
        assert template.render() == "True False False"
    with app.test_request_context("/"):
        from flask import session

        session[SESSION_CITIZEN] = david.id
        assert template.render() == "True True True"
    with app.test_request_context("/"), pytest.raises(KeyError):
        can("READ_EVERYTHING")


def test_fullmakt_dates_in_the_form_default_to_one_year(client, make_citizen, login_as):
    login_as(make_citizen())
    page = client.get("/fullmakter/ny").get_data(as_text=True)
    assert f'value="{date.today().isoformat()}"' in page
    assert f'value="{(date.today() + timedelta(days=365)).isoformat()}"' in page or "valid_to" in page
