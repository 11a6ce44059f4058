"""One person cannot make the portal store without bounds: text over its cap is
refused and shown back, goals and open drafts are capped, and a body too large
for any form gets the 413 page."""

from __future__ import annotations

import pytest

from portal.validation import (
    MAX_GOALS_PER_APPLICATION,
    MAX_GOALS_PER_AREA,
    MAX_OPEN_DRAFTS,
    MAX_TEXT,
    PERSON_TEXT_MAX,
    ValidationFailed,
)

HTMX = {"HX-Request": "true"}


def _draft(flow, *areas):
    application_id = flow.start()
    flow.choose(application_id, *areas)
    return application_id


def test_an_answer_over_the_cap_is_refused_not_stored_and_shown_back(flow, load):
    application_id = _draft(flow, "d5")
    flow.answer(application_id, "d5")
    long_answer = "Jag behöver hjälp. " * 300  # about 5,700 characters
    response = flow.answer(application_id, "d5", today=long_answer)
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and f"Skriv högst {PERSON_TEXT_MAX} tecken" in page
    assert long_answer.strip() in page, "what the person typed is shown again"
    need = load(application_id).needs[0]
    assert need.today_text == "Jag bor själv i en lägenhet."  # the old words are kept
    assert need.resources_text == "Jag kan laga enkel mat."  # other answers are saved


def test_autosave_stores_no_text_over_the_cap(flow, load):
    application_id = _draft(flow, "d5")
    huge = "x" * 200_000
    flow.post(f"/ansokan/{application_id}/omrade/d5/spara", {"today": huge}, headers=HTMX)
    data = {"goal_text": huge, "goal_area": "d5", "goal_level": "", "goal_follow_up": "3", "goal_id": ""}
    flow.post(f"/ansokan/{application_id}/mal/spara", data, headers=HTMX)
    flow.contact(application_id, communication_support=huge)
    application = load(application_id)
    assert application.needs[0].today_text == "" and application.goals == []
    assert application.communication_support == ""


def test_goals_are_capped_per_area_and_per_application(flow, load):
    areas = ("d1", "d2", "d3", "d4", "d5")
    application_id = _draft(flow, *areas)
    for number in range(MAX_GOALS_PER_AREA):
        assert flow.add_goal(application_id, text=f"Mål {number}", area="d5").status_code == 303
    response = flow.add_goal(application_id, text="Ett mål för mycket", area="d5")
    page = response.get_data(as_text=True)
    assert "mål för det här området" in page and "Ett mål för mycket" in page
    for number in range(MAX_GOALS_PER_AREA, MAX_GOALS_PER_APPLICATION):
        assert flow.add_goal(application_id, text=f"Mål {number}", area=areas[number % 4]).status_code == 303
    response = flow.add_goal(application_id, text="Ännu ett mål", area="d1")
    assert "Det är det mesta som går" in response.get_data(as_text=True)
    autosave = {"goal_text": "Ett mål till", "goal_area": "d1", "goal_level": "", "goal_follow_up": "3",
                "goal_id": ""}  # fmt: skip
    flow.post(f"/ansokan/{application_id}/mal/spara", autosave, headers=HTMX)
    assert len(load(application_id).goals) == MAX_GOALS_PER_APPLICATION


def test_open_drafts_are_capped_and_the_page_links_to_them(flow, client, db, citizen):
    from portal.applications.services import open_drafts

    ids = [flow.start() for _ in range(MAX_OPEN_DRAFTS)]
    response = flow.post("/ansokan/ny", {"filled_in_by": "self"})
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "Du har redan påbörjat ansökningar" in page
    assert all(f'href="/ansokan/{application_id}"' in page for application_id in ids)
    assert len(open_drafts(citizen.id)) == MAX_OPEN_DRAFTS
    assert "Du har redan påbörjat ansökningar" in client.get("/ansokan/ny").get_data(as_text=True)


def test_a_body_too_large_for_any_form_gets_the_413_page(flow):
    application_id = _draft(flow, "d5")
    response = flow.answer(application_id, "d5", today="x" * 600_000)  # over the 512 KB cap
    assert response.status_code == 413
    assert "Det du skickade är för stort" in response.get_data(as_text=True)


def test_no_text_longer_than_its_column_reaches_the_database(db, citizen, make_application):
    """The last line behind every form and the API, on SQLite (which ignores lengths) too."""
    application = make_application(citizen)
    for column, value in (("communication_support", "x" * (MAX_TEXT + 1)), ("contact_phone", "1" * 41)):
        setattr(application, column, value)
        with pytest.raises(ValidationFailed) as refused:
            db.flush()
        assert refused.value.errors == {column: "too_long"}
        db.rollback()
