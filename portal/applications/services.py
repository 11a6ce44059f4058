"""Operations on an ansökan. They change data and flush; the request commits.

Views load the application through the access gate first (which writes the
read/update entry in the access log); operations that create, submit or
delete write their own entry here, so the log says who did it and as whom.
"""

from __future__ import annotations

import calendar
import secrets
from datetime import date, timedelta

from sqlalchemy import delete, select, update

from portal.access import Actor, Permission, is_allowed
from portal.applications.models import (
    Application,
    ConsentToContact,
    Goal,
    NeedDescription,
    SelfAssessment,
)
from portal.applications.validation import (
    CONSENT_KINDS,
    FOLLOW_UP_MONTHS,
    MAX_EMAIL,
    MAX_LANGUAGE,
    MAX_NAME,
    MAX_PHONE,
    check_goal_room,
    parse_level,
)
from portal.audit.services import log_access
from portal.db import get_session
from portal.domain import clock
from portal.domain.life_areas import LIFE_AREAS
from portal.domain.states import ApplicationStatus, transition
from portal.domain.vocabulary import AccessAction, FilledInBy
from portal.modelbase import utcnow
from portal.people.models import Citizen, Unit
from portal.validation import PERSON_TEXT_MAX, fits

NEED_COLUMNS = {
    "today": "today_text",
    "resources": "resources_text",
    "difficulties": "difficulties_text",
    "wanted_help": "wanted_help_text",
    "what_matters": "what_matters_text",
}
_CATALOGUE_ORDER = {area.code: area.position for area in LIFE_AREAS}


# -- creating and keeping drafts ---------------------------------------------


def may_start_application(actor: Actor) -> bool:
    """Asks the gate about an unsaved application for the person the actor acts for."""
    return is_allowed(actor, Permission.EDIT_APPLICATION, Application(citizen_id=actor.subject_citizen_id))


def create_draft(actor: Actor, filled_in_by: str, retention_days: int) -> Application:
    application = Application(
        citizen_id=actor.subject_citizen_id,
        status=ApplicationStatus.DRAFT.value,
        current_step="omraden",
    )
    set_filled_in_by(actor, application, filled_in_by)
    keep_draft(application, retention_days)
    db = get_session()
    db.add(application)
    db.flush()
    log_access(actor, AccessAction.CREATE, "application", application.id, application.citizen_id)
    return application


def open_drafts(citizen_id: int) -> list[Application]:
    """The person's unsent ansökningar, oldest first (the cap on drafts counts these)."""
    query = select(Application).where(
        Application.citizen_id == citizen_id, Application.status == ApplicationStatus.DRAFT.value
    ).order_by(Application.created_at, Application.id)
    return list(get_session().scalars(query))


def set_filled_in_by(actor: Actor, application: Application, filled_in_by: str) -> None:
    # An ombud's work is always recorded as theirs, whatever they answered.
    if actor.kind == "proxy":
        application.filled_in_by = FilledInBy.PROXY.value
        application.proxy_authority_id = actor.proxy_authority_id
    else:
        application.filled_in_by = filled_in_by


def keep_draft(application: Application, retention_days: int, today: date | None = None) -> None:
    """Every save moves the draft's expiry date forward."""
    application.draft_expires_on = (today or clock.today()) + timedelta(days=retention_days)


def is_draft(application: Application) -> bool:
    return application.status == ApplicationStatus.DRAFT.value


def area_codes(application: Application) -> list[str]:
    return [need.life_area for need in application.needs]


# -- life areas, needs and self-assessment -----------------------------------


def set_life_areas(application: Application, codes: list[str]) -> None:
    """Keep the needs of areas still chosen, add new ones, drop the rest."""
    chosen = sorted(set(codes), key=_CATALOGUE_ORDER.__getitem__)
    kept = {need.life_area: need for need in application.needs if need.life_area in chosen}
    dropped = [need.life_area for need in application.needs if need.life_area not in chosen]
    application.needs = [kept.get(code) or NeedDescription(life_area=code) for code in chosen]
    for position, need in enumerate(application.needs):
        need.position = position
    if dropped and application.id is not None:
        get_session().execute(
            delete(SelfAssessment).where(
                SelfAssessment.application_id == application.id,
                SelfAssessment.life_area.in_(dropped),
            )
        )


def need_for(application: Application, code: str) -> NeedDescription | None:
    return next((need for need in application.needs if need.life_area == code), None)


