"""Registerutdrag (GDPR art. 15): everything the portal holds about one person.

One dictionary feeds both the JSON file and the PDF, so they cannot differ.
Records are dumped column by column (so a column added later is not
forgotten), minus what is not the person's data: lookup hashes, staff ids,
idempotency keys. Drafts written by staff and internal notes are left out
and the extract says so.
"""

from __future__ import annotations

from datetime import date, datetime

from flask import current_app
from sqlalchemy import inspect, select

from portal.applications.models import Application, Goal, SelfAssessment
from portal.dataright.services import all_entries, describe
from portal.dataright.words import goal_texts
from portal.db import get_session
from portal.decisions.models import Appeal, Decision
from portal.followups.models import FollowUp
from portal.messages.models import Message, Notification
from portal.modelbase import utcnow
from portal.people.identity import decrypt_pnr
from portal.people.models import Citizen
from portal.plans.models import Assignment, CareCard, ImplementationPlan, PlanResponse, VisitDeviation
from portal.proxies.invitations import shown_name
from portal.proxies.models import ProxyAuthority

SCHEMA_VERSION = 1
# Columns that are not the person's data (keys, staff ids) or are shown another way.
LEFT_OUT = frozenset({
    "pnr_hash", "pnr_encrypted", "submission_token", "send_token", "officer_id", "assigned_officer_id",
    "created_by_id", "sender_staff_id", "registered_by_id", "author_id", "home_unit_id",
})
NOT_INCLUDED = (
    "internal_notes",  # the staff's working notes: ask the kommun
    "unpublished_decisions_and_plans",  # drafts the staff have not finished
    "staff_assessments_outside_decisions",  # in the beslut once it is published
)


def _value(value):
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def columns(record) -> dict:
    """A record's columns as JSON-ready values, minus LEFT_OUT."""
    mapper = inspect(record).mapper
    return {c.key: _value(getattr(record, c.key)) for c in mapper.column_attrs if c.key not in LEFT_OUT}


def _all(query) -> list:
    return list(get_session().scalars(query))


def build_extract(citizen_id: int) -> dict:
    citizen = get_session().get(Citizen, citizen_id)
    return {
        "document": "mitt-stod-registerutdrag",
        "schema_version": SCHEMA_VERSION,
        "created_at": utcnow().isoformat(),
        "municipality": current_app.config.get("MUNICIPALITY_NAME"),
        "person": _person(citizen),
        "applications": [_application(a) for a in _all(
            select(Application).where(Application.citizen_id == citizen_id).order_by(Application.id))],
        "goals_outside_applications": [columns(g) for g in _all(
            select(Goal).where(Goal.citizen_id == citizen_id, Goal.application_id.is_(None)))],
        "self_assessments_at_follow_ups": [columns(s) for s in _all(
            select(SelfAssessment).where(SelfAssessment.citizen_id == citizen_id,
                                         SelfAssessment.application_id.is_(None)))],
        "decisions": [_decision(d) for d in _all(
            select(Decision).where(Decision.citizen_id == citizen_id, Decision.status == "published")
            .order_by(Decision.id))],
        "appeals": [columns(a) for a in _all(select(Appeal).where(Appeal.citizen_id == citizen_id))],
        "implementation_plans": [_plan(p) for p in _all(
            select(ImplementationPlan).where(ImplementationPlan.citizen_id == citizen_id,
                                             ImplementationPlan.status.in_(("published", "superseded")))
            .order_by(ImplementationPlan.id))],
        "assignments": [_assignment(a) for a in _all(
            select(Assignment).where(Assignment.citizen_id == citizen_id).order_by(Assignment.id))],
        "care_card": [columns(c) for c in _all(select(CareCard).where(CareCard.citizen_id == citizen_id))],
        "follow_ups": [_follow_up(f) for f in _all(
            select(FollowUp).where(FollowUp.citizen_id == citizen_id).order_by(FollowUp.id))],
        "messages": [columns(m) for m in _all(
            select(Message).where(Message.citizen_id == citizen_id).order_by(Message.created_at))],
        "notifications": [columns(n) for n in _all(
            select(Notification).where(Notification.citizen_id == citizen_id).order_by(Notification.id))],
        "proxy_authorities": _authorities(citizen_id),
        "access_log": _access_log(citizen_id),
        "not_included": list(NOT_INCLUDED),
    }


