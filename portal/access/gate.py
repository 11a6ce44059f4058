"""The access gate.

Every view that touches a person's data goes load → authorise → act through
`load_for` (one record) or the scoped queries (lists). A refusal is a 404 so
nobody learns that a record exists. Both outcomes go to the access log.
"""

from __future__ import annotations

from enum import StrEnum

from flask import abort
from sqlalchemy import Select, select

from portal.access.actor import Actor, current_actor
from portal.audit.services import log_access
from portal.db import get_session
from portal.domain.states import VISIBLE_TO_STAFF, ApplicationStatus
from portal.domain.vocabulary import AccessAction, ProxyScope, StaffRole


class Permission(StrEnum):
    READ_APPLICATION = "application.read"
    EDIT_APPLICATION = "application.edit"
    READ_DECISION = "decision.read"
    APPEAL_DECISION = "decision.appeal"
    READ_PLAN = "plan.read"
    RESPOND_PLAN = "plan.respond"
    READ_FOLLOW_UP = "follow_up.read"
    ANSWER_FOLLOW_UP = "follow_up.answer"
    READ_MESSAGES = "message.read"
    SEND_MESSAGE = "message.send"
    READ_ACCESS_LOG = "access_log.read"
    READ_COMMUNICATION = "communication.read"
    ANSWER_COMMUNICATION = "communication.answer"
    REPORT_NEED_CHANGE = "need_change.report"
    READ_TIMELINE = "timeline.read"
    MANAGE_PROXIES = "proxy.manage"
    SHARE_WITH_PROVIDER = "provider_sharing.manage"  # the person only: never an ombud
    WRITE_CARE_CARD = "care_card.write"
    # Staff
    OPEN_CASE = "case.open"
    EDIT_CASE = "case.edit"
    # Integration API (a client acts for its unit; each needs a scope)
    RECORD_DECISION = "case.decision.record"
    RECORD_PLAN = "case.plan.record"
    REQUEST_FOLLOW_UP = "case.follow_up.request"
    # Integration API of an utförare unit (its own system)
    READ_ASSIGNMENT = "provider.assignment.read"
    WRITE_PROVIDER_PLAN = "provider.plan.write"
    READ_PROVIDER_PLAN = "provider.plan.read"


# What a proxy's authority must include for each citizen-side permission.
# A permission missing here is never given to a proxy.
PROXY_SCOPE_FOR: dict[Permission, ProxyScope] = {
    Permission.READ_APPLICATION: ProxyScope.APPLY,
    Permission.EDIT_APPLICATION: ProxyScope.APPLY,
    Permission.READ_DECISION: ProxyScope.READ_DECISIONS,
    Permission.APPEAL_DECISION: ProxyScope.ACT_ON_DECISIONS,
    Permission.READ_PLAN: ProxyScope.READ_DECISIONS,
    Permission.RESPOND_PLAN: ProxyScope.ACT_ON_DECISIONS,
    Permission.READ_FOLLOW_UP: ProxyScope.ANSWER_FOLLOW_UPS,
    Permission.ANSWER_FOLLOW_UP: ProxyScope.ANSWER_FOLLOW_UPS,
    Permission.READ_MESSAGES: ProxyScope.MESSAGES,
    Permission.SEND_MESSAGE: ProxyScope.MESSAGES,
    Permission.READ_ACCESS_LOG: ProxyScope.READ_ACCESS_LOG,
    Permission.READ_COMMUNICATION: ProxyScope.READ_DECISIONS,
    Permission.ANSWER_COMMUNICATION: ProxyScope.ACT_ON_DECISIONS,
    Permission.REPORT_NEED_CHANGE: ProxyScope.APPLY,
    Permission.READ_TIMELINE: ProxyScope.READ_DECISIONS,
    Permission.WRITE_CARE_CARD: ProxyScope.APPLY,
}

STAFF_PERMISSIONS = frozenset({Permission.OPEN_CASE, Permission.EDIT_CASE})
# The OAuth scope an API client's token must hold for each permission.
# A permission missing here is never given to an API client.
API_SCOPE_FOR: dict[Permission, str] = {
    Permission.OPEN_CASE: "applications:read",
    Permission.RECORD_DECISION: "decisions:write",
    Permission.RECORD_PLAN: "plans:write",
    Permission.READ_FOLLOW_UP: "followups:read",
    Permission.REQUEST_FOLLOW_UP: "followups:write",
    Permission.READ_ASSIGNMENT: "assignments:read",
    Permission.WRITE_PROVIDER_PLAN: "plans:write",
    Permission.READ_PROVIDER_PLAN: "plans:read",
}
# API permissions of an utförare unit's client: what provider_sees allows, not the case unit.
PROVIDER_API_PERMISSIONS = frozenset({Permission.READ_ASSIGNMENT, Permission.WRITE_PROVIDER_PLAN,
                                      Permission.READ_PROVIDER_PLAN})
