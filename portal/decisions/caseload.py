"""The beslut step's part of the handläggare's caseload: only reads, no routes.

Facts for the case's stage (decided, appealed, kommunicering pending) and what waits
for the handläggare ("needs action"). Every query is scoped to the unit's cases and
answers for the whole unit at once, so the caseload's query count never grows with
the number of cases.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import exists, func, or_, select

from portal.applications.models import Application
from portal.db import get_session
from portal.decisions.models import Appeal, Communication, Decision
from portal.domain.caseflow import ActionItem, ActionKind
from portal.domain.states import ApplicationStatus
from portal.domain.vocabulary import AppealReconsideration


def _in_unit(unit_id: int):
    return (Application.unit_id == unit_id, Application.status != ApplicationStatus.DRAFT.value)


def decided_cases(unit_id: int) -> set[int]:
    """Cases with at least one published beslut."""
    query = (
        select(Decision.application_id)
        .join(Application, Application.id == Decision.application_id)
        .where(*_in_unit(unit_id), Decision.status == "published")
        .distinct()
    )
    return set(get_session().scalars(query))


def _open_appeals(unit_id: int):
    """An appeal whose handling is not finished: not dismissed (avvisat), not forwarded to
    förvaltningsrätten, and not met by an omprövning that changed the beslut."""
    return (
        select(Appeal.id, Decision.application_id, Appeal.citizen_id, Appeal.created_at)
        .join(Decision, Decision.id == Appeal.decision_id)
        .join(Application, Application.id == Decision.application_id)
        .where(
            *_in_unit(unit_id),
            Appeal.dismissed_on.is_(None),
            Appeal.forwarded_on.is_(None),
            or_(Appeal.reconsideration.is_(None), Appeal.reconsideration != AppealReconsideration.CHANGED.value),
        )
    )


def appealed_cases(unit_id: int) -> set[int]:
    """Cases with an appeal whose handling is not finished."""
    return {row.application_id for row in get_session().execute(_open_appeals(unit_id))}


def communicating_cases(unit_id: int) -> set[int]:
    """Cases whose latest kommunicering was sent after the last assessment and after the
    last published beslut: the person has been asked, and no beslut has followed yet."""
    from portal.investigation.models import Assessment  # what the kommunicering was about

    sent = (
        select(Communication.application_id.label("application_id"), func.max(Communication.sent_at).label("at"))
        .where(Communication.unit_id == unit_id)
        .group_by(Communication.application_id)
        .subquery()
    )
    assessed = (
        select(Assessment.application_id.label("application_id"), func.max(Assessment.recorded_at).label("at"))
        .group_by(Assessment.application_id)
        .subquery()
    )
    published = (
        select(Decision.application_id.label("application_id"), func.max(Decision.published_at).label("at"))
        .where(Decision.status == "published")
        .group_by(Decision.application_id)
        .subquery()
    )
    query = (
        select(sent.c.application_id)
        .join(Application, Application.id == sent.c.application_id)
        .outerjoin(assessed, assessed.c.application_id == sent.c.application_id)
        .outerjoin(published, published.c.application_id == sent.c.application_id)
        .where(
            *_in_unit(unit_id),
            or_(assessed.c.at.is_(None), assessed.c.at < sent.c.at),
            or_(published.c.at.is_(None), published.c.at < sent.c.at),
        )
    )
    return set(get_session().scalars(query))


def _answered_communications(unit_id: int):
    """A kommunicering the person answered, with no beslut published after the answer."""
    decided_after = exists().where(
        Decision.application_id == Communication.application_id,
        Decision.status == "published",
        Decision.published_at > Communication.responded_at,
    )
    return (
        select(Communication.id, Communication.application_id, Communication.citizen_id, Communication.responded_at)
        .join(Application, Application.id == Communication.application_id)
        .where(*_in_unit(unit_id), Communication.responded_at.is_not(None), ~decided_after)
    )


def needs_action(unit_id: int, today: date) -> list[ActionItem]:
    """What waits for the handläggare in the beslut step.

    - appeal: an Appeal whose handling is not finished: no `dismissed_on`, no
      `forwarded_on`, and `reconsideration` is not "changed";
    - kommunicering answered: a Communication with `responded_at` set, and no beslut
      published after it on that application.
    """
    db = get_session()
    appeals = [
        ActionItem(ActionKind.APPEAL, row.application_id, row.citizen_id, row.created_at, "appeal", row.id)
        for row in db.execute(_open_appeals(unit_id))
    ]
    answers = [
        ActionItem(ActionKind.COMMUNICATION_ANSWERED, row.application_id, row.citizen_id, row.responded_at,
                   "communication", row.id)
        for row in db.execute(_answered_communications(unit_id))
    ]
    return appeals + answers
