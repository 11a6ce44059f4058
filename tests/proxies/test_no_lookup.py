"""Nobody learns from the fullmakt forms who is in the portal (issue 11, finding 1).

The attack: log in as anyone, ask for (or give) a fullmakt with a guessed
personnummer and a made-up name, and read the page you land on. Before, it
showed the name stored for that number (even with skyddad identitet, even
for staff) and made a person row for every guess.
"""

from __future__ import annotations

import re
from datetime import date

import pytest
from sqlalchemy import func, select

from portal.domain.personnummer import make_test_personnummer, parse_personnummer
from portal.people.models import Citizen
from portal.proxies.models import ProxyAuthority
from tests.proxies.helpers import grant_form, logs_in, post_form

MADE_UP = {"given_name": "Kalle", "family_name": "Påhittad"}


def _answer(client, path: str, number: str, extra: dict) -> tuple[int, str]:
    """What the sender sees: the status, and the page they are sent to (ids and dates taken out)."""
    form = grant_form(None, personnummer=number, **MADE_UP) | extra
    response = post_form(client, path, form)
    page = client.get(response.headers["Location"]).get_data(as_text=True) if response.status_code == 303 else ""
    page = re.sub(r"/fullmakter/vantar/\d+", "/fullmakter/vantar/N", page)
    page = re.sub(r"\d{8}-XXXX", "BIRTHDAY-XXXX", page)
    # What changes with the clock, not with the number: signed CSRF tokens, session seconds left.
    page = re.sub(r'name="csrf_token" value="[^"]+"|"X-CSRFToken": "[^"]+"|data-[a-z-]*seconds="\d+"', "", page)
    return response.status_code, page


@pytest.mark.parametrize(("path", "extra"), [("/fullmakter/be-om", {}), ("/fullmakter/ny", {"step": "confirm"})])
def test_a_known_and_an_unknown_number_get_the_same_answer(client, db, make_citizen, make_staff, login_as,
                                                         path, extra):
    hidden = make_citizen("Hanna", "Hemlig", protected_identity=True)
    known = make_citizen("Karin", "Känd")
    staff = make_staff("Sara", "Stabil")
    unknown = make_test_personnummer(date(1931, 2, 3), "982")  # before any made-up test person
    mallory = make_citizen("Mallory", "Gissare")
    people_before = db.scalar(select(func.count(Citizen.id)))

    login_as(mallory)
    answers = [_answer(client, path, number, extra)
               for number in (hidden.personnummer, known.personnummer, staff.personnummer, unknown)]
    assert {status for status, _ in answers} == {303}
    assert len({page for _, page in answers}) == 1, "the page differs between known and unknown numbers"
    page = answers[0][1]
    assert "Kalle Påhittad" in page and "namnet du skrev" in page
    for stored in ("Hanna", "Hemlig", "Karin", "Känd", "Sara", "Stabil"):
        assert stored not in page
    assert db.scalar(select(func.count(Citizen.id))) == people_before  # no person made per guess
    assert db.scalars(select(ProxyAuthority)).all() == []


def test_the_asker_sees_only_the_typed_name_until_the_person_says_yes(client, db, make_citizen, login_as):
    anna, david = make_citizen("Anna", "Riktig"), make_citizen("David")
    login_as(david)
    post_form(client, "/fullmakter/be-om", grant_form(anna, scopes=("read_decisions",), **MADE_UP))
    logs_in(client, login_as, anna)  # the link is made when Anna logs in
    authority = db.scalars(select(ProxyAuthority)).one()
    assert "David Andersson vill bli ditt ombud." in client.get("/fullmakter").get_data(as_text=True)

    login_as(david)
    for page in (client.get("/fullmakter"), client.get(f"/fullmakter/{authority.id}")):
        text = page.get_data(as_text=True)
        assert "Riktig" not in text and "Kalle Påhittad (namnet du skrev)" in text
    extract = client.get("/mina-uppgifter/utdrag.json").get_data(as_text=True)
    assert "Riktig" not in extract and "Kalle" in extract

    login_as(anna)
    post_form(client, f"/fullmakter/{authority.id}/svara", {"answer": "yes", "scopes": ["read_decisions"]})
    login_as(david)
    assert "Anna Riktig" in client.get(f"/fullmakter/{authority.id}").get_data(as_text=True)


def test_logging_in_links_what_waited_for_the_person(app, client, db, make_citizen, login_as):
    from portal.auth.login import VerifiedIdentity, sign_in_citizen
    from portal.db import get_session

    anna = make_citizen("Anna")
    number = make_test_personnummer(date(1932, 6, 7), "982")
    login_as(anna)
    post_form(client, "/fullmakter/ny", {**grant_form(None, personnummer=number, **MADE_UP), "step": "confirm"})
    assert db.scalars(select(ProxyAuthority)).all() == []
    with app.test_request_context("/"):
        doris_id = sign_in_citizen(VerifiedIdentity(parse_personnummer(number), "Doris", "Dahl", "token")).id
        get_session().commit()
    db.expire_all()
    authority = db.scalars(select(ProxyAuthority)).one()
    assert (authority.citizen_id, authority.proxy_id, authority.status) == (anna.id, doris_id, "active")
    login_as(anna)
    text = client.get(f"/fullmakter/{authority.id}").get_data(as_text=True)
    assert "Doris Dahl" not in text and "Kalle Påhittad (namnet du skrev)" in text


def test_a_request_from_before_the_fix_does_not_show_the_stored_name(client, make_citizen, make_proxy_authority,
                                                                     login_as):
    from portal.domain.vocabulary import ProxyScope

    anna, david = make_citizen("Anna", "Riktig"), make_citizen("David")
    authority = make_proxy_authority(anna, david, [ProxyScope.READ_DECISIONS], status="requested")
    login_as(david)
    for path in ("/fullmakter", f"/fullmakter/{authority.id}", "/mina-uppgifter/utdrag.json"):
        text = client.get(path).get_data(as_text=True)
        assert "Riktig" not in text and "Personen du frågade" in text, path
