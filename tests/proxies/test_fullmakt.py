"""Giving, listing, taking back and ending a fullmakt, as the two people see it."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from portal.domain.personnummer import make_test_personnummer
from portal.domain.vocabulary import ProxyKind, ProxyScope
from portal.proxies.models import ProxyAuthority, ProxyInvitation
from tests.proxies.helpers import grant_form, log_entries, logs_in, post_form


def _authorities(db):
    db.expire_all()
    return list(db.scalars(select(ProxyAuthority)))


def test_citizen_gives_fullmakt_after_checking_it(client, db, make_citizen, login_as):
    anna, david = make_citizen("Anna"), make_citizen("David")
    login_as(anna)
    form = grant_form(david, scopes=("read_decisions", "answer_follow_ups"))

    check = post_form(client, "/fullmakter/ny", {**form, "step": "check"})
    page = check.get_data(as_text=True)
    assert check.status_code == 200
    assert "Kontrollera fullmakten" in page and "David Andersson" in page
    assert "Läsa beslut och planer" in page and "Svara på uppföljningar" in page
    assert _authorities(db) == []  # nothing is given before the person confirms

    done = post_form(client, "/fullmakter/ny", {**form, "step": "confirm"})
    assert done.status_code == 303 and done.headers["Location"].startswith("/fullmakter/vantar/")
    assert _authorities(db) == []  # David has not logged in since
    logs_in(client, login_as, david)
    [authority] = _authorities(db)
    assert (authority.citizen_id, authority.proxy_id) == (anna.id, david.id)
    assert authority.scopes == ["read_decisions", "answer_follow_ups"]
    assert authority.status == "active" and authority.kind == ProxyKind.POWER_OF_ATTORNEY.value
    assert authority.valid_to == date.today() + timedelta(days=365)
    given = log_entries(db, record_type="proxy_invitation", action="create")
    assert [(e.actor_citizen_id, e.subject_citizen_id) for e in given] == [(anna.id, anna.id)]
    linked = log_entries(db, record_type="proxy_authority", action="create")
    assert [(e.actor_citizen_id, e.subject_citizen_id) for e in linked] == [(david.id, anna.id)]


def test_fullmakt_to_someone_who_never_logged_in_waits_for_them(client, db, make_citizen, login_as):
    from portal.domain.personnummer import parse_personnummer
    from portal.people.services import find_citizen, find_or_create_citizen

    anna = make_citizen("Anna")
    login_as(anna)
    number = make_test_personnummer(date(1975, 4, 3), "982")
    form = grant_form(None, given_name="Doris", family_name="Dahl", personnummer=number)
    assert post_form(client, "/fullmakter/ny", {**form, "step": "confirm"}).status_code == 303

    assert find_citizen(parse_personnummer(number)) is None  # nobody is made from a typed number
    assert _authorities(db) == []
    doris = find_or_create_citizen(parse_personnummer(number), "Doris", "Dahl")  # her first login
    db.commit()
    logs_in(client, login_as, doris)
    [authority] = _authorities(db)
    assert (authority.citizen_id, authority.proxy_id, authority.status) == (anna.id, doris.id, "active")


def test_an_existing_person_keeps_their_own_name(client, db, make_citizen, login_as):
    anna, david = make_citizen("Anna"), make_citizen("David")
    login_as(anna)
    form = grant_form(david, given_name="Dave", family_name="Wrong")
    post_form(client, "/fullmakter/ny", {**form, "step": "confirm"})
    db.expire_all()
    assert db.get(type(david), david.id).name == "David Andersson"


def test_errors_say_what_to_do_and_keep_what_was_typed(client, make_citizen, login_as):
    login_as(make_citizen())
    form = grant_form(None, given_name="Doris", family_name="", personnummer="19420517-0000",
                      scopes=())
    response = post_form(client, "/fullmakter/ny", {**form, "step": "check"})
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "<title>Fel:" in page and "Något behöver rättas" in page
    assert "Skriv efternamnet på den som ska få fullmakten." in page
    assert "Personnumret stämmer inte. Kontrollera siffrorna." in page
    assert "Välj minst en sak som fullmakten gäller." in page
    assert 'value="Doris"' in page and 'value="19420517-0000"' in page


def test_fullmakt_lasts_at_most_four_years_and_cannot_start_in_the_past(client, make_citizen, login_as):
    anna, david = make_citizen("Anna"), make_citizen("David")
    login_as(anna)
    today = date.today()
    too_long = grant_form(david, start=today, end=today + timedelta(days=4 * 366 + 1))
    page = post_form(client, "/fullmakter/ny", {**too_long, "step": "confirm"}).get_data(as_text=True)
    assert "En fullmakt kan gälla i högst 4 år." in page
    past = grant_form(david, start=today - timedelta(days=1))
    page = post_form(client, "/fullmakter/ny", {**past, "step": "confirm"}).get_data(as_text=True)
    assert "Fullmakten kan börja gälla i dag eller senare." in page
    backwards = grant_form(david, start=today + timedelta(days=10), end=today + timedelta(days=5))
    page = post_form(client, "/fullmakter/ny", {**backwards, "step": "confirm"}).get_data(as_text=True)
    assert "Slutdatumet måste vara efter startdatumet." in page


def test_no_fullmakt_to_oneself_and_no_second_one_to_the_same_person(client, db, make_citizen, login_as):
    anna, david = make_citizen("Anna"), make_citizen("David")
    login_as(anna)
    to_self = post_form(client, "/fullmakter/ny", {**grant_form(anna), "step": "confirm"})
    assert to_self.status_code == 400
    assert "Du kan inte ge en fullmakt till dig själv." in to_self.get_data(as_text=True)
    post_form(client, "/fullmakter/ny", {**grant_form(david), "step": "confirm"})
    again = post_form(client, "/fullmakter/ny", {**grant_form(david), "step": "confirm"})
    assert again.status_code == 400 and "Det finns redan en fullmakt mellan er." in again.get_data(as_text=True)
    assert len(db.scalars(select(ProxyInvitation)).all()) == 1
    logs_in(client, login_as, david)
    login_as(anna)
    linked = post_form(client, "/fullmakter/ny", {**grant_form(david), "step": "confirm"})
    assert linked.status_code == 400 and len(_authorities(db)) == 1


def test_both_people_see_the_fullmakt_and_later_that_it_ended(
        client, make_citizen, make_proxy_authority, login_as):
    anna, david = make_citizen("Anna"), make_citizen("David")
    authority = make_proxy_authority(anna, david, [ProxyScope.READ_DECISIONS])
    login_as(anna)
    page = client.get("/fullmakter").get_data(as_text=True)
    assert "Fullmakter du har gett" in page and "David Andersson" in page and "Gäller" in page

    response = post_form(client, f"/fullmakter/{authority.id}/ta-bort", {})
    assert response.status_code == 303
    page = client.get("/fullmakter").get_data(as_text=True)
    assert "Fullmakter som har slutat gälla" in page and "Borttagen av den som gav den" in page

    login_as(david)
    page = client.get("/fullmakter").get_data(as_text=True)
    assert "Som du har fått" in page and "Anna Andersson" in page


def test_ombud_can_end_a_fullmakt_they_hold(client, db, make_citizen, make_proxy_authority, login_as):
    anna, david = make_citizen("Anna"), make_citizen("David")
    authority = make_proxy_authority(anna, david, [ProxyScope.READ_DECISIONS])
    login_as(david)
    assert "Sluta vara ombud" in client.get(f"/fullmakter/{authority.id}").get_data(as_text=True)
    assert post_form(client, f"/fullmakter/{authority.id}/avsluta", {}).status_code == 303
    db.refresh(authority)
    assert authority.revoked_at is not None and authority.ended_by == "proxy"


def test_nobody_else_can_see_or_change_a_fullmakt(client, db, make_citizen, make_proxy_authority, login_as):
    anna, david, eve = make_citizen("Anna"), make_citizen("David"), make_citizen("Eve")
    authority = make_proxy_authority(anna, david, [ProxyScope.READ_DECISIONS])
    login_as(eve)
    assert client.get(f"/fullmakter/{authority.id}").status_code == 404
    for action in ("ta-bort", "avsluta", "svara"):
        assert post_form(client, f"/fullmakter/{authority.id}/{action}", {"answer": "yes"}).status_code == 404
    db.refresh(authority)
    assert authority.revoked_at is None
    assert "Anna" not in client.get("/fullmakter").get_data(as_text=True)


def test_the_ombud_cannot_take_back_what_only_the_giver_may(client, db, make_citizen,
                                                            make_proxy_authority, login_as):
    anna, david = make_citizen("Anna"), make_citizen("David")
    authority = make_proxy_authority(anna, david, [ProxyScope.READ_DECISIONS], status="requested")
    login_as(david)
    # An ombud cannot accept their own request, nor "revoke" as if they were the giver.
    assert post_form(client, f"/fullmakter/{authority.id}/svara", {"answer": "yes",
                                                                   "scopes": ["apply"]}).status_code == 404
    assert post_form(client, f"/fullmakter/{authority.id}/ta-bort", {}).status_code == 404
    db.refresh(authority)
    assert authority.status == "requested"


def test_god_man_is_ended_by_the_kommun_not_in_the_portal(client, db, make_citizen,
                                                          make_proxy_authority, login_as):
    anna, gunnar = make_citizen("Anna"), make_citizen("Gunnar")
    authority = make_proxy_authority(anna, gunnar, [ProxyScope.READ_DECISIONS], kind=ProxyKind.TRUSTEE,
                                     court_reference="Ö 123-24")
    login_as(anna)
    page = client.get(f"/fullmakter/{authority.id}").get_data(as_text=True)
    assert "God man" in page and "Kontakta kommunen" in page and "Ta bort fullmakten" not in page
    response = post_form(client, f"/fullmakter/{authority.id}/ta-bort", {})
    assert response.status_code == 303
    db.refresh(authority)
    assert authority.revoked_at is None
    assert "bestäms av tingsrätten" in client.get(response.headers["Location"]).get_data(as_text=True)