def _person(citizen: Citizen) -> dict:
    person = columns(citizen)
    person["personnummer"] = decrypt_pnr(citizen.pnr_encrypted)
    return person


def _application(application: Application) -> dict:
    data = columns(application)
    data["needs"] = [columns(n) for n in application.needs]
    data["goals"] = [columns(g) for g in application.goals]
    data["consents"] = [columns(c) for c in application.consents]
    data["self_assessments"] = [columns(s) for s in _all(
        select(SelfAssessment).where(SelfAssessment.application_id == application.id))]
    return data


def _decision(decision: Decision) -> dict:
    data = columns(decision)
    data["items"] = []
    for item in decision.items:
        item_data = columns(item)
        item_data["life_areas"] = [columns(area) for area in item.life_areas]
        data["items"].append(item_data)
    return data


def _plan(plan: ImplementationPlan) -> dict:
    data = columns(plan)
    data["sub_goals"] = [{**columns(s), "activities": [columns(a) for a in s.activities]}
                         for s in plan.sub_goals]
    responses = _all(select(PlanResponse).where(PlanResponse.plan_id == plan.id).order_by(PlanResponse.id))
    data["responses"] = [{**columns(r), "change_requests": [columns(c) for c in r.change_requests]}
                         for r in responses]
    return data


def _assignment(assignment: Assignment) -> dict:
    """The uppdrag, the livsområden the person shares with the utförare, and visits that did not happen."""
    data = columns(assignment)
    data["shared_life_areas"] = [area.life_area for area in assignment.shared_areas]
    data["visits_not_done"] = [columns(v) for v in _all(
        select(VisitDeviation).where(VisitDeviation.assignment_id == assignment.id).order_by(VisitDeviation.id))]
    return data


def _follow_up(follow_up: FollowUp) -> dict:
    data = columns(follow_up)
    data["goal_evaluations"] = [columns(e) for e in follow_up.goal_evaluations]
    data["survey_answers"] = [columns(a) for a in follow_up.survey_answers]
    return data


def _authority(authority: ProxyAuthority, reader_id: int) -> dict:
    """The other person's name as the reader may see it (the typed one until they said yes)."""
    data = columns(authority)
    other = shown_name(authority, reader_id)
    data["represented_name"] = authority.citizen.name if authority.citizen_id == reader_id else other
    data["proxy_name"] = authority.proxy.name if authority.proxy_id == reader_id else other
    return data


def _authorities(citizen_id: int) -> dict:
    def query(column):
        return select(ProxyAuthority).where(column == citizen_id).order_by(ProxyAuthority.id)

    return {"given": [_authority(a, citizen_id) for a in _all(query(ProxyAuthority.citizen_id))],
            "received": [_authority(a, citizen_id) for a in _all(query(ProxyAuthority.proxy_id))]}


def _access_log(citizen_id: int) -> list[dict]:
    rows = describe(all_entries(citizen_id), citizen_id)
    return [{"at": row.at.isoformat(), "who": row.who, "actor_kind": row.actor_kind,
             "action": row.action_code, "action_text": row.action, "record_type": row.record_type,
             "record_text": row.what, "record_id": row.record_id} for row in rows]


# A PDF of tens of thousands of log rows would take minutes to typeset and
# nobody could read it; the PDF lists the newest rows and counts all of them
# per month, while the JSON file and the log page hold every row.
PDF_LOG_ROWS = 300


def pdf_view(extract: dict) -> dict:
    """What the PDF adds to the extract: the newest log rows, counts of all rows, goal words."""
    rows = extract["access_log"]
    counts: dict[tuple, int] = {}
    for row in rows:
        key = (row["at"][:7], row["who"], row["action_text"], row["record_text"])
        counts[key] = counts.get(key, 0) + 1
    summary = [{"month": k[0], "who": k[1], "action_text": k[2], "record_text": k[3], "count": n}
               for k, n in counts.items()]
    return {"log_rows": rows[:PDF_LOG_ROWS], "log_total": len(rows),
            "log_complete": len(rows) <= PDF_LOG_ROWS, "log_summary": summary,
            "goal_texts": goal_texts(extract)}
