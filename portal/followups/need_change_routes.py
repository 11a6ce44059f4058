"""The person's side of “Mitt behov har ändrats”: choose the livsområden, say what is
different now, send, receipt. The handläggare's side is in staff_routes.

The choice of areas is a GET form (only codes travel in the URL); the words are POSTed.
"""

from __future__ import annotations

from flask import abort, redirect, request
from flask_babel import gettext as _
from sqlalchemy.exc import IntegrityError

from portal.access import Permission, current_actor
from portal.auth import citizen_required
from portal.db import get_session
from portal.domain.life_areas import LIFE_AREAS
from portal.followups import bp
from portal.followups import need_changes as services
from portal.messages.services import case_of
from portal.validation import InvalidInput
from portal.web.citizen_views import form_values, new_token, require, too_long_message
from portal.web.plain_labels import area_name
from portal.web.rendering import render

URL = "/mitt-behov-har-andrats"
CHOSEN = "valt"  # set by the choice form, so an empty choice can say what to do


@bp.route(URL, methods=["GET", "POST"])
@citizen_required
def need_change():
    require(Permission.REPORT_NEED_CHANGE)
    if case_of(current_actor().subject_citizen_id) is None:
        return render("followups/citizen/need_change_no_case.html")
    values = form_values()
    areas = services.chosen_areas(values.getlist("life_area_codes") or request.args.getlist("omrade"))
    if request.method == "POST":
        return _send(values, areas)
    if not areas or request.args.get("andra"):
        errors = {"omrade": _("Välj minst ett livsområde.")} if CHOSEN in request.args and not areas else {}
        return render("followups/citizen/need_change_areas.html", life_areas=LIFE_AREAS, selected=areas,
                      errors=errors, has_errors=bool(errors))
    return _details(values, areas, values.get("token") or new_token())


def _details(values, areas: list[str], token: str, errors: dict | None = None):
    change_url = f"{URL}?andra=1" + "".join(f"&omrade={code}" for code in areas)
    return render("followups/citizen/need_change.html", values=values, areas=areas, token=token,
                  change_url=change_url, errors=errors or {}, has_errors=bool(errors),
                  max_chars=services.TEXT_MAX_CHARS)


def _send(values, areas: list[str]):
    if not areas:
        return redirect(f"{URL}?{CHOSEN}=1", code=303)
    token = values.get("token")
    changes = [services.AreaChange(code, values.get(f"text_{code}"), values.get(f"level_{code}")) for code in areas]
    try:
        need_change = services.report_need_change(current_actor(), changes, token)
    except InvalidInput as invalid:
        errors = _messages(invalid.errors, values, areas)
        return _details(values, areas, new_token() if "token" in invalid.errors else token, errors)
    except IntegrityError:
        # Two sends of one form at the same moment: the other one saved it.
        get_session().rollback()
        need_change = services.find_need_change(current_actor().subject_citizen_id, token) or abort(409)
    return redirect(f"{URL}/kvitto/{need_change.id}", code=303)


def _messages(errors: dict[str, str], values, areas: list[str]) -> dict[str, str]:
    """Easy-Swedish messages, in the order of the page."""
    messages = {}
    for code in areas:
        text_field, level_field = f"text_{code}", f"level_{code}"
        if errors.get(text_field) == "empty":
            messages[text_field] = _("Skriv vad som är annorlunda nu för %(area)s.", area=area_name(code))
        elif errors.get(text_field) == "too_long":
            messages[text_field] = too_long_message(services.TEXT_MAX_CHARS, values.get(text_field, ""))
        if errors.get(level_field):
            messages[level_field] = _("Välj hur svårt det är i dag. Du kan också välja Vet inte.")
    if errors.get("token") and not messages:
        messages[f"text_{areas[0]}"] = _("Något gick fel. Skicka igen.")
    return messages


@bp.get(f"{URL}/kvitto/<int:need_change_id>")
@citizen_required
def need_change_receipt(need_change_id: int):
    require(Permission.REPORT_NEED_CHANGE)
    need_change = services.own_need_change(current_actor(), need_change_id) or abort(404)
    return render("followups/citizen/need_change_receipt.html", need_change=need_change)
