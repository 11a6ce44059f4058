"""Fullmakt pages, the chooser "Vem agerar jag för?" and the guide for närstående."""

from __future__ import annotations

from functools import wraps

from flask import Blueprint, flash, redirect, request, session
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from portal.access.actor import SESSION_ACTING_FOR, Actor, active_authority, current_actor
from portal.audit.services import log_access
from portal.auth.decorators import citizen_required
from portal.db import get_session
from portal.domain.vocabulary import AccessAction
from portal.people.identity import masked_pnr
from portal.people.models import Citizen
from portal.proxies import forms, invitations, services
from portal.proxies.services import ACTING_RECORD_TYPE, ProxyRefused
from portal.web.rendering import render

bp = Blueprint("proxies", __name__)

AFTER_CHOICE = "/mitt-stod"

REFUSALS = {
    "self": ("personnummer", _l("Du kan inte ge en fullmakt till dig själv. "
                                "Skriv den andra personens personnummer.")),
    "duplicate": ("personnummer", _l("Det finns redan en fullmakt mellan er. "
                                     "Ta bort den först om du vill ändra den.")),
}


def self_required(view):
    """Fullmakter are managed by the person themselves, never by an ombud acting for them."""

    @wraps(view)
    @citizen_required
    def wrapped(*args, **kwargs):
        actor = current_actor()
        if actor.kind != "citizen":
            log_access(actor, AccessAction.DENIED, services.RECORD_TYPE, outcome="denied")
            return render("proxies/self_only.html"), 403
        return view(actor, *args, **kwargs)

    return wrapped


def _me(actor: Actor) -> Citizen:
    return get_session().get(Citizen, actor.citizen_id)


# -- the guide (public) -----------------------------------------------------------------


@bp.get("/narstaende")
def guide():
    return render("proxies/guide.html")


# -- choosing whom to act for -------------------------------------------------------------


@bp.get("/vem-agerar-jag-for")
@citizen_required
def chooser():
    actor = current_actor()
    if actor.kind == "citizen":
        invitations.link_invitations(_me(actor))
    held = services.active_authorities_held(actor.citizen_id)
    return render("proxies/chooser.html", authorities=held)


@bp.post("/vem-agerar-jag-for")
@citizen_required
def choose():
    actor = current_actor()
    choice = request.form.get("acting_for", "")
    if choice == "self":
        _stop_acting(actor)
        return redirect(AFTER_CHOICE, 303)
    authority = active_authority(get_session(), int(choice), actor.citizen_id) if choice.isdigit() else None
    if authority is None:
        log_access(actor, AccessAction.DENIED, ACTING_RECORD_TYPE, outcome="denied")
        flash(_("Du kan inte agera för den personen nu. Välj igen."), "warning")
        return redirect("/vem-agerar-jag-for", 303)
    _stop_acting(actor)
    session[SESSION_ACTING_FOR] = authority.id
    acting = Actor(kind="proxy", citizen_id=actor.citizen_id, subject_citizen_id=authority.citizen_id,
                   proxy_authority_id=authority.id)
    log_access(acting, AccessAction.LOGIN, ACTING_RECORD_TYPE, authority.id, authority.citizen_id)
    return redirect(AFTER_CHOICE, 303)


def _stop_acting(actor: Actor) -> None:
    if actor.kind == "proxy":
        log_access(actor, AccessAction.LOGOUT, ACTING_RECORD_TYPE, actor.proxy_authority_id,
                   actor.subject_citizen_id)
    session.pop(SESSION_ACTING_FOR, None)


# -- fullmakter: list, give, ask ------------------------------------------------------------


@bp.get("/fullmakter")
@self_required
def overview(actor):
    log_access(actor, AccessAction.READ, services.RECORD_TYPE, subject_citizen_id=actor.citizen_id)
    me = _me(actor)
    invitations.link_invitations(me)
    return render(
        "proxies/overview.html", me=me, sent=invitations.waiting_sent(me.id),
        given=services.split_by_state(services.authorities_given(actor.citizen_id)),
        received=services.split_by_state(services.authorities_received(actor.citizen_id)),
    )


@bp.route("/fullmakter/ny", methods=["GET", "POST"])
@self_required
def give(actor):
    if _me(actor).protected_identity:
        return render("proxies/protected.html")
    if request.method == "GET":
        return render("proxies/give.html", values=forms.default_values(), errors={})
    values = forms.form_values(request.form)
    grant, errors = forms.check_grant(values, "proxy")
    step = request.form.get("step")
    if errors or step == "change":
        return render("proxies/give.html", values=values, errors=errors, has_errors=bool(errors)), (
            400 if errors else 200)
    if step != "confirm":
        return render("proxies/give_check.html", values=values, grant=grant)
    try:
        invitation = services.give_power_of_attorney(actor, grant)
    except ProxyRefused as refusal:
        return _refused_form("proxies/give.html", values, refusal)
    flash(_("Klart! Fullmakten är sparad. Den börjar gälla när personen har loggat in."), "success")
    return redirect(f"/fullmakter/vantar/{invitation.id}", 303)


