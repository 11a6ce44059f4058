"""Views of the simulated BankID provider (blueprint `devidp`, under /dev-idp)."""

from __future__ import annotations

from authlib.oauth2.rfc6749 import OAuth2Error
from flask import (
    Blueprint,
    abort,
    current_app,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _

from . import flow, keys
from .discovery import provider_metadata
from .forms import read_start_form
from .identities import DEMO_IDENTITIES, KIND_LABELS, Person
from .models import session_scope
from .orders import (
    OUTCOME_LABELS,
    cancel_order,
    claim_completed_order,
    load_order,
    order_status,
    start_order,
)
from .qr import qr_svg

bp = Blueprint("devidp", __name__, url_prefix="/dev-idp")


@bp.after_request
def no_store(response):
    # Codes, tokens and personnummer must not end up in any cache.
    response.headers["Cache-Control"] = "no-store"
    response.vary.add("HX-Request")
    return response


@bp.get("/.well-known/openid-configuration")
def discovery():
    return jsonify(provider_metadata())


@bp.get("/jwks")
def jwks():
    return jsonify(keys.public_jwks(current_app))


@bp.get("/authorize")
def authorize():
    try:
        grant = flow.server().get_consent_grant(end_user=None)
    except OAuth2Error as error:
        if error.redirect_uri:
            return flow.server().handle_error_response(None, error)
        return _error_page(_("Inloggningen kan inte starta. Tjänsten som skickade dig hit "
                             "är inte rätt inställd."))
    request_id = flow.store_pending(grant.client.get_client_id(), request.args.to_dict())
    return redirect(url_for(".start", request_id=request_id), 303)


@bp.route("/login/<request_id>", methods=["GET", "POST"])
def start(request_id: str):
    params = _pending_or_404(request_id)
    if request.method == "GET":
        return _start_page(request_id)
    form = read_start_form(request.form)
    if form.errors:
        return _start_page(request_id, form=form, status=422)
    with session_scope() as session:
        order = start_order(session, request_id, form.person, other_device=form.other_device,
                            outcome=form.outcome,
                            instant=bool(current_app.config.get("DEVIDP_INSTANT")))
        status = order_status(order)
        order_ref = order.order_ref
    if status.state == "complete":
        return _finish(order_ref, params, htmx=False)
    return redirect(url_for(".order", order_ref=order_ref), 303)


@bp.get("/login/<request_id>/cancel")
def cancel(request_id: str):
    params = _pending_or_404(request_id)
    return redirect(flow.denied_location(request_id, params), 303)


@bp.route("/order/<order_ref>", methods=["GET", "POST"])
def order(order_ref: str):
    """The waiting page; its POST is the no-JavaScript "Fortsätt" check."""
    order, params = _order_or_404(order_ref)
    status = order_status(order)
    if request.method == "POST" and status.state == "complete":
        return _finish(order_ref, params, htmx=False)
    if request.method == "POST":
        return redirect(url_for(".order", order_ref=order_ref), 303)
    qr = qr_svg(order_ref) if order.other_device else None
    return render_template("devidp/order.html", order=order, status=status, qr=qr)


@bp.get("/order/<order_ref>/status")
def order_status_fragment(order_ref: str):
    """Polled by htmx every second; 204 (no swap) while nothing has changed."""
    order, params = _order_or_404(order_ref)
    status = order_status(order)
    if status.state == "complete":
        return _finish(order_ref, params, htmx=True)
    if request.args.get("seen") == status.hint:
        return "", 204
    return render_template("devidp/_status.html", order=order, status=status)


@bp.post("/order/<order_ref>/cancel")
def cancel_order_view(order_ref: str):
    order, params = _order_or_404(order_ref)
    with session_scope() as session:
        cancel_order(session, order)
    return redirect(flow.denied_location(order.request_id, params), 303)


@bp.route("/token", methods=["POST"])
def token():
    return flow.server().create_token_response()


@bp.route("/userinfo", methods=["GET", "POST"])
def userinfo():
    return flow.server().create_endpoint_response("userinfo")


@bp.route("/logout", methods=["GET", "POST"])
def logout():
    response = flow.server().create_endpoint_response("end_session")
    if response is not None and response.status_code == 302:
        return redirect(response.headers["Location"], 303)
    if response is not None and response.status_code >= 400:
        return _error_page(_("Utloggningen kunde inte göras. Stäng webbläsaren för att "
                             "vara säker på att du är utloggad."))
    return render_template("devidp/logged_out.html")


def _finish(order_ref: str, params: dict, *, htmx: bool):
    """Issue the code once and send the browser back to the client."""
    with session_scope() as session:
        order = load_order(session, order_ref)
        claimed = order is not None and claim_completed_order(session, order)
        request_id = order.request_id if order else ""
        person = Person(order.personnummer, order.given_name, order.family_name) if order else None
    location = flow.issue_code(request_id, params, person) if claimed else None
    if location is None:
        return _error_page(_("Inloggningen är redan klar eller för gammal. Gå tillbaka till "
                             "tjänsten och logga in igen."))
    if htmx:
        return "", 200, {"HX-Redirect": location}
    return redirect(location, 303)


def _start_page(request_id: str, form=None, status: int = 200):
    return render_template(
        "devidp/start.html", request_id=request_id, form=form,
        identities=DEMO_IDENTITIES, kind_labels=KIND_LABELS, outcomes=OUTCOME_LABELS,
    ), status


def _pending_or_404(request_id: str) -> dict:
    """The stored authorization request; 404 when unknown, used or too old."""
    params = flow.load_pending(request_id)
    if params is None:
        abort(404)
    return params


def _order_or_404(order_ref: str):
    """The order and its authorization request; 404 when either is gone."""
    with session_scope() as session:
        order = load_order(session, order_ref)
    if order is None:
        abort(404)
    return order, _pending_or_404(order.request_id)


def _error_page(message: str, status: int = 400):
    return render_template("devidp/error.html", message=message), status


@bp.errorhandler(404)
def not_found(error):
    return _error_page(_("Sidan finns inte. Inloggningen kan vara för gammal. Gå tillbaka till "
                         "tjänsten och logga in igen."), 404)
