"""The question sets are data: every version loads and follows the same rules."""

from __future__ import annotations

import pytest

from portal.followups.questionnaires import (
    QUESTIONNAIRES,
    UnknownQuestionSet,
    all_versions,
    current_version,
    load_question_set,
)


@pytest.mark.parametrize("version", all_versions())
def test_every_version_has_five_steps_and_unique_keys(version):
    questions = load_question_set(version)
    assert questions.version == version and questions.questionnaire in QUESTIONNAIRES
    keys = [q.key for q in questions.questions]
    assert keys and len(keys) == len(set(keys))
    for question in questions.questions:
        assert sorted(step.value for step in question.steps) == [1, 2, 3, 4, 5]
        assert all(step.label_sv and step.label_en for step in question.steps)
        assert question.text_sv.endswith("?") and question.text_en.endswith("?")


def test_the_index_points_at_existing_versions():
    for questionnaire in QUESTIONNAIRES:
        assert load_question_set(current_version(questionnaire)).questionnaire == questionnaire


@pytest.mark.parametrize("name", ["../index", "quality-2099.1", "", "index"])
def test_unknown_or_malformed_versions_are_refused(name):
    with pytest.raises(UnknownQuestionSet):
        load_question_set(name)
