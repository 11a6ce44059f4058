"""Where a case is along the process: every rule of case_stage, and which rule wins."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from portal.domain.caseflow import CaseFacts, CaseStage, case_stage

TODAY = date(2026, 3, 10)


@pytest.mark.parametrize("status", ["withdrawn", "closed"])
def test_a_withdrawn_or_closed_case_is_closed_whatever_else_is_true(status):
    facts = CaseFacts(status, communication_pending=True, decided=True, plan_published=True, appeal_open=True,
                      follow_up_due_on=TODAY - timedelta(days=30))
    assert case_stage(facts, TODAY) is CaseStage.CLOSED


@pytest.mark.parametrize("status,decided", [("decided", True), ("investigating", False)])
def test_an_open_appeal_comes_before_every_other_stage(status, decided):
    facts = CaseFacts(status, communication_pending=True, decided=decided, plan_published=True, appeal_open=True,
                      follow_up_due_on=TODAY)
    assert case_stage(facts, TODAY) is CaseStage.APPEALED


def test_a_pending_kommunicering_comes_before_new_and_investigating():
    for status in ("submitted", "received", "investigating"):
        assert case_stage(CaseFacts(status, communication_pending=True), TODAY) is CaseStage.COMMUNICATING


def test_not_decided_cases_are_new_or_under_investigation():
    assert case_stage(CaseFacts("submitted"), TODAY) is CaseStage.NEW
    assert case_stage(CaseFacts("received"), TODAY) is CaseStage.INVESTIGATING
    assert case_stage(CaseFacts("investigating"), TODAY) is CaseStage.INVESTIGATING


def test_a_kommunicering_no_longer_counts_once_the_case_is_decided():
    facts = CaseFacts("decided", communication_pending=True, decided=True)
    assert case_stage(facts, TODAY) is CaseStage.DECIDED


def test_a_decided_case_with_follow_up_due_today_or_earlier_comes_before_delivering():
    for due in (TODAY, TODAY - timedelta(days=400)):
        facts = CaseFacts("decided", decided=True, plan_published=True, follow_up_due_on=due)
        assert case_stage(facts, TODAY) is CaseStage.FOLLOW_UP_DUE


def test_a_follow_up_due_later_does_not_change_the_stage():
    later = TODAY + timedelta(days=1)
    assert case_stage(CaseFacts("decided", decided=True, plan_published=True, follow_up_due_on=later),
                      TODAY) is CaseStage.DELIVERING
    assert case_stage(CaseFacts("decided", decided=True, follow_up_due_on=later), TODAY) is CaseStage.DECIDED


def test_a_decided_case_is_delivering_with_a_published_plan_else_decided():
    assert case_stage(CaseFacts("decided", decided=True, plan_published=True), TODAY) is CaseStage.DELIVERING
    assert case_stage(CaseFacts("decided", decided=True), TODAY) is CaseStage.DECIDED


def test_a_published_beslut_counts_as_decided_before_the_status_moves():
    # The API can publish a beslut on a case whose status still says "investigating".
    facts = CaseFacts("investigating", decided=True, follow_up_due_on=TODAY)
    assert case_stage(facts, TODAY) is CaseStage.FOLLOW_UP_DUE


def test_a_follow_up_date_alone_does_not_make_an_undecided_case_decided():
    assert case_stage(CaseFacts("received", follow_up_due_on=TODAY), TODAY) is CaseStage.INVESTIGATING


def test_case_facts_are_frozen():
    facts = CaseFacts("submitted")
    with pytest.raises(AttributeError):
        facts.status = "closed"