def need_values(need: NeedDescription) -> dict[str, str]:
    return {field: getattr(need, column) for field, column in NEED_COLUMNS.items()}


def save_need(need: NeedDescription, values: dict[str, str]) -> None:
    """Stores the words exactly as typed; an answer over the cap keeps its old words (the view says so)."""
    for field, column in NEED_COLUMNS.items():
        if fits(values[field], PERSON_TEXT_MAX):
            setattr(need, column, values[field])


def assessments_for(application: Application, code: str) -> list[SelfAssessment]:
    query = select(SelfAssessment).where(
        SelfAssessment.application_id == application.id, SelfAssessment.life_area == code
    )
    return list(get_session().scalars(query))


def save_assessment(application: Application, code: str, current: str, wanted: str, categories: dict[str, str]) -> None:
    """One row for the area, one per category the person chose to grade.

    A row exists only for what was answered; None in a row means "Vet inte".
    """
    db = get_session()
    db.execute(
        delete(SelfAssessment).where(SelfAssessment.application_id == application.id, SelfAssessment.life_area == code)
    )
    rows = []
    if parse_level(current)[0] or parse_level(wanted)[0]:
        rows.append((None, parse_level(current)[1], parse_level(wanted)[1]))
    for category, raw in categories.items():
        answered, level = parse_level(raw)
        if answered:
            rows.append((category, level, None))
    for category, current_level, wanted_level in rows:
        db.add(
            SelfAssessment(
                citizen_id=application.citizen_id, application_id=application.id,
                life_area=code, icf_category=category,
                current_level=current_level, wanted_level=wanted_level,
            )
        )  # fmt: skip


# -- goals --------------------------------------------------------------------


