"""The registerutdrag PDF speaks in words: no stored code reaches the person."""

from __future__ import annotations

import re
import subprocess

import pytest

CODES = ("partly_achieved", "not_achieved", "achieved", "supportive", "compensatory", "home_help", "granted",
         "published", "submitted", "proxy", "treatment", "mood", "answer_follow_ups", "power_of_attorney",
         "d510", "None")


@pytest.fixture
def full_case(db, anna_case):
    """Anna's case with a detailed self-assessment and an answered follow-up with goals and both surveys."""
    from portal.applications.models import Goal, SelfAssessment
    from portal.followups.models import GoalEvaluation, SurveyAnswer

    anna, application, follow_up = anna_case["anna"], anna_case["application"], anna_case["follow_up"]
    goal = db.query(Goal).filter_by(application_id=application.id).one()
    db.add(SelfAssessment(citizen_id=anna.id, application_id=application.id, life_area="d5",
                          icf_category="d510", current_level=4))
    anna_case["decision"].items[0].support_kind = "supportive"
    follow_up.goal_evaluations = [GoalEvaluation(goal_id=goal.id, attainment="partly_achieved", level_now=1)]
    follow_up.survey_answers += [
        SurveyAnswer(questionnaire="life", version="life-2026.1", question_key="mood", value=4),
        SurveyAnswer(questionnaire="quality", version="quality-2026.1", question_key="overall", value=None),
    ]
    db.commit()
    return anna_case


def _pdf_text(client) -> str:
    response = client.get("/mina-uppgifter/utdrag.pdf")
    assert response.status_code == 200
    result = subprocess.run(["pdftotext", "-layout", "-", "-"], input=response.data, capture_output=True, check=True)
    return " ".join(result.stdout.decode().split())


def test_no_code_reaches_the_pdf(client, full_case, login_as):
    login_as(full_case["anna"])
    text = _pdf_text(client)
    for code in CODES:
        assert not re.search(rf"\b{code}\b", text), code
    assert "mood:" not in text


def test_the_pdf_uses_the_words_the_person_saw(client, full_case, login_as):
    login_as(full_case["anna"])
    text = _pdf_text(client)
    assert "Läge: Skickad." in text
    assert "Så svårt är det i dag: Måttliga svårigheter. Så vill du att det ska vara: Lätta svårigheter." in text
    assert "Sköta din kropp: Tvätta dig: Totala svårigheter" in text
    assert "Mål: Duscha själv två gånger i veckan." in text
    assert "Har du nått målet? Delvis. Så svårt är det nu: Lätta svårigheter." in text
    assert "Är personalen vänlig mot dig? Oftast." in text  # a question set no longer on disk: today's words
    assert "Hur mår du de flesta dagar? Ganska bra." in text
    assert "Hur nöjd är du med stödet, allt som allt? Vet inte eller vill inte svara." in text
    assert "Hemtjänst: Beviljat" in text and "Ifylld av ombud." in text
