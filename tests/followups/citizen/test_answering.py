"""Answering a follow-up: every page, who answered, send once, never change after."""

from __future__ import annotations

import json
import re

import pytest
from sqlalchemy import func, select

from portal.applications.models import SelfAssessment
from portal.domain.vocabulary import ProxyScope
from portal.followups import questionnaires
from portal.followups.models import FollowUp, GoalEvaluation, SurveyAnswer
from portal.followups.results import follow_up_results
from portal.home.panels import home_panels
from tests.conftest import csrf_token

QUALITY_KEYS = ("treatment", "listened_to", "told_about_changes", "trust", "enough_time", "feel_safe", "overall")
LIFE_KEYS = ("mood", "enjoyable_things", "someone_to_talk_to", "safe_at_home", "own_choices", "life_overall")


def answer_all(client, follow_up_id, who="self_with_help", levels=("1", "none")):
    base = f"/uppfoljning/{follow_up_id}"
    token = csrf_token(client, base)
    steps = [("", {"filled_in_by": who})]
    steps += [(f"/mal/{n}", {"attainment": "partly_achieved", "level_now": level}) for n, level in enumerate(levels, 1)]
    steps += [("/vad-hjalpte", {"helped_text": "Samma person varje gång."}),
              ("/stodet", {f"q_{k}": "4" for k in QUALITY_KEYS} | {"q_trust": "none"}),
              ("/livet", {f"q_{k}": "3" for k in LIFE_KEYS})]
    for path, data in steps:
        response = client.post(base + path, data={"csrf_token": token, **data})
        assert response.status_code == 303, (path, response.get_data(as_text=True)[:500])
    return token


def test_a_whole_follow_up_is_answered_and_sent(make_case, login_as, db):
    case = make_case()
    client = login_as(case.citizen)
    token = answer_all(client, case.follow_up.id)
    check = client.get(f"/uppfoljning/{case.follow_up.id}/kontrollera").get_data(as_text=True)
    assert "Samma person varje gång." in check and "Skicka svaren" in check
    response = client.post(f"/uppfoljning/{case.follow_up.id}/skicka", data={"csrf_token": token})
    assert response.headers["Location"].endswith("/kvitto")
    assert "Dina svar är skickade" in client.get(response.headers["Location"]).get_data(as_text=True)
    follow_up = db.get(FollowUp, case.follow_up.id)
    db.refresh(follow_up)
    assert follow_up.status == "answered" and follow_up.filled_in_by == "self_with_help"
    assert {(e.attainment, e.level_now) for e in follow_up.goal_evaluations} == {("partly_achieved", 1),
                                                                                 ("partly_achieved", None)}
    answers = {(a.questionnaire, a.question_key): (a.version, a.value) for a in follow_up.survey_answers}
    assert answers[("quality", "trust")] == ("quality-2026.1", None)  # vet inte
    assert answers[("life", "mood")] == ("life-2026.1", 3)
    levels = db.scalars(select(SelfAssessment).where(SelfAssessment.follow_up_id == follow_up.id)).all()
    assert {(s.life_area, s.current_level) for s in levels} == {("d5", 1), ("d6", None)}


def test_a_missing_choice_says_what_to_do(make_case, login_as):
    case = make_case()
    client = login_as(case.citizen)
    response = client.post(f"/uppfoljning/{case.follow_up.id}/mal/1", data={
        "csrf_token": csrf_token(client, f"/uppfoljning/{case.follow_up.id}"), "attainment": "achieved"})
    page = response.get_data(as_text=True)
    assert "Välj hur det är i dag. Du kan också välja Vet inte." in page
    assert re.search(r'value="achieved"[^>]*checked', page), "the answer given is kept"
    survey = client.post(f"/uppfoljning/{case.follow_up.id}/stodet", data={
        "csrf_token": csrf_token(client, f"/uppfoljning/{case.follow_up.id}")}).get_data(as_text=True)
    assert "Välj ett svar på frågan: Är personalen vänlig mot dig?" in survey


def test_sending_with_questions_left_goes_back_to_the_check_page(make_case, login_as, db):
    case = make_case()
    client = login_as(case.citizen)
    response = client.post(f"/uppfoljning/{case.follow_up.id}/skicka", data={
        "csrf_token": csrf_token(client, f"/uppfoljning/{case.follow_up.id}")})
    assert response.headers["Location"].endswith("/kontrollera")
    assert db.get(FollowUp, case.follow_up.id).status == "scheduled"


def test_answers_cannot_change_after_sending(make_case, login_as, db):
    case = make_case()
    client = login_as(case.citizen)
    token = answer_all(client, case.follow_up.id)
    client.post(f"/uppfoljning/{case.follow_up.id}/skicka", data={"csrf_token": token})
    for path, data in (("/mal/1", {"attainment": "achieved", "level_now": "0"}),
                       ("/stodet", {f"q_{k}": "1" for k in QUALITY_KEYS}), ("", {"filled_in_by": "self"})):
        response = client.post(f"/uppfoljning/{case.follow_up.id}{path}", data={"csrf_token": token, **data})
        assert response.status_code == 303 and response.headers["Location"].endswith("/kvitto")
    db.expire_all()
    follow_up = db.get(FollowUp, case.follow_up.id)
    assert follow_up.filled_in_by == "self_with_help"
    assert db.scalar(select(GoalEvaluation.attainment).where(GoalEvaluation.goal_id == case.goals[0].id)) == \
        "partly_achieved"
    assert db.scalar(select(func.max(SurveyAnswer.value)).where(SurveyAnswer.questionnaire == "quality")) == 4


