"""What an utförare may see of a person: the facts the access gate asks for.

An uppdrag is active while it is sent or accepted and its end date has not passed.
Of the ansökan, the utförare reads only the livsområden the person shares with
that uppdrag (by default the uppdrag's own livsområden). The rule itself is in
access/gate.py; this module only reads.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from portal.db import get_session
from portal.domain import clock
from portal.plans.models import Assignment

ACTIVE_STATUSES = ("sent", "accepted")


def is_active(assignment: Assignment, today: date | None = None) -> bool:
    today = today or clock.today()
    return assignment.status in ACTIVE_STATUSES and (assignment.ends_on is None or assignment.ends_on >= today)


def active_assignments(unit_id: int | None, citizen_id: int | None, today: date | None = None) -> list[Assignment]:
    """The person's active uppdrag at this utförare unit."""
    if unit_id is None or citizen_id is None:
        return []
    query = select(Assignment).where(Assignment.provider_unit_id == unit_id, Assignment.citizen_id == citizen_id,
                                     Assignment.status.in_(ACTIVE_STATUSES))
    return [a for a in get_session().scalars(query) if is_active(a, today)]


def shared_areas(assignment: Assignment) -> set[str]:
    return {row.life_area for row in assignment.shared_areas}
