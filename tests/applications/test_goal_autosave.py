"""Goal text is saved as the person types, like the other text steps; without JavaScript the form
still saves on submit, and a goal is never stored twice."""

from __future__ import annotations

import re

HTMX = {"HX-Request": "true"}


def _draft(flow, *areas):
    application_id = flow.start()
    flow.choose(application_id, *areas)
    return application_id


def _autosave(flow, application_id, goal_id="", **fields):
    data = {"goal_text": "", "goal_area": "", "goal_level": "", "goal_follow_up": "", "goal_id": goal_id}
    data.update(fields)
    return flow.post(f"/ansokan/{application_id}/mal/spara", data, headers=HTMX)


def _writing_id(response) -> str:
    return re.search(r'id="goal-writing" name="goal_id" value="(\d*)" hx-swap-oob="true"',
                     response.get_data(as_text=True)).group(1)


def test_the_goals_page_wires_up_autosave(flow, client):
    application_id = _draft(flow, "d5")
    page = client.get(f"/ansokan/{application_id}/mal").get_data(as_text=True)
    assert f'hx-post="/ansokan/{application_id}/mal/spara"' in page
    assert 'id="save-status"' in page and 'id="goal-writing"' in page


def test_typed_goal_is_saved_and_there_after_reload(flow, client, load):
    application_id = _draft(flow, "d5")
    response = _autosave(flow, application_id, goal_text="Jag vill duscha", goal_area="d5")
    assert response.status_code == 200
    assert re.search(r"Sparat kl \d\d\.\d\d", response.get_data(as_text=True))
    goal_id = _writing_id(response)
    # Typing on: the same goal is updated, not a new one added.
    _autosave(flow, application_id, goal_id, goal_text="Jag vill duscha själv.", goal_area="d5",
              goal_follow_up="6")  # fmt: skip
    [goal] = load(application_id).goals
    assert (str(goal.id), goal.text, goal.follow_up_on is not None) == (goal_id, "Jag vill duscha själv.", True)
    page = client.get(f"/ansokan/{application_id}/mal").get_data(as_text=True)
    assert "Jag vill duscha själv." in page


def test_adding_after_autosave_stores_the_goal_once(flow, load):
    application_id = _draft(flow, "d5")
    goal_id = _writing_id(_autosave(flow, application_id, goal_text="Laga mat", goal_area="d5"))
    response = flow.post(f"/ansokan/{application_id}/mal", {
        "goal_text": "Laga mat själv.", "goal_area": "d5", "goal_level": "1", "goal_follow_up": "3",
        "goal_id": goal_id, "action": "add"})  # fmt: skip
    assert response.status_code == 303
    [goal] = load(application_id).goals
    assert (goal.text, goal.wanted_level) == ("Laga mat själv.", 1)


def test_with_several_areas_the_goal_waits_for_its_area(flow, load):
    application_id = _draft(flow, "d5", "d6")
    response = _autosave(flow, application_id, goal_text="Handla själv")
    assert "Välj vilket område målet gäller. Då sparas det." in response.get_data(as_text=True)
    assert load(application_id).goals == []
    goal_id = _writing_id(_autosave(flow, application_id, goal_text="Handla själv", goal_area="d6"))
    assert load(application_id).goals[0].life_area == "d6" and goal_id


def test_deleting_the_words_removes_the_unfinished_goal(flow, load):
    application_id = _draft(flow, "d5")
    goal_id = _writing_id(_autosave(flow, application_id, goal_text="Jag vill", goal_area="d5"))
    response = _autosave(flow, application_id, goal_id, goal_text="", goal_area="d5")
    assert _writing_id(response) == "" and load(application_id).goals == []


def test_an_unfinished_goal_stops_the_sending_and_says_what_to_do(flow, load):
    application_id = flow.complete_draft()
    _autosave(flow, application_id, goal_text="Gå ut varje dag", goal_area="d5")
    goal_id = load(application_id).goals[1].id
    page = flow.send(application_id).get_data(as_text=True)
    assert "Mål 2: Välj när du vill prata om hur det har gått." in page
    assert f'href="/ansokan/{application_id}/mal/{goal_id}?tillbaka=kontrollera#field-goal_follow_up"' in page
    assert load(application_id).status == "draft"


def test_without_javascript_the_form_still_saves_on_submit(flow, load):
    application_id = _draft(flow, "d5")
    response = flow.add_goal(application_id, text="Jag vill duscha själv.", action="continue")
    assert response.headers["Location"] == f"/ansokan/{application_id}/kontakt"
    assert [goal.text for goal in load(application_id).goals] == ["Jag vill duscha själv."]


def test_changing_a_goal_autosaves_too(flow, client, load):
    application_id = _draft(flow, "d5")
    flow.add_goal(application_id, text="Första orden")
    goal = load(application_id).goals[0]
    page = client.get(f"/ansokan/{application_id}/mal/{goal.id}").get_data(as_text=True)
    assert f'hx-post="/ansokan/{application_id}/mal/{goal.id}/spara"' in page
    flow.post(f"/ansokan/{application_id}/mal/{goal.id}/spara",
              {"goal_text": "Nya ord", "goal_area": "d5", "goal_level": "", "goal_follow_up": "6"},
              headers=HTMX)  # fmt: skip
    assert load(application_id).goals[0].text == "Nya ord"


def test_another_persons_goal_cannot_be_reached_through_the_hidden_field(flow, load, log_in_as_other,
                                                                          make_citizen):
    application_id = _draft(flow, "d5")
    flow.add_goal(application_id, text="Mitt mål")
    theirs = load(application_id).goals[0]
    greta = make_citizen("Greta", "Gran")
    log_in_as_other(greta)
    from tests.applications.conftest import Flow

    other = Flow(flow.client)
    own_id = _draft(other, "d5")
    _autosave(other, own_id, str(theirs.id), goal_text="Kapat", goal_area="d5")
    assert load(application_id).goals[0].text == "Mitt mål"
    assert [g.text for g in load(own_id).goals] == ["Kapat"]
    assert other.post(f"/ansokan/{application_id}/mal/spara", {"goal_text": "x"}, headers=HTMX).status_code == 404


def test_an_autosave_and_a_send_that_cross_store_the_goal_once(flow, load):
    application_id = _draft(flow, "d5")
    goal = {"goal_text": "Laga mat själv.", "goal_area": "d5", "goal_level": "", "goal_follow_up": "3"}
    # The autosave arrived first, but its answer never reached the form (no goal_id sent).
    _autosave(flow, application_id, **goal)
    flow.post(f"/ansokan/{application_id}/mal", {**goal, "goal_id": "", "action": "add"})
    assert [g.text for g in load(application_id).goals] == ["Laga mat själv."]
    # And the other way round: the form was stored first, the autosave comes after.
    other = {**goal, "goal_text": "Handla själv."}
    flow.post(f"/ansokan/{application_id}/mal", {**other, "action": "add"})
    response = _autosave(flow, application_id, **other)
    assert _writing_id(response) == ""
    assert [g.text for g in load(application_id).goals] == ["Laga mat själv.", "Handla själv."]