# Why a handläggare opens a case assigned to a colleague. Codes, not free
# text, because the access log holds no free text.
OPEN_CASE_REASONS = ("covering_for_colleague", "citizen_contacted_me", "supervision", "quality_review")
CASE_ROLES = frozenset({StaffRole.CASE_OFFICER.value, StaffRole.ADMIN.value})
PROVIDER_ROLES = frozenset({StaffRole.PROVIDER.value, StaffRole.PROVIDER_MANAGER.value})
# Record types an utförare may open, each only through an active uppdrag of its own unit
# (see _provider_allows). Never the application as a whole, the beslut's motivation or
# the handläggare's internal notes.
PROVIDER_RECORDS = frozenset({"assignment", "implementation_plan", "visit_deviation", "provider_goal_view",
                              "care_card", "need_description", "goal"})
# Of these, the ones that are parts of the ansökan: readable only in a livsområde the person shares.
PROVIDER_SHARED_PARTS = frozenset({"need_description", "goal"})
# Record types a citizen sees only once staff have published them.
PUBLISHED_ONLY = frozenset({"decision", "implementation_plan"})
# What "published" means per record type: an older plan version stays readable.
SHOWN_STATUSES = {"decision": frozenset({"published"}), "implementation_plan": frozenset({"published", "superseded"})}

_ACTION_FOR: dict[Permission, AccessAction] = {
    Permission.EDIT_APPLICATION: AccessAction.UPDATE,
    Permission.APPEAL_DECISION: AccessAction.CREATE,
    Permission.RESPOND_PLAN: AccessAction.UPDATE,
    Permission.ANSWER_FOLLOW_UP: AccessAction.UPDATE,
    Permission.SEND_MESSAGE: AccessAction.CREATE,
    Permission.ANSWER_COMMUNICATION: AccessAction.UPDATE,
    Permission.REPORT_NEED_CHANGE: AccessAction.CREATE,
    Permission.MANAGE_PROXIES: AccessAction.UPDATE,
    Permission.SHARE_WITH_PROVIDER: AccessAction.UPDATE,
    Permission.WRITE_CARE_CARD: AccessAction.UPDATE,
    Permission.EDIT_CASE: AccessAction.UPDATE,
    Permission.RECORD_DECISION: AccessAction.CREATE,
    Permission.RECORD_PLAN: AccessAction.CREATE,
    Permission.REQUEST_FOLLOW_UP: AccessAction.CREATE,
    Permission.WRITE_PROVIDER_PLAN: AccessAction.CREATE,
}


def record_type(record) -> str:
    return record.__tablename__


def _citizen_side_allows(actor: Actor, permission: Permission, record) -> bool:
    if permission in STAFF_PERMISSIONS:
        return False
    if getattr(record, "citizen_id", None) != actor.subject_citizen_id:
        return False
    if record_type(record) in PUBLISHED_ONLY and record.status not in SHOWN_STATUSES[record_type(record)]:
        return False
    if actor.kind == "citizen":
        return True
    required = PROXY_SCOPE_FOR.get(permission)
    return required is not None and required in actor.scopes


def _in_unit_and_visible(actor: Actor, record) -> bool:
    if getattr(record, "unit_id", None) != actor.unit_id:
        return False
    return record_type(record) != "application" or record.status in VISIBLE_TO_STAFF


def needs_reason(actor: Actor, record) -> bool:
    """True when a staff member must state a reason to open this case.

    A case assigned to a colleague can be seen in the list but opened only
    with a reason code (logged). An unassigned case is the unit's shared
    queue, so any case officer of the unit may open it to pick it up.
    """
    if not actor.is_staff or record_type(record) != "application":
        return False
    return record.assigned_officer_id not in (None, actor.staff_id)


def _staff_allows(actor: Actor, permission: Permission, record, reason_code=None) -> bool:
    if permission not in STAFF_PERMISSIONS or not _in_unit_and_visible(actor, record):
        return False
    if needs_reason(actor, record) and reason_code not in OPEN_CASE_REASONS:
        return False
    return actor.role in CASE_ROLES


def _assignment_of(record):
    from portal.plans.models import Assignment  # the plans step imports the gate

    if record_type(record) == "assignment":
        return record
    assignment_id = getattr(record, "assignment_id", None)
    return get_session().get(Assignment, assignment_id) if assignment_id is not None else None


def _owner_of(record) -> int | None:
    """The person a record is about (an ansökan's part through its ansökan)."""
    if hasattr(record, "citizen_id"):
        return record.citizen_id
    from portal.applications.models import Application

    application = get_session().get(Application, getattr(record, "application_id", None) or 0)
    return application.citizen_id if application else None


