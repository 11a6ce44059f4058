"""The uppföljning step's part of the handläggare's caseload: only reads, no routes.

Every query answers for the whole unit at once, so the caseload's query count never
grows with the number of cases.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import and_, case, func, or_, select

from portal.applications.models import Application, Goal
from portal.db import get_session
from portal.decisions.models import Decision, DecisionItem, DecisionItemLifeArea
from portal.domain.caseflow import ActionItem, ActionKind
from portal.domain.states import ApplicationStatus
from portal.followups.models import FollowUp, NeedChange

# A case that is over needs no more follow-up.
FINISHED_STATUSES = (ApplicationStatus.WITHDRAWN.value, ApplicationStatus.CLOSED.value)


def _in_unit(unit_id: int):
    return (Application.unit_id == unit_id, Application.status != ApplicationStatus.DRAFT.value)


def _one_year_after(day: date) -> date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


def _as_date(value: date | datetime) -> date:
    return value.date() if isinstance(value, datetime) else value


@dataclass(frozen=True)
class _Interval:
    decision_id: int
    application_id: int
    citizen_id: int
    ends_on: date


def _goal_dates(unit_id: int) -> dict[int, date]:
    """{beslut id: the earliest follow-up date of the goals its insatser point to}."""
    query = (
        select(DecisionItem.decision_id, func.min(Goal.follow_up_on))
        .join(DecisionItemLifeArea, DecisionItemLifeArea.decision_item_id == DecisionItem.id)
        .join(Goal, Goal.id == DecisionItemLifeArea.goal_id)
        .join(Decision, Decision.id == DecisionItem.decision_id)
        .join(Application, Application.id == Decision.application_id)
        .where(*_in_unit(unit_id), Goal.follow_up_on.is_not(None))
        .group_by(DecisionItem.decision_id)
    )
    return {key: value for key, value in get_session().execute(query)}


def _follow_up_record(unit_id: int) -> dict[int, tuple[int, datetime | None]]:
    """{beslut id: (how many follow-ups are scheduled, when the last one was answered)}."""
    scheduled = func.sum(case((FollowUp.status == "scheduled", 1), else_=0))
    query = (
        select(FollowUp.decision_id, scheduled, func.max(FollowUp.answered_at))
        .join(Decision, Decision.id == FollowUp.decision_id)
        .join(Application, Application.id == Decision.application_id)
        .where(*_in_unit(unit_id))
        .group_by(FollowUp.decision_id)
    )
    return {decision_id: (count or 0, answered) for decision_id, count, answered in get_session().execute(query)}


def _unscheduled_intervals(unit_id: int) -> list[_Interval]:
    """Each published beslut of an ongoing case that has no follow-up scheduled, and the day
    its follow-up interval ends.

    The first interval ends at the earliest `Goal.follow_up_on` of the goals the beslut's
    insatser point to or, when there is none, one year after `decided_on`. Once a follow-up
    has been answered, the next one is due within a year of that answer (at least yearly).
    """
    query = (
        select(Decision.id, Decision.application_id, Decision.citizen_id, Decision.decided_on, Decision.published_at)
        .join(Application, Application.id == Decision.application_id)
        .where(*_in_unit(unit_id), Decision.status == "published", Application.status.not_in(FINISHED_STATUSES))
    )
    goal_dates, record = _goal_dates(unit_id), _follow_up_record(unit_id)
    intervals = []
    for row in get_session().execute(query):
        scheduled, last_answered = record.get(row.id, (0, None))
        if scheduled:
            continue
        decided_on = row.decided_on or (row.published_at and _as_date(row.published_at))
        ends_on = goal_dates.get(row.id) or (decided_on and _one_year_after(decided_on))
        if last_answered is not None:
            ends_on = _one_year_after(_as_date(last_answered))
        if ends_on is None:  # a beslut published without any date: nothing to count from
            continue
        intervals.append(_Interval(row.id, row.application_id, row.citizen_id, ends_on))
    return intervals


def _application_of_follow_up():
    return Application.id == func.coalesce(FollowUp.application_id, Decision.application_id)


def _follow_ups(unit_id: int, *conditions):
    return (
        select(FollowUp.id, FollowUp.citizen_id, FollowUp.due_on, FollowUp.answered_at, Application.id.label("app"))
        .outerjoin(Decision, Decision.id == FollowUp.decision_id)
        .join(Application, _application_of_follow_up())
        .where(*_in_unit(unit_id), *conditions)
    )


def follow_up_due_dates(unit_id: int) -> dict[int, date]:
    """{case id: the earliest day follow-up work falls due}: a scheduled uppföljning's date,
    or the end of the follow-up interval of a beslut with nothing scheduled."""
    query = _follow_ups(unit_id, FollowUp.status == "scheduled")
    dates: dict[int, date] = {}
    for row in get_session().execute(query):
        dates[row.app] = min(dates.get(row.app, row.due_on), row.due_on)
    for interval in _unscheduled_intervals(unit_id):
        current = dates.get(interval.application_id, interval.ends_on)
        dates[interval.application_id] = min(current, interval.ends_on)
    return dates


def _latest_cases(unit_id: int) -> dict[int, int]:
    """{person id: their latest case in the unit}, for records not tied to one case."""
    query = (
        select(Application.citizen_id, func.max(Application.id))
        .where(*_in_unit(unit_id))
        .group_by(Application.citizen_id)
    )
    return {key: value for key, value in get_session().execute(query)}


def _need_changes(unit_id: int) -> list[ActionItem]:
    query = (
        select(NeedChange.id, NeedChange.application_id, NeedChange.citizen_id, NeedChange.created_at)
        .outerjoin(Application, Application.id == NeedChange.application_id)
        .where(
            NeedChange.handled_at.is_(None),
            or_(
                and_(Application.unit_id == unit_id, Application.status != ApplicationStatus.DRAFT.value),
                and_(NeedChange.application_id.is_(None), NeedChange.unit_id == unit_id),
            ),
        )
    )
    rows = list(get_session().execute(query))
    latest = _latest_cases(unit_id) if any(row.application_id is None for row in rows) else {}
    items = []
    for row in rows:
        application_id = row.application_id or latest.get(row.citizen_id)
        if application_id is not None:
            items.append(ActionItem(ActionKind.NEED_CHANGE, application_id, row.citizen_id, row.created_at,
                                    "need_change", row.id))
    return items


def needs_action(unit_id: int, today: date) -> list[ActionItem]:
    """What waits for the handläggare in the follow-up step.

    - follow-up answered: FollowUp status "answered" and `reviewed_at` NULL;
    - follow-up due: FollowUp status "scheduled" and `due_on <= today`;
    - follow-up overdue: a published beslut of an ongoing case with no follow-up scheduled
      whose interval has ended (`<= today`): the earliest `Goal.follow_up_on` of the goals
      its items point to, or one year after `decided_on` when none; after an answered
      follow-up, one year after that answer (at least yearly);
    - need change: a NeedChange with `handled_at` NULL.
    """
    db = get_session()
    answered = _follow_ups(unit_id, FollowUp.status == "answered", FollowUp.reviewed_at.is_(None))
    due = _follow_ups(unit_id, FollowUp.status == "scheduled", FollowUp.due_on <= today)
    items = [ActionItem(ActionKind.FOLLOW_UP_ANSWERED, row.app, row.citizen_id, row.answered_at or row.due_on,
                        "follow_up", row.id) for row in db.execute(answered)]
    items += [ActionItem(ActionKind.FOLLOW_UP_DUE, row.app, row.citizen_id, row.due_on, "follow_up", row.id)
              for row in db.execute(due)]
    items += [ActionItem(ActionKind.FOLLOW_UP_OVERDUE, interval.application_id, interval.citizen_id,
                         interval.ends_on, "decision", interval.decision_id)
              for interval in _unscheduled_intervals(unit_id) if interval.ends_on <= today]
    return items + _need_changes(unit_id)

