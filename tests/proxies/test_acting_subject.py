"""An ombud with two people open in two tabs: a form made for one is never saved for the other.

"Acting for" lives in the session, which the tabs share. Each citizen-side form carries whom it
was made for; after a switch in another tab it is refused and nothing is written.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sqlalchemy import func, select

from portal.access.actor import SESSION_ACTING_FOR, SESSION_CITIZEN
from portal.domain.vocabulary import ProxyScope
from portal.modelbase import Base, utcnow
from portal.proxies.models import ProxyAuthority
from tests.fixtures.forms import hidden_fields

ALL_SCOPES = list(ProxyScope)
NOT_COUNTED = {"access_log", "web_session"}  # the refusal itself is logged
CITIZEN_TEMPLATES = ("applications", "decisions/citizen", "followups/citizen", "messages/citizen",
                     "plans/citizen")

# (the page holding the form, where it posts, what the person typed): one per kind of form.
FORMS = [
    ("message", lambda case: ("/meddelanden", "/meddelanden", {"body": "Till Anna."})),
    ("need change", lambda case: ("/mitt-behov-har-andrats?omrade=d5", "/mitt-behov-har-andrats",
                                  {"life_area_codes": "d5", "text_d5": "Till Anna.", "level_d5": "3"})),
    ("new application", lambda case: ("/ansokan/ny", "/ansokan/ny", {"filled_in_by": "proxy"})),
    ("appeal", lambda case: (f"/beslut/{case.decision.id}/overklaga", f"/beslut/{case.decision.id}/overklaga",
                             {"text": "Till Anna."})),
    ("plan change", lambda case: (f"/plan/{case.plan.id}/andra", f"/plan/{case.plan.id}/andra",
                                  {"change_other": "Till Anna."})),
    ("follow-up", lambda case: (f"/uppfoljning/{case.follow_up.id}", f"/uppfoljning/{case.follow_up.id}",
                                {"answered_by": "proxy"})),
    ("application step", lambda case: (f"/ansokan/{case.draft.id}/omrade/d5", f"/ansokan/{case.draft.id}/omrade/d5",
                                   {"today": "Till Anna."})),
    # htmx: the autosave posts the step's own form, with its hidden fields, to .../spara.
    ("autosave", lambda case: (f"/ansokan/{case.draft.id}/omrade/d5", f"/ansokan/{case.draft.id}/omrade/d5",
                               {"today": "Till Anna."}, f"/ansokan/{case.draft.id}/omrade/d5/spara")),
]


def _rows(db) -> dict[str, int]:
    return {table.name: db.scalar(select(func.count()).select_from(table))
            for table in Base.metadata.sorted_tables if table.name not in NOT_COUNTED}


@pytest.fixture
def two_tabs(app, make_case, make_citizen, make_application, make_proxy_authority):
    """David is ombud for Anna and Bertil, both with a whole case; his browser acts for Anna,
    who also has a new ansökan in draft."""
    anna = make_case(citizen=make_citizen("Anna", "Andersson"))
    anna.draft = make_application(anna.citizen, life_areas=("d5",))
    bertil = make_case(citizen=make_citizen("Bertil", "Berg"), officer=anna.officer)
    david = make_citizen("David", "Dahl")
    for_anna = make_proxy_authority(anna.citizen, david, ALL_SCOPES)
    for_bertil = make_proxy_authority(bertil.citizen, david, ALL_SCOPES)
    browser = app.test_client()
    with browser.session_transaction() as session:
        session[SESSION_CITIZEN], session[SESSION_ACTING_FOR] = david.id, for_anna.id
    return anna, browser, for_bertil


@pytest.mark.parametrize("kind, form", FORMS, ids=[kind for kind, _ in FORMS])
def test_a_form_for_anna_sent_after_switching_to_bertil_saves_nothing(kind, form, two_tabs, db):
    anna, browser, for_bertil = two_tabs
    page, action, typed, *post_to = form(anna)
    tab_a = {**hidden_fields(browser, page, action), **typed}  # tab A: the form, made for Anna
    with browser.session_transaction() as session:  # tab B: "Agera för Bertil"
        session[SESSION_ACTING_FOR] = for_bertil.id
    before = _rows(db)
    headers = {"HX-Request": "true"} if post_to else {}
    response = browser.post(post_to[0] if post_to else action, data=tab_a, headers=headers)
    assert response.status_code == 409, kind
    text = response.get_data(as_text=True)
    assert "Du har bytt person i en annan flik" in text and "Vi har inte sparat något." in text
    assert "Du fyllde i det här för Anna Andersson." in text and "Byt till Anna Andersson" in text
    db.expire_all()
    assert _rows(db) == before


def test_the_same_form_goes_through_for_the_person_it_was_made_for(two_tabs, db):
    anna, browser, _for_bertil = two_tabs
    response = browser.post("/meddelanden", data={**hidden_fields(browser, "/meddelanden"), "body": "Hej."})
    assert response.status_code == 303


def test_a_form_sent_after_the_fullmakt_ended_goes_to_the_chooser_and_saves_nothing(two_tabs, db):
    anna, browser, _for_bertil = two_tabs
    form = {**hidden_fields(browser, "/meddelanden"), "body": "Till Anna."}
    with browser.session_transaction() as session:
        authority = db.get(ProxyAuthority, session[SESSION_ACTING_FOR])
    authority.revoked_at, authority.ended_by = utcnow(), "citizen"
    db.commit()
    before = _rows(db)
    response = browser.post("/meddelanden", data=form)
    assert response.status_code == 303 and response.headers["Location"] == "/vem-agerar-jag-for"
    db.expire_all()
    assert _rows(db) == before


def test_a_form_kept_over_a_login_comes_back_only_for_its_person(two_tabs):
    anna, browser, for_bertil = two_tabs
    made_for_anna = hidden_fields(browser, "/meddelanden")
    with browser.session_transaction() as session:
        david = session[SESSION_CITIZEN]
        anna_authority = session[SESSION_ACTING_FOR]
        session[SESSION_ACTING_FOR] = for_bertil.id  # after the new login he chose Bertil
        session["pending_form"] = {"path": "/meddelanden", "owner": f"citizen:{david}",
                                   "data": {"body": ["Bara för Anna."], **{k: [v] for k, v in made_for_anna.items()
                                                                          if k != "csrf_token"}}}
    assert "Bara för Anna." not in browser.get("/meddelanden").get_data(as_text=True)
    with browser.session_transaction() as session:
        session[SESSION_ACTING_FOR] = anna_authority
    assert "Bara för Anna." in browser.get("/meddelanden").get_data(as_text=True)


def test_every_citizen_form_says_whom_it_is_for():
    root = Path(__file__).resolve().parents[2] / "templates"
    for folder in CITIZEN_TEMPLATES:
        for template in (root / folder).glob("*.html"):
            for form in re.findall(r"<form\b[^>]*method=\"post\"[^>]*>.*?</form>", template.read_text(), re.S):
                assert "form_fields()" in form, template