def provider_sees(unit_id: int | None, record) -> bool:
    """May the utförare unit `unit_id` see `record`?

    Only through an uppdrag of its own unit that is still active (sent or accepted, not
    past its end date); of the ansökan, only a livsområde the person shares with it.
    """
    from portal.plans.sharing import active_assignments, is_active, shared_areas

    kind = record_type(record)
    if unit_id is None or kind not in PROVIDER_RECORDS:
        return False
    if kind in PROVIDER_SHARED_PARTS:
        return any(record.life_area in shared_areas(a) for a in active_assignments(unit_id, _owner_of(record)))
    if kind == "care_card":
        return bool(active_assignments(unit_id, record.citizen_id))
    assignment = _assignment_of(record)
    return assignment is not None and assignment.provider_unit_id == unit_id and is_active(assignment)


def _provider_allows(actor: Actor, permission: Permission, record) -> bool:
    return permission in STAFF_PERMISSIONS and provider_sees(actor.unit_id, record)


def _api_allows(actor: Actor, permission: Permission, record) -> bool:
    required = API_SCOPE_FOR.get(permission)
    if required is None or required not in actor.scopes:
        return False
    if permission in PROVIDER_API_PERMISSIONS:
        return provider_sees(actor.unit_id, record)
    return _in_unit_and_visible(actor, record)


def is_allowed(actor: Actor, permission: Permission, record, reason_code=None) -> bool:
    """The one answer to "may `actor` do `permission` to `record`?"."""
    if record is None:
        return False
    if actor.is_citizen_side:
        return _citizen_side_allows(actor, permission, record)
    if actor.is_staff and actor.role in PROVIDER_ROLES:
        return _provider_allows(actor, permission, record)
    if actor.is_staff:
        return _staff_allows(actor, permission, record, reason_code)
    if actor.kind == "api":
        return _api_allows(actor, permission, record)
    return False


def authorize(record, permission: Permission, actor: Actor | None = None, *, reason_code=None):
    """Check and log; 404 if not allowed. Returns the record."""
    actor = actor or current_actor()
    kind = record_type(record) if record is not None else "unknown"
    record_id = getattr(record, "id", None)
    if not is_allowed(actor, permission, record, reason_code):
        log_access(actor, AccessAction.DENIED, kind, record_id, outcome="denied")
        abort(404)
    action = _ACTION_FOR.get(permission, AccessAction.READ)
    log_access(actor, action, kind, record_id, _owner_of(record), reason_code=reason_code)
    return record


def load_for(model, record_id: int, permission: Permission, actor: Actor | None = None, **kw):
    """Load one record by id and authorise it (404 when missing or refused)."""
    record = get_session().get(model, record_id)
    if record is None:
        actor = actor or current_actor()
        log_access(actor, AccessAction.DENIED, model.__tablename__, record_id, outcome="denied")
        abort(404)
    return authorize(record, permission, actor, **kw)


def own_records(model, actor: Actor | None = None) -> Select:
    """Records of the person the citizen-side actor acts for (self or represented)."""
    actor = actor or current_actor()
    if not actor.is_citizen_side:
        abort(404)
    query = select(model).where(model.citizen_id == actor.subject_citizen_id)
    if model.__tablename__ in PUBLISHED_ONLY:
        query = query.where(model.status == "published")
    return query


def has_case_role(actor: Actor | None = None) -> bool:
    """Whether the actor works with the unit's cases (and so may list and search them)."""
    actor = actor or current_actor()
    return actor.is_staff and actor.role in CASE_ROLES


def require_case_role(record_kind: str, actor: Actor | None = None) -> Actor:
    """Lists and searches of a unit's people are for case roles only.

    An analyst reads statistics and a provider its own plans: neither gets the unit's
    cases, messages or a search by personnummer. Anyone else gets 404, logged as denied.
    """
    actor = actor or current_actor()
    if has_case_role(actor):
        return actor
    log_access(actor, AccessAction.DENIED, record_kind, outcome="denied")
    abort(404)


def unit_records(model, actor: Actor | None = None) -> Select:
    """Records of the staff (or API client) actor's unit; drafts of applications never included.

    Staff must have a case role (see `require_case_role`); an API client acts by its scopes."""
    actor = actor or current_actor()
    if actor.is_staff:
        require_case_role(model.__tablename__, actor)
    elif actor.kind != "api":
        abort(404)
    query = select(model).where(model.unit_id == actor.unit_id)
    if model.__tablename__ == "application":
        query = query.where(model.status != ApplicationStatus.DRAFT.value)
    return query
