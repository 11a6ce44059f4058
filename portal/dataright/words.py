"""The registerutdrag's PDF in words: every stored code as the words the person saw."""

from __future__ import annotations

from flask_babel import gettext as _

from portal.applications import labels as application_labels
from portal.web import plain_labels


def _question(questionnaire: str, version: str, key: str):
    from portal.followups.questionnaires import UnknownQuestionSet, current_version, load_question_set

    try:
        question_set = load_question_set(version)
    except UnknownQuestionSet:
        try:
            question_set = load_question_set(current_version(questionnaire))
        except UnknownQuestionSet:
            return None
    return question_set.question(key)


def survey_answer(answer: dict) -> tuple[str, str]:
    """(question, answer) in words for one survey answer of the extract.

    Old answers keep the question set they were given with; an answer whose set is
    gone is read with today's set, which keeps the question keys.
    """
    english = plain_labels.english()
    question = _question(answer["questionnaire"], answer["version"], answer["question_key"])
    text = question.text(english) if question else _("En fråga som inte finns kvar")
    if answer["value"] is None:
        return text, str(plain_labels.NO_ANSWER)
    words = question.step_label(answer["value"], english) if question else None
    return text, words or _("Svar %(value)s av 5", value=answer["value"])


def application_status(code: str | None) -> str:
    return str(application_labels.STATUS.get(code, _("Okänt läge")))


def attainment(code: str | None) -> str:
    return str(plain_labels.ATTAINMENT_TEXT.get(code, plain_labels.NO_ANSWER))


def goal_texts(extract: dict) -> dict[int, str]:
    """Goal id → the person's words, so a follow-up names the goal, not its number."""
    goals = [g for a in extract["applications"] for g in a["goals"]] + extract["goals_outside_applications"]
    return {goal["id"]: goal["text"] for goal in goals}


def category_name(code: str) -> str:
    from portal.dataright import area_name
    from portal.domain.life_areas import UnknownCategory, get_category

    try:
        area, category = get_category(code)
    except UnknownCategory:
        return code
    name = category.easy_name_en if plain_labels.english() else category.easy_name_sv
    return f"{area_name(area.code)}: {name}"


def template_helpers() -> dict:
    return {
        "extract_survey_answer": survey_answer, "extract_status": application_status,
        "extract_attainment": attainment, "extract_category": category_name,
        "extract_level": plain_labels.level_text,
    }  # fmt: skip
