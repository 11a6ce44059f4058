"""Nothing typed is lost: autosave, session expiry, resuming a draft."""

import re
from datetime import date, timedelta

from portal.access.actor import SESSION_CITIZEN
from portal.auth.sessions import PREVIOUS_OWNER


def test_autosave_saves_and_answers_with_the_time(flow, client, load):
    application_id = flow.start()
    flow.choose(application_id, "d5")
    response = flow.post(f"/ansokan/{application_id}/omrade/d5/spara", {"today": "Skrivet nyss"},
                         headers={"HX-Request": "true"})  # fmt: skip
    assert response.status_code == 200
    assert re.fullmatch(r"Sparat kl \d\d\.\d\d", response.get_data(as_text=True).strip())
    assert load(application_id).needs[0].today_text == "Skrivet nyss"


def test_the_page_wires_up_autosave_and_shows_the_expiry_date(flow, client, load):
    application_id = flow.start()
    flow.choose(application_id, "d5")
    page = client.get(f"/ansokan/{application_id}/omrade/d5").get_data(as_text=True)
    assert f'hx-post="/ansokan/{application_id}/omrade/d5/spara"' in page
    assert 'id="save-status"' in page and "Inte sparat – försök igen" in page
    assert "js/autosave.js" in page
    expires = load(application_id).draft_expires_on
    assert re.search(rf"Utkastet sparas till {expires.day} \w+ {expires.year}\.", page)


def _expire_session(client, citizen):
    with client.session_transaction() as session:
        session.pop(SESSION_CITIZEN)
        session[PREVIOUS_OWNER] = f"citizen:{citizen.id}"


def _log_in_again(client, citizen):
    with client.session_transaction() as session:
        session[SESSION_CITIZEN] = citizen.id


def test_text_sent_after_the_session_expired_comes_back_after_login(flow, client, citizen):
    application_id = flow.start()
    flow.choose(application_id, "d5")
    token = flow.csrf()
    _expire_session(client, citizen)
    response = client.post(f"/ansokan/{application_id}/omrade/d5",
                           data={"csrf_token": token, "today": "Text jag skrev precis"})  # fmt: skip
    assert "/logga-in" in response.headers["Location"]
    _log_in_again(client, citizen)
    page = client.get(f"/ansokan/{application_id}/omrade/d5").get_data(as_text=True)
    assert "Text jag skrev precis" in page
    assert "Du blev utloggad. Här är det du skrev." in page


def test_an_autosave_after_expiry_also_comes_back(flow, client, citizen):
    application_id = flow.start()
    flow.choose(application_id, "d5")
    token = flow.csrf()
    _expire_session(client, citizen)
    page_url = f"http://localhost/ansokan/{application_id}/omrade/d5"
    response = client.post(f"/ansokan/{application_id}/omrade/d5/spara",
                           data={"csrf_token": token, "wanted_help": "Hjälp med dusch"},
                           headers={"HX-Request": "true", "HX-Current-URL": page_url})  # fmt: skip
    assert response.headers.get("HX-Redirect") == "/logga-in"
    _log_in_again(client, citizen)
    page = client.get(f"/ansokan/{application_id}/omrade/d5").get_data(as_text=True)
    assert "Hjälp med dusch" in page


def test_another_person_on_the_same_browser_does_not_get_the_text(flow, client, citizen, make_citizen):
    application_id = flow.start()
    flow.choose(application_id, "d5")
    token = flow.csrf()
    _expire_session(client, citizen)
    client.post(f"/ansokan/{application_id}/omrade/d5", data={"csrf_token": token, "today": "Hemligt"})
    other = make_citizen("Greta", "Gran")
    with client.session_transaction() as session:
        session[SESSION_CITIZEN] = other.id
    assert client.get(f"/ansokan/{application_id}/omrade/d5").status_code == 404


def test_home_lists_the_draft_and_continue_resumes_the_last_step(flow, client, load):
    application_id = flow.start()
    flow.choose(application_id, "d5", "d6")
    flow.answer(application_id, "d5")
    client.get(f"/ansokan/{application_id}/omrade/d5/skattning")
    page = client.get("/mitt-stod").get_data(as_text=True)
    assert "Fortsätt med ansökan" in page
    assert f'href="/ansokan/{application_id}/omrade/d5/skattning"' in page
    assert "Sköta din kropp, Sköta hemmet" in page
    assert "Utkastet sparas till" in page


def test_every_save_keeps_the_draft_longer(flow, load, db, app):
    application_id = flow.start()
    application = load(application_id)
    application.draft_expires_on = date.today()
    db.commit()
    flow.choose(application_id, "d5")
    days = app.config["DRAFT_RETENTION_DAYS"]
    assert load(application_id).draft_expires_on == date.today() + timedelta(days=days)
