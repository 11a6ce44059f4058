"""Helpers for the ansökan tests: a logged-in citizen and a filled-in draft."""

from __future__ import annotations

import re

import pytest

from portal.applications.models import Application

ANSWERS = {
    "today": "Jag bor själv i en lägenhet.",
    "resources": "Jag kan laga enkel mat.",
    "difficulties": "Det är svårt att duscha.",
    "wanted_help": "Hjälp att duscha två gånger i veckan.",
    "what_matters": "Att jag får bestämma tiden själv.",
}


def token_of(page: str) -> str:
    match = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert match, "page has no CSRF token"
    return match.group(1)


class Flow:
    """Drives the question pages through the test client, like a person with JS off."""

    def __init__(self, client):
        self.client = client
        self._csrf = None

    def post(self, path, data=None, **kw):
        form = {"csrf_token": self.csrf()}
        form.update(data or {})
        return self.client.post(path, data=form, **kw)

    def csrf(self) -> str:
        # One token per session: any page that shows a form has it.
        if self._csrf is None:
            self._csrf = token_of(self.client.get("/mitt-stod").get_data(as_text=True))
        return self._csrf

    def start(self, filled_in_by="self") -> int:
        response = self.post("/ansokan/ny", {"filled_in_by": filled_in_by})
        assert response.status_code == 303, response.get_data(as_text=True)[:500]
        return int(re.search(r"/ansokan/(\d+)/omraden", response.headers["Location"]).group(1))

    def choose(self, application_id, *codes):
        return self.post(f"/ansokan/{application_id}/omraden", {"areas": list(codes)})

    def answer(self, application_id, code, **answers):
        return self.post(f"/ansokan/{application_id}/omrade/{code}", {**ANSWERS, **answers})

    def assess(self, application_id, code, current="3", wanted="1", **categories):
        data = {"current_level": current, "wanted_level": wanted}
        data.update({f"cat_{k}": v for k, v in categories.items()})
        return self.post(f"/ansokan/{application_id}/omrade/{code}/skattning", data)

    def add_goal(self, application_id, text="Jag vill duscha själv.", area="d5", months="6", action="add"):
        data = {"goal_text": text, "goal_area": area, "goal_level": "1",
                "goal_follow_up": months, "action": action}  # fmt: skip
        return self.post(f"/ansokan/{application_id}/mal", data)

    def contact(self, application_id, **fields):
        data = {"phone": "070 123 45 67", "email": "", "interpreter_language": "",
                "communication_support": "", "consent_relative_given": "yes",
                "consent_relative_name": "Karin Berg", "consent_relative_contact": "070 765 43 21"}  # fmt: skip
        data.update(fields)
        return self.post(f"/ansokan/{application_id}/kontakt", data)

    def complete_draft(self, areas=("d5",)) -> int:
        application_id = self.start()
        self.choose(application_id, *areas)
        for code in areas:
            self.answer(application_id, code)
            self.assess(application_id, code)
        self.add_goal(application_id, area=areas[0])
        self.contact(application_id)
        return application_id

    def submission_token(self, application_id) -> str:
        page = self.client.get(f"/ansokan/{application_id}/kontrollera").get_data(as_text=True)
        return re.search(r'name="submission_token" value="([^"]+)"', page).group(1)

    def send(self, application_id, token=None):
        token = token or self.submission_token(application_id)
        return self.client.post(
            f"/ansokan/{application_id}/skicka",
            data={"csrf_token": self.csrf(), "submission_token": token},
        )


@pytest.fixture
def citizen(make_citizen):
    return make_citizen("Bertil", "Berg")


@pytest.fixture
def flow(client, login_as, citizen):
    login_as(citizen)
    return Flow(client)


@pytest.fixture
def sent(flow, citizen, db, make_staff):
    """A complete ansökan, sent to the citizen's unit; its id."""
    from portal.people.models import Unit

    unit = db.get(Unit, make_staff("Eva", "Ek", unit_code="norr").unit_id)
    citizen.home_unit_id = unit.id
    db.commit()
    application_id = flow.complete_draft()
    assert flow.send(application_id).status_code == 303
    return application_id


@pytest.fixture
def load(db):
    """Fresh state of an application from the database."""

    def load(application_id) -> Application:
        db.expire_all()
        return db.get(Application, application_id)

    return load


@pytest.fixture(autouse=True)
def _raise_errors(app, request):
    """With PORTAL_TEST_RAISE=1, an unexpected error fails with its traceback (debugging aid)."""
    import os

    if os.environ.get("PORTAL_TEST_RAISE"):

        def reraise(error):
            raise error

        app.register_error_handler(Exception, reraise)


@pytest.fixture
def log_in_as_other(login_as, app):
    """Log the same browser in as someone else.

    The `db` fixture keeps an app context open, so Flask's `g` (where
    Flask-WTF caches the CSRF token) outlives each test request; forget the
    cached token so the new session gets its own.
    """
    from flask import g

    def switch(person, **kw):
        client = login_as(person, **kw)
        g.pop("csrf_token", None)
        return client

    return switch