def add_months(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def fill_goal(goal: Goal, values: dict[str, str], today: date | None = None) -> None:
    goal.text = values["goal_text"]
    goal.life_area = values["goal_area"]
    goal.wanted_level = parse_level(values["goal_level"])[1]
    goal.follow_up_on = add_months(today or clock.today(), int(values["goal_follow_up"]))


def goal_areas(application: Application, leaving_out: Goal | None = None) -> list[str]:
    """The livsområde of each goal (for the caps on goals), leaving out the one being changed."""
    return [goal.life_area for goal in application.goals if goal is not leaving_out]


def add_goal(application: Application, values: dict[str, str]) -> Goal:
    goal = Goal(citizen_id=application.citizen_id, position=len(application.goals))
    fill_goal(goal, values)
    application.goals.append(goal)
    return goal


def autosave_goal(application: Application, goal: Goal | None, values: dict[str, str], *, new: bool) -> Goal | None:
    """Keep what can be kept of a goal while it is typed; returns the goal, or None if nothing is kept.

    A new goal is stored once it has words and a livsområde (a goal is always tied to one);
    a level or a follow-up time is stored when chosen. Emptying a new goal's words removes it,
    so a goal the person gave up on is not sent.
    """
    codes = area_codes(application)
    area = values["goal_area"] if values["goal_area"] in codes else None
    if not fits(values["goal_text"], PERSON_TEXT_MAX):
        return None if new else goal  # too long to keep: the form says so when it is sent
    if not values["goal_text"].strip():
        if new and goal is not None:
            remove_goal(application, goal)
        return None if new else goal
    if goal is None:
        if area is None or check_goal_room(goal_areas(application), area):
            return None
        goal = Goal(citizen_id=application.citizen_id, position=len(application.goals), life_area=area)
        application.goals.append(goal)
    goal.text = values["goal_text"]
    goal.life_area = area or goal.life_area
    answered, level = parse_level(values["goal_level"])
    if answered:
        goal.wanted_level = level
    if values["goal_follow_up"] in FOLLOW_UP_MONTHS:
        start = goal.created_at.date() if goal.created_at else clock.today()
        goal.follow_up_on = add_months(start, int(values["goal_follow_up"]))
    get_session().flush()
    return goal


def goal_with_words(application: Application, values: dict[str, str]) -> Goal | None:
    """A goal already stored with these words for this livsområde.

    An autosave still on its way when the form is sent stores the goal too;
    the second one to arrive finds it here instead of storing it again.
    """
    words = values["goal_text"].strip()
    return next((g for g in application.goals if g.text.strip() == words and g.life_area == values["goal_area"]), None)


def goal_of(application: Application, goal_id: int) -> Goal | None:
    return next((goal for goal in application.goals if goal.id == goal_id), None)


def remove_goal(application: Application, goal: Goal) -> None:
    application.goals.remove(goal)
    for position, remaining in enumerate(application.goals):
        remaining.position = position


# -- contact and consent -------------------------------------------------------


def save_contact(application: Application, values: dict, errors: dict) -> None:
    """Save every field; a short field that failed its check keeps its old value.

    Short fields have a column limit, so an invalid value there is shown again
    to the person (from the form) rather than cut to fit.
    """
    short = {"phone": ("contact_phone", MAX_PHONE), "email": ("contact_email", MAX_EMAIL),
             "interpreter_language": ("interpreter_language", MAX_LANGUAGE)}  # fmt: skip
    for field, (column, limit) in short.items():
        if field not in errors and len(values[field]) <= limit:
            setattr(application, column, values[field].strip() or None)
    if fits(values["communication_support"], PERSON_TEXT_MAX):
        application.communication_support = values["communication_support"]
    existing = {consent.kind: consent for consent in application.consents}
    for kind in CONSENT_KINDS:
        name, contact = values[f"consent_{kind}_name"], values[f"consent_{kind}_contact"]
        if len(name) > MAX_NAME or len(contact) > MAX_NAME:
            continue
        consent = existing.get(kind)
        if consent is None:
            consent = ConsentToContact(kind=kind)
            application.consents.append(consent)
        consent.name, consent.contact = name, contact
        consent.given = bool(values[f"consent_{kind}_given"])


def consent_values(application: Application) -> dict:
    values = {}
    for consent in application.consents:
        values[f"consent_{consent.kind}_given"] = "yes" if consent.given else ""
        values[f"consent_{consent.kind}_name"] = consent.name
        values[f"consent_{consent.kind}_contact"] = consent.contact
    return values


# -- submitting ------------------------------------------------------------------


def submission_token(application: Application) -> str:
    """The one-time key on the check page; kept until the draft is sent."""
    if not application.submission_token:
        application.submission_token = secrets.token_urlsafe(32)
    return application.submission_token


def routing_unit_id(citizen_id: int) -> int | None:
    """The person's home unit; without one, the first case-management unit (lowest id)."""
    db = get_session()
    citizen = db.get(Citizen, citizen_id)
    if citizen is not None and citizen.home_unit_id is not None:
        return citizen.home_unit_id
    query = select(Unit.id).where(Unit.kind == "case_management").order_by(Unit.id).limit(1)
    return db.scalars(query).first()


def reference_for(application_id: int, year: int) -> str:
    return f"MS-{year}-{application_id:06d}"


def submit(actor: Actor, application: Application) -> bool:
    """Send the draft. Returns False if it was already sent (by another click).

    The status change is one conditional UPDATE, so two requests racing to
    submit the same draft cannot both win.
    """
    transition(ApplicationStatus(application.status), ApplicationStatus.SUBMITTED)
    db = get_session()
    db.flush()
    now = utcnow()
    result = db.execute(
        update(Application)
        .where(Application.id == application.id, Application.status == "draft")
        .values(
            status=ApplicationStatus.SUBMITTED.value,
            submitted_at=now,
            reference=reference_for(application.id, now.year),
            unit_id=routing_unit_id(application.citizen_id),
            draft_expires_on=None,
            current_step=None,
        )
        .execution_options(synchronize_session=False)
    )
    db.refresh(application)
    if result.rowcount != 1:
        return False
    # The self-assessment becomes the record of this moment.
    db.execute(
        update(SelfAssessment)
        .where(SelfAssessment.application_id == application.id)
        .values(recorded_at=now, citizen_id=application.citizen_id)
        .execution_options(synchronize_session=False)
    )
    log_access(actor, AccessAction.SUBMIT, "application", application.id, application.citizen_id)
    db.flush()
    return True


def purge_expired_drafts(today: date | None = None) -> int:
    """Delete drafts whose expiry date has passed; returns how many."""
    db = get_session()
    today = today or clock.today()
    query = select(Application).where(
        Application.status == ApplicationStatus.DRAFT.value,
        Application.draft_expires_on < today,
    )
    system = Actor(kind="system")
    count = 0
    for application in db.scalars(query).all():
        db.execute(delete(SelfAssessment).where(SelfAssessment.application_id == application.id))
        log_access(system, AccessAction.DELETE, "application", application.id, application.citizen_id)
        db.delete(application)
        count += 1
    db.flush()
    return count
