"""The handläggare's side of uppföljning: scheduling one for a case, reading the answers,
and the person's "Mitt behov har ändrats" reports."""

from __future__ import annotations

from flask import abort, flash, request
from flask_babel import gettext as _

from portal.access.actor import current_actor
from portal.access.gate import Permission
from portal.audit.services import log_access
from portal.auth.decorators import staff_required
from portal.db import get_session
from portal.decisions.services import decisions_for
from portal.domain.life_areas import get_life_area
from portal.domain.vocabulary import AccessAction
from portal.followups import bp
from portal.followups import need_changes as need_change_services
from portal.followups import services as follow_ups
from portal.followups.models import NeedChange
from portal.followups.results import follow_up_results
from portal.people.models import StaffUser
from portal.proxies.models import ProxyAuthority
from portal.validation import ValidationFailed
from portal.web import staff_labels as labels
from portal.web.rendering import render
from portal.web.staff_views import form_data, open_case, see_case


@bp.route("/handlaggare/arenden/<int:application_id>/uppfoljning", methods=["GET", "POST"])
@staff_required
def schedule_follow_up(application_id: int):
    permission = Permission.EDIT_CASE if request.method == "POST" else Permission.OPEN_CASE
    application = open_case(application_id, permission)
    due = follow_ups.default_due_date(application)
    errors = {}
    values = {"due_on": due.on.isoformat(), "goal_ids": [str(goal.id) for goal in application.goals],
              "questionnaires": ["quality", "life"]}
    if request.method == "POST":
        values = form_data()
        try:
            follow_ups.schedule_follow_up(current_actor(), application, values)
        except ValidationFailed as failed:
            errors = labels.error_messages(failed.errors)
        else:
            flash(_("Uppföljningen är planerad. Personen ser den i Mitt stöd."), "success")
            return see_case(application, "uppfoljning")
    return render(
        "followups/staff/follow_up.html",
        application=application,
        labels=labels,
        decisions=decisions_for(application),
        due=due,
        errors=errors,
        values=values,
        has_errors=bool(errors),
    ), 422 if errors else 200


def ombud_name(proxy_authority_id: int | None) -> str | None:
    """The ombud's name when one acted, for "David Andersson (ombud)"; None when the person did."""
    authority = get_session().get(ProxyAuthority, proxy_authority_id) if proxy_authority_id else None
    return authority.proxy.name if authority else None


def level_words(level: int | None, none_text=labels.NOT_GRADED) -> str:
    """A level as staff read it ("2 – Måttliga svårigheter (25–49 %)"), never the bare number."""
    return str(labels.LEVEL_TEXT.get(level, labels.NOT_GRADED)) if level is not None else str(none_text)


def life_area_name(code: str) -> str:
    return get_life_area(code).official_name_sv


WORDS = {"level_words": level_words, "life_area_name": life_area_name}


def _staff_name(staff_id: int | None) -> str | None:
    staff = get_session().get(StaffUser, staff_id) if staff_id else None
    return staff.name if staff else None


@bp.get("/handlaggare/arenden/<int:application_id>/uppfoljning/<int:follow_up_id>")
@staff_required
def follow_up_answers(application_id: int, follow_up_id: int):
    application = open_case(application_id)
    follow_up = follow_ups.follow_up_of(application, follow_up_id)
    log_access(current_actor(), AccessAction.READ, "follow_up", follow_up.id, follow_up.citizen_id)
    return render("followups/staff/answers.html", application=application, labels=labels, **WORDS,
                  results=follow_up_results(follow_up), state=follow_ups.review_state(follow_up),
                  ombud=ombud_name(follow_up.proxy_authority_id), reviewer=_staff_name(follow_up.reviewed_by_id))


@bp.post("/handlaggare/arenden/<int:application_id>/uppfoljning/<int:follow_up_id>/last")
@staff_required
def mark_follow_up_read(application_id: int, follow_up_id: int):
    application = open_case(application_id, Permission.EDIT_CASE)
    follow_up = follow_ups.follow_up_of(application, follow_up_id)
    if follow_ups.mark_reviewed(current_actor(), application, follow_up):
        flash(_("Uppföljningen är markerad som läst."), "success")
    return see_case(application, "uppfoljning")


def _need_change_of(application, need_change_id: int) -> NeedChange:
    """The report, only if it belongs to this (already opened) case; else 404 like a foreign id."""
    need_change = get_session().get(NeedChange, need_change_id)
    if need_change is None or need_change.application_id != application.id:
        abort(404)
    return need_change


@bp.get("/handlaggare/arenden/<int:application_id>/andrat-behov/<int:need_change_id>")
@staff_required
def review_need_change(application_id: int, need_change_id: int):
    application = open_case(application_id)
    need_change = _need_change_of(application, need_change_id)
    log_access(current_actor(), AccessAction.READ, "need_change", need_change.id, need_change.citizen_id)
    return render("followups/staff/need_change.html", application=application, labels=labels, **WORDS,
                  need_change=need_change, ombud=ombud_name(need_change.proxy_authority_id),
                  handler=_staff_name(need_change.handled_by_id))


@bp.post("/handlaggare/arenden/<int:application_id>/andrat-behov/<int:need_change_id>/hanterad")
@staff_required
def mark_need_change_handled(application_id: int, need_change_id: int):
    application = open_case(application_id, Permission.EDIT_CASE)
    need_change = _need_change_of(application, need_change_id)
    if need_change_services.handle_need_change(current_actor(), application, need_change):
        flash(_("Det ändrade behovet är markerat som hanterat."), "success")
    return see_case(application, "uppfoljning")


def case_section(application) -> dict:
    """What the case page's uppföljning section shows (templates/followups/staff/_case_section.html)."""
    return {
        "follow_ups": follow_ups.follow_ups_for(application),
        "follow_up_state": follow_ups.review_state,
        "need_changes": need_change_services.need_changes_for(application),
        "follow_up_ombud_name": ombud_name,
        "need_change_area_names": area_names,
    }


def area_names(need_change: NeedChange) -> str:
    """"Hemliv, Förflyttning": the official names staff use, in the order the person gave them."""
    return ", ".join(life_area_name(area.life_area) for area in need_change.areas)