@bp.route("/fullmakter/be-om", methods=["GET", "POST"])
@self_required
def ask(actor):
    if request.method == "GET":
        return render("proxies/ask.html", values=forms.default_values(), errors={})
    values = forms.form_values(request.form)
    grant, errors = forms.check_grant(values, "represented")
    if errors:
        return render("proxies/ask.html", values=values, errors=errors, has_errors=True), 400
    try:
        invitation = services.ask_for_power_of_attorney(actor, grant)
    except ProxyRefused as refusal:
        return _refused_form("proxies/ask.html", values, refusal)
    flash(_("Klart! Du har skickat din fråga. Personen ser den när hen loggar in."), "success")
    return redirect(f"/fullmakter/vantar/{invitation.id}", 303)


@bp.get("/fullmakter/vantar/<int:invitation_id>")
@self_required
def waiting(actor, invitation_id: int):
    invitation = invitations.load_own_invitation(actor, invitation_id)
    return render("proxies/waiting.html", invitation=invitation,
                  masked_pnr=masked_pnr(invitation.invitee_pnr_encrypted))


@bp.post("/fullmakter/vantar/<int:invitation_id>/ta-bort")
@self_required
def withdraw(actor, invitation_id: int):
    invitation = invitations.load_own_invitation(actor, invitation_id)
    if invitations.withdraw(actor, invitation):
        flash(_("Klart! Det du skickade gäller inte längre."), "success")
    return redirect("/fullmakter", 303)


def _refused_form(template: str, values: dict, refusal: ProxyRefused):
    if refusal.reason == "protected":
        return render("proxies/protected.html"), 403
    field, message = REFUSALS[refusal.reason]
    errors = {field: str(message)}
    return render(template, values=values, errors=errors, has_errors=True), 400


# -- one fullmakt: read, answer, take back, end ---------------------------------------------


@bp.get("/fullmakter/<int:authority_id>")
@self_required
def detail(actor, authority_id: int):
    authority = services.load_own_authority(actor, authority_id)
    return render("proxies/detail.html", authority=authority, state=services.state_of(authority),
                  viewer_is_giver=authority.citizen_id == actor.citizen_id)


@bp.post("/fullmakter/<int:authority_id>/svara")
@self_required
def answer(actor, authority_id: int):
    authority = services.load_own_authority(actor, authority_id)
    try:
        if request.form.get("answer") == "yes":
            values = {"scopes": request.form.getlist("scopes")}
            errors: dict = {}
            scopes = forms.check_scopes(values, errors)
            if errors:
                return render("proxies/detail.html", authority=authority, errors=errors,
                              state=services.state_of(authority), viewer_is_giver=True,
                              has_errors=True), 400
            services.accept_request(actor, authority, scopes)
            flash(_("Klart! Fullmakten gäller nu."), "success")
        else:
            services.decline_request(actor, authority)
            flash(_("Du har sagt nej. Personen får ingen fullmakt."), "success")
    except ProxyRefused as refusal:
        return _refused_action(authority, refusal)
    return redirect(f"/fullmakter/{authority.id}", 303)


@bp.post("/fullmakter/<int:authority_id>/ta-bort")
@self_required
def take_back(actor, authority_id: int):
    authority = services.load_own_authority(actor, authority_id)
    try:
        services.revoke(actor, authority)
    except ProxyRefused as refusal:
        return _refused_action(authority, refusal)
    flash(_("Klart! Fullmakten gäller inte längre."), "success")
    return redirect(f"/fullmakter/{authority.id}", 303)


@bp.post("/fullmakter/<int:authority_id>/avsluta")
@self_required
def end(actor, authority_id: int):
    authority = services.load_own_authority(actor, authority_id)
    try:
        services.end_by_proxy(actor, authority)
    except ProxyRefused as refusal:
        return _refused_action(authority, refusal)
    flash(_("Klart! Du är inte längre ombud med den här fullmakten."), "success")
    return redirect(f"/fullmakter/{authority.id}", 303)


def _refused_action(authority, refusal: ProxyRefused):
    if refusal.reason == "protected":
        return render("proxies/protected.html"), 403
    messages = {
        "court_appointed": _("God man och förvaltare bestäms av tingsrätten. Kontakta kommunen om du vill ändra."),
        "not_current": _("Det går inte längre. Fullmakten har redan ändrats."),
        "expired": _("Slutdatumet har redan passerat. Be personen fråga igen."),
    }
    flash(messages.get(refusal.reason, messages["not_current"]), "warning")
    return redirect(f"/fullmakter/{authority.id}", 303)
