"""The ICF scale, the stored enum values and the application's life cycle."""

from itertools import product

import pytest

from portal.domain import vocabulary
from portal.domain.states import (
    VISIBLE_TO_STAFF,
    ApplicationStatus,
    InvalidTransition,
    allowed_targets,
    can_transition,
    transition,
)
from portal.domain.vocabulary import GRADED_LEVELS, DifficultyLevel

S = ApplicationStatus

# Written out here, independent of the module, so a changed rule fails a test.
EXPECTED_MOVES = {
    (S.DRAFT, S.SUBMITTED),
    (S.DRAFT, S.WITHDRAWN),
    (S.SUBMITTED, S.RECEIVED),
    (S.SUBMITTED, S.WITHDRAWN),
    (S.RECEIVED, S.INVESTIGATING),
    (S.RECEIVED, S.DECIDED),
    (S.RECEIVED, S.WITHDRAWN),
    (S.INVESTIGATING, S.DECIDED),
    (S.INVESTIGATING, S.WITHDRAWN),
    (S.DECIDED, S.CLOSED),
}
ALL_PAIRS = list(product(ApplicationStatus, repeat=2))
FORBIDDEN_MOVES = [pair for pair in ALL_PAIRS if pair not in EXPECTED_MOVES]


class TestDifficultyLevel:
    def test_scale_has_the_icf_values(self):
        assert sorted(int(level) for level in DifficultyLevel) == [0, 1, 2, 3, 4, 8, 9]

    @pytest.mark.parametrize("value", [0, 1, 2, 3, 4])
    def test_zero_to_four_are_graded(self, value):
        assert DifficultyLevel(value).is_graded

    @pytest.mark.parametrize("value", [8, 9])
    def test_not_specified_and_not_applicable_are_not_graded(self, value):
        assert not DifficultyLevel(value).is_graded

    def test_graded_levels_in_order(self):
        assert GRADED_LEVELS == (
            DifficultyLevel.NONE,
            DifficultyLevel.MILD,
            DifficultyLevel.MODERATE,
            DifficultyLevel.SEVERE,
            DifficultyLevel.COMPLETE,
        )

    @pytest.mark.parametrize("value", [-1, 5, 6, 7, 10])
    def test_values_outside_the_scale_are_rejected(self, value):
        with pytest.raises(ValueError):
            DifficultyLevel(value)


STORED_VALUES = {
    vocabulary.SupportKind: {"supportive", "compensatory"},
    vocabulary.DecisionOutcome: {"granted", "partly_granted", "refused"},
    vocabulary.GoalAttainment: {"achieved", "partly_achieved", "not_achieved", "no_answer"},
    vocabulary.FilledInBy: {"self", "self_with_help", "proxy"},
    vocabulary.ProxyKind: {"power_of_attorney", "trustee", "administrator"},
    vocabulary.StaffRole: {"case_officer", "provider", "provider_manager", "analyst", "admin"},
}


@pytest.mark.parametrize("enum_class", list(STORED_VALUES), ids=lambda cls: cls.__name__)
def test_values_stored_in_the_database_stay_the_same(enum_class):
    assert {member.value for member in enum_class} == STORED_VALUES[enum_class]


@pytest.mark.parametrize(
    "enum_class",
    [
        vocabulary.SupportKind,
        vocabulary.DecisionOutcome,
        vocabulary.GoalAttainment,
        vocabulary.FilledInBy,
        vocabulary.ProxyKind,
        vocabulary.ProxyScope,
        vocabulary.StaffRole,
        vocabulary.AccessAction,
        ApplicationStatus,
    ],
    ids=lambda cls: cls.__name__,
)
def test_enum_values_are_plain_identifiers(enum_class):
    # Values go into the database and URLs: lower-case ASCII, no spaces.
    for member in enum_class:
        assert member.value.isascii()
        assert member.value == member.value.lower()
        assert member.value.replace("_", "").isalpha()


@pytest.mark.parametrize(("current", "target"), sorted(EXPECTED_MOVES))
def test_allowed_move_returns_the_new_state(current, target):
    assert can_transition(current, target)
    assert transition(current, target) is target


@pytest.mark.parametrize(("current", "target"), FORBIDDEN_MOVES)
def test_forbidden_move_raises(current, target):
    assert not can_transition(current, target)
    with pytest.raises(InvalidTransition):
        transition(current, target)


def test_invalid_transition_is_a_value_error_naming_both_states():
    with pytest.raises(ValueError, match="decided -> draft"):
        transition(S.DECIDED, S.DRAFT)


@pytest.mark.parametrize("status", list(ApplicationStatus))
def test_allowed_targets_match_the_rules(status):
    expected = {target for current, target in EXPECTED_MOVES if current is status}
    assert allowed_targets(status) == expected


@pytest.mark.parametrize("status", [S.WITHDRAWN, S.CLOSED])
def test_final_states_cannot_be_left(status):
    assert allowed_targets(status) == frozenset()


def test_a_decided_application_cannot_be_withdrawn():
    with pytest.raises(InvalidTransition):
        transition(S.DECIDED, S.WITHDRAWN)


def test_every_state_can_be_reached_from_draft():
    reached, frontier = {S.DRAFT}, [S.DRAFT]
    while frontier:
        for target in allowed_targets(frontier.pop()):
            if target not in reached:
                reached.add(target)
                frontier.append(target)
    assert reached == set(ApplicationStatus)


def test_staff_never_see_drafts():
    assert S.DRAFT not in VISIBLE_TO_STAFF


def test_staff_see_every_sent_application():
    assert set(ApplicationStatus) - VISIBLE_TO_STAFF == {S.DRAFT}
