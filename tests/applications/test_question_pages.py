"""The question pages, as a person with JavaScript off meets them."""

import re

from portal.applications.models import SelfAssessment
from portal.domain.vocabulary import FilledInBy


def test_start_page_explains_the_service_and_asks_who_fills_it_in(flow, client):
    page = client.get("/ansokan/ny").get_data(as_text=True)
    assert "Innan du börjar" in page  # the easy-read start text
    assert "Så använder vi dina uppgifter" in page  # the data notice
    assert "Vem fyller i ansökan?" in page


def test_start_without_an_answer_says_what_to_do(flow):
    response = flow.post("/ansokan/ny", {})
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "<title>Fel:" in page
    assert "Välj vem som fyller i ansökan." in page
    assert "data-autofocus" in page and 'href="#field-filled_in_by"' in page


def test_start_creates_a_draft_with_who_filled_it_in_and_an_expiry_date(flow, load, app):
    application_id = flow.start(filled_in_by="self_with_help")
    application = load(application_id)
    assert application.status == "draft"
    assert application.filled_in_by == FilledInBy.SELF_WITH_HELP.value
    assert application.draft_expires_on is not None


def test_choosing_no_area_says_what_to_do(flow):
    application_id = flow.start()
    page = flow.choose(application_id).get_data(as_text=True)
    assert "<title>Fel:" in page
    assert "Välj minst ett område." in page


def test_chosen_areas_lead_to_their_questions_in_catalogue_order(flow, load):
    application_id = flow.start()
    response = flow.choose(application_id, "d6", "d5")
    assert response.status_code == 303
    assert response.headers["Location"] == f"/ansokan/{application_id}/omrade/d5"
    assert [need.life_area for need in load(application_id).needs] == ["d5", "d6"]


def test_too_long_text_is_shown_whole_not_stored_and_the_message_says_how_long(flow, load, client):
    application_id = flow.start()
    flow.choose(application_id, "d5")
    long_text = "a" * 3412
    response = flow.answer(application_id, "d5", difficulties=long_text)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Skriv högst 3000 tecken. Du har skrivit 3412." in page
    assert long_text in page  # shown again, not cut
    assert load(application_id).needs[0].difficulties_text == ""  # but never stored (issue 11)


def test_an_area_with_no_answers_asks_for_at_least_one(flow, load):
    application_id = flow.start()
    flow.choose(application_id, "d5")
    empty = dict.fromkeys(("today", "resources", "difficulties", "wanted_help", "what_matters"), "")
    page = flow.answer(application_id, "d5", **empty).get_data(as_text=True)
    assert "Svara på minst en fråga. Det går bra att skriva kort." in page


def test_self_assessment_needs_both_answers_and_keeps_the_one_given(flow, db, load):
    application_id = flow.start()
    flow.choose(application_id, "d5")
    flow.answer(application_id, "d5")
    page = flow.assess(application_id, "d5", current="2", wanted="").get_data(as_text=True)
    assert "Välj hur du vill att det ska vara. Du kan välja Vet inte." in page
    assert re.search(r'value="2"\s+checked', page)


def test_self_assessment_stores_levels_dont_know_and_chosen_categories(flow, db):
    application_id = flow.start()
    flow.choose(application_id, "d5")
    response = flow.assess(application_id, "d5", current="3", wanted="vet_inte", d510="4", d540="")
    assert response.status_code == 303
    rows = {row.icf_category: row for row in db.query(SelfAssessment).filter_by(application_id=application_id)}
    assert set(rows) == {None, "d510"}  # d540 was left without an answer
    assert (rows[None].current_level, rows[None].wanted_level) == (3, None)  # None = Vet inte
    assert rows["d510"].current_level == 4


def test_two_goals_can_be_added_and_one_removed(flow, load, client):
    application_id = flow.start()
    flow.choose(application_id, "d5", "d6")
    assert flow.add_goal(application_id, "Duscha själv", "d5").status_code == 303
    assert flow.add_goal(application_id, "Laga middag", "d6", months="12").status_code == 303
    goals = load(application_id).goals
    assert [goal.text for goal in goals] == ["Duscha själv", "Laga middag"]
    page = client.get(f"/ansokan/{application_id}/mal").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    client.post(f"/ansokan/{application_id}/mal/{goals[0].id}/ta-bort", data={"csrf_token": token})
    assert [goal.text for goal in load(application_id).goals] == ["Laga middag"]


def test_a_goal_without_area_or_date_says_what_to_do_and_keeps_the_words(flow):
    application_id = flow.start()
    flow.choose(application_id, "d5", "d6")
    page = flow.add_goal(application_id, "Gå till affären", area="", months="").get_data(as_text=True)
    assert "Välj vilket område målet gäller." in page
    assert "Välj när du vill prata om hur det har gått." in page
    assert "Gå till affären" in page


def test_going_on_without_any_goal_asks_for_one(flow):
    application_id = flow.start()
    flow.choose(application_id, "d5")
    page = flow.post(f"/ansokan/{application_id}/mal", {"action": "continue"}).get_data(as_text=True)
    assert "Skriv minst ett mål." in page


def test_contact_messages_say_what_to_do(flow, load):
    application_id = flow.start()
    page = flow.contact(
        application_id, phone="ring mig", consent_relative_name="", consent_health_care_name="Vårdcentralen"
    ).get_data(as_text=True)
    assert "Skriv telefonnumret med siffror, till exempel 070 123 45 67." in page
    assert "Skriv vem kommunen får kontakta." in page
    assert "Kryssa i rutan om kommunen får kontakta den du har skrivit." in page
    assert load(application_id).contact_phone is None  # an invalid number is not stored


def test_contact_and_consents_are_saved(flow, load):
    application_id = flow.start()
    flow.contact(application_id, interpreter_language="arabiska")
    application = load(application_id)
    assert application.contact_phone == "070 123 45 67"
    assert application.interpreter_language == "arabiska"
    consent = {c.kind: c for c in application.consents}["relative"]
    assert (consent.given, consent.name) == (True, "Karin Berg")


def test_help_me_choose_ticks_suggested_areas(flow, client):
    application_id = flow.start()
    response = flow.post(f"/ansokan/{application_id}/hjalp-att-valja", {"answers": ["body", "safe"]})
    assert response.headers["Location"] == f"/ansokan/{application_id}/omraden"
    page = client.get(f"/ansokan/{application_id}/omraden").get_data(as_text=True)
    assert "Vi har kryssat i förslag" in page
    checked = re.findall(r'name="areas" value="([a-z0-9_]+)"\s+aria-describedby="[^"]+" checked', page)
    assert checked == ["d5", "safety"]


def test_pictograms_can_be_switched_off(flow, client):
    application_id = flow.start()
    assert "no-pictograms" not in client.get(f"/ansokan/{application_id}/omraden").get_data(as_text=True)
    flow.post("/ansokan/bilder", {"pictograms": "off", "next": f"/ansokan/{application_id}/omraden"})
    page = client.get(f"/ansokan/{application_id}/omraden").get_data(as_text=True)
    assert "area-choices no-pictograms" in page
    assert "Visa bilder" in page