def test_a_follow_up_sent_twice_counts_once(make_case, login_as, db):
    case = make_case()
    client = login_as(case.citizen)
    token = answer_all(client, case.follow_up.id)
    first = client.post(f"/uppfoljning/{case.follow_up.id}/skicka", data={"csrf_token": token})
    second = client.post(f"/uppfoljning/{case.follow_up.id}/skicka", data={"csrf_token": token})
    assert first.headers["Location"] == second.headers["Location"]
    count = db.scalar(select(func.count(SelfAssessment.id)).where(SelfAssessment.follow_up_id == case.follow_up.id))
    assert count == 2  # one per life area, not four


def test_an_ombud_answer_is_recorded_as_the_ombuds(make_case, make_citizen, make_proxy_authority, login_as, db):
    case = make_case()
    david = make_citizen("David", "Andersson")
    authority = make_proxy_authority(case.citizen, david, [ProxyScope.ANSWER_FOLLOW_UPS])
    client = login_as(david, acting_for=authority)
    answer_all(client, case.follow_up.id, who="self")  # the form cannot make an ombud "self"
    follow_up = db.get(FollowUp, case.follow_up.id)
    db.refresh(follow_up)
    assert (follow_up.filled_in_by, follow_up.proxy_authority_id) == ("proxy", authority.id)


def test_a_foreign_follow_up_is_not_found(make_case, make_citizen, make_proxy_authority, login_as):
    case = make_case()
    client = login_as(make_citizen("Bo", "Berg"))
    for path in ("", "/mal/1", "/stodet", "/kontrollera", "/kvitto"):
        assert client.get(f"/uppfoljning/{case.follow_up.id}{path}").status_code == 404
    david = make_citizen("David", "Andersson")
    readers_only = make_proxy_authority(case.citizen, david, [ProxyScope.READ_DECISIONS])
    assert login_as(david, acting_for=readers_only).get(f"/uppfoljning/{case.follow_up.id}").status_code == 404
    assert login_as(case.citizen).get(f"/uppfoljning/{case.follow_up.id}/mal/9").status_code == 404


def test_the_start_page_panels_show_a_due_follow_up(make_case, app, login_as):
    case = make_case()
    from portal.access.actor import Actor

    actor = Actor(kind="citizen", citizen_id=case.citizen.id, subject_citizen_id=case.citizen.id)
    with app.test_request_context():
        panels = home_panels(actor)
        assert [f.id for f in panels["due_follow_ups"]] == [case.follow_up.id]


def test_results_for_the_handlaggare_sit_next_to_earlier_levels(make_case, login_as, app, db):
    case = make_case()
    client = login_as(case.citizen)
    client.post(f"/uppfoljning/{case.follow_up.id}/skicka",
                data={"csrf_token": answer_all(client, case.follow_up.id)})
    results = follow_up_results(db.get(FollowUp, case.follow_up.id))
    first = results.goals[0]
    assert (first.attainment, first.level_now, first.self_at_application, first.assessed, first.intended) == \
        ("partly_achieved", 1, 2, 3, 1)
    assert [(r.key, r.value) for r in results.quality][:4] == [("treatment", 4), ("listened_to", 4),
                                                               ("told_about_changes", 4), ("trust", None)]


@pytest.fixture
def new_question_version(tmp_path, monkeypatch):
    """A kommun publishes quality-2027.1 with a changed question."""
    for path in questionnaires.QUESTIONS_DIR.glob("*.json"):
        (tmp_path / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    data = json.loads((tmp_path / "quality-2026.1.json").read_text(encoding="utf-8"))
    data["version"] = "quality-2027.1"
    data["questions"][0]["sv"] = "Hälsar personalen på dig?"
    (tmp_path / "quality-2027.1.json").write_text(json.dumps(data), encoding="utf-8")
    index = json.loads((tmp_path / "index.json").read_text(encoding="utf-8"))
    (tmp_path / "index.json").write_text(json.dumps(index | {"quality": "quality-2027.1"}), encoding="utf-8")
    monkeypatch.setattr(questionnaires, "QUESTIONS_DIR", tmp_path)
    questionnaires.load_question_set.cache_clear()
    yield
    questionnaires.load_question_set.cache_clear()


def test_old_answers_keep_their_question_version(make_case, login_as, app, db, request):
    case = make_case()
    client = login_as(case.citizen)
    client.post(f"/uppfoljning/{case.follow_up.id}/skicka",
                data={"csrf_token": answer_all(client, case.follow_up.id)})
    request.getfixturevalue("new_question_version")
    later = FollowUp(citizen_id=case.citizen.id, application_id=case.application.id, unit_id=case.officer.unit_id,
                     due_on=case.follow_up.due_on)
    db.add(later)
    db.commit()
    assert "Hälsar personalen på dig?" in client.get(f"/uppfoljning/{later.id}/stodet").get_data(as_text=True)
    db.expire_all()
    assert db.get(FollowUp, later.id).quality_questions_version == "quality-2027.1"
    old = follow_up_results(db.get(FollowUp, case.follow_up.id))
    assert old.follow_up.quality_questions_version == "quality-2026.1"
    assert old.quality[0].text == "Är personalen vänlig mot dig?"
