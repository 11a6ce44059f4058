"""What happens next in a case, and by when, in easy Swedish for the person (or their ombud)."""

from __future__ import annotations

from datetime import date

from flask_babel import gettext as _

from portal.access.gate import Permission
from portal.domain.caseflow import CaseStage
from portal.domain.states import ApplicationStatus
from portal.domain.vocabulary import AppealReconsideration
from portal.history.records import CaseRecords
from portal.web.citizen_views import may
from portal.web.plain_labels import date_text


def appeal_state(appeal) -> str:
    """How far the kommun has come with an appeal, as a code."""
    if appeal.dismissed_on:
        return "dismissed"
    if appeal.forwarded_on:
        return "forwarded"
    if appeal.reconsideration == AppealReconsideration.CHANGED.value:
        return "changed"
    if appeal.reconsideration:
        return "to_court"
    if appeal.in_time:
        return "reconsidering"
    return "received"


def appeal_status_text(appeal) -> str:
    """The appeal's status in words, with the date of the last step."""
    state = appeal_state(appeal)
    if state == "dismissed":
        return _("Överklagandet kom in för sent. Kommunen avvisade det %(date)s.",
                 date=date_text(appeal.dismissed_on))
    if state == "forwarded":
        return _("Kommunen skickade överklagandet till förvaltningsrätten %(date)s. Nu bestämmer rätten.",
                 date=date_text(appeal.forwarded_on))
    if state == "changed":
        return _("Kommunen ändrade beslutet %(date)s.", date=date_text(appeal.reconsidered_on))
    if state == "to_court":
        return _("Kommunen ändrade inte hela beslutet. Nu skickar kommunen överklagandet till förvaltningsrätten.")
    if state == "reconsidering":
        return _("Överklagandet kom in i tid. Nu prövar kommunen beslutet en gång till.")
    return _("Kommunen fick överklagandet %(date)s. Nu kontrollerar kommunen att det kom in i tid.",
             date=date_text(appeal.created_at))


def next_steps(reader, application, found: CaseRecords, today: date) -> list[tuple[str, str | None]]:
    """(sentence, link or None) for what comes next in the case."""
    from portal.history.person import current_stage

    if application.status == ApplicationStatus.WITHDRAWN.value:
        return [(_("Ansökan är återtagen. Det händer inget mer med den."), None)]
    stage = current_stage(application, found, today)
    result = _communication_steps(reader, found)
    if stage == CaseStage.NEW:
        result.append((_("Handläggaren ska läsa ansökan."), None))
    elif stage == CaseStage.INVESTIGATING:
        result.append((_("Handläggaren utreder. Handläggaren hör av sig om något behövs."), None))
    elif stage == CaseStage.COMMUNICATING and not result:
        result.append((_("Handläggaren läser svaret. Sedan skriver handläggaren ett beslut."), None))
    result += _decision_steps(found, today)
    result += _plan_steps(found)
    result += _follow_up_steps(reader, found, today)
    if any(change.handled_at is None for change in found.need_changes):
        result.append((_("Handläggaren ska titta på att behovet har ändrats."), None))
    return result


def _communication_steps(reader, found: CaseRecords) -> list:
    link = may(reader, Permission.READ_COMMUNICATION)
    return [(_("Svara på kommuniceringen senast %(date)s.", date=date_text(c.answer_by)),
             f"/kommunicering/{c.id}" if link else None)
            for c in found.communications if c.responded_at is None]


def _decision_steps(found: CaseRecords, today: date) -> list:
    result = []
    for decision in found.decisions:
        appeals = [a for a in found.appeals if a.decision_id == decision.id]
        result += [(appeal_status_text(appeal), None) for appeal in appeals]
        if not appeals and decision.appeal_deadline and decision.appeal_deadline >= today:
            result.append((_("Vill du överklaga beslutet? Då ska kommunen få överklagandet senast %(date)s.",
                             date=date_text(decision.appeal_deadline)), f"/beslut/{decision.id}#appeal"))
    return result


def _plan_steps(found: CaseRecords) -> list:
    from portal.plans.responses import awaits_answer

    return [(_("Svara på genomförandeplanen."), f"/plan/{plan.id}")
            for plan in found.current_plans if awaits_answer(plan)]


def _follow_up_steps(reader, found: CaseRecords, today: date) -> list:
    if not may(reader, Permission.READ_FOLLOW_UP):
        return []  # an ombud whose fullmakt does not cover follow-ups
    link = may(reader, Permission.ANSWER_FOLLOW_UP)
    result = []
    for follow_up in found.follow_ups:
        if follow_up.answered_at is not None:
            if follow_up.reviewed_at is None:
                result.append((_("Handläggaren ska läsa svaren på uppföljningen."), None))
        elif follow_up.due_on <= today:
            result.append((_("Nu är det dags att svara på uppföljningen."),
                           f"/uppfoljning/{follow_up.id}" if link else None))
        else:
            result.append((_("Nästa uppföljning är %(date)s. Då får du berätta hur det går.",
                             date=date_text(follow_up.due_on)), None))
    return result
