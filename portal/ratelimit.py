"""Rate limits (issue 11, finding 10), with Flask-Limiter.

What is limited, and by what (the numbers are in the config, RATE_LIMITS):
- every POST: a generous default per session, or per address without one;
- login starts and OIDC callbacks per address; refused callbacks count
  separately and tighter, so they cannot flood the access log;
- the API's token endpoint per address; wrong client secrets tighter;
- PDFs and the registerutdrag per session or address;
- new session rows for visitors who are not logged in, per address: past the
  limit the visitor simply gets no row (sessions.py asks `NEW_SESSION_GATE`).

Storage is memory:// in development and tests, Redis in production (every
worker and machine shares the counts). Behind proxies the address is the
one the configured number of trusted proxies reports (werkzeug's ProxyFix).
A refusal is 429 with Retry-After: a page in easy Swedish, JSON under /api/.
"""

from __future__ import annotations

from flask import Flask, current_app, request, session
from flask_limiter import Limiter
from limits import parse_many
from werkzeug.middleware.proxy_fix import ProxyFix

from portal.auth.sessions import NEW_SESSION_GATE, token_hash

LOGIN_ENDPOINTS = ("auth.citizen_login", "auth.staff_login")
CALLBACK_ENDPOINTS = ("auth.citizen_callback", "auth.staff_callback")
ISSUE_ENDPOINTS = ("api.token",)
DOCUMENT_MARKERS = (".pdf", "utdrag")  # rules of PDFs and the registerutdrag


def client_address() -> str:
    return request.remote_addr or "unknown"


def session_or_address() -> str:
    """The session's row if it has one (staff behind one office address are not
    throttled together), else the address."""
    token = getattr(session, "token", None)
    return f"session:{token_hash(token)[:32]}" if token else f"address:{client_address()}"


def _configured(name: str):
    return lambda: current_app.config[name]


def _refused(response) -> bool:
    return response.status_code >= 400


def _not_post() -> bool:
    return request.method != "POST"


def init_app(app: Flask) -> None:
    """Call after every blueprint is registered: the limits wrap their views."""
    if app.config["TRUSTED_PROXIES"]:
        count = app.config["TRUSTED_PROXIES"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=count, x_proto=count)
    limiter = Limiter(
        key_func=session_or_address,
        app=app,
        default_limits=[_configured("RATELIMIT_POST")],
        default_limits_exempt_when=_not_post,
        storage_uri=app.config["RATELIMIT_STORAGE_URI"],
        key_prefix=app.config["RATELIMIT_KEY_PREFIX"],
        strategy="moving-window",
        headers_enabled=True,
        # Redis down: count in each process's memory rather than fail every request.
        in_memory_fallback_enabled=True,
    )
    by_address = {"key_func": client_address}
    _wrap(app, LOGIN_ENDPOINTS, limiter.shared_limit(_configured("RATELIMIT_LOGIN"), "login", **by_address))
    _wrap(app, CALLBACK_ENDPOINTS,
          limiter.shared_limit(_configured("RATELIMIT_CALLBACK"), "callback", **by_address),
          limiter.shared_limit(_configured("RATELIMIT_CALLBACK_FAILURES"), "callback-refused",
                               deduct_when=_refused, **by_address))
    _wrap(app, ISSUE_ENDPOINTS,
          limiter.shared_limit(_configured("RATELIMIT_API_TOKEN"), "token", **by_address),
          limiter.shared_limit(_configured("RATELIMIT_API_TOKEN_FAILURES"), "token-refused",
                               deduct_when=_refused, **by_address))
    documents = [rule.endpoint for rule in app.url_map.iter_rules()
                 if any(marker in rule.rule for marker in DOCUMENT_MARKERS)]
    _wrap(app, documents, limiter.shared_limit(_configured("RATELIMIT_DOCUMENTS"), "documents"))

    def new_session_allowed() -> bool:
        prefix, address = app.config["RATELIMIT_KEY_PREFIX"], client_address()
        return all(limiter.limiter.hit(item, prefix, "new-session", address)
                   for item in parse_many(app.config["RATELIMIT_NEW_SESSIONS"]))

    app.extensions[NEW_SESSION_GATE] = new_session_allowed


def _wrap(app: Flask, endpoints, *limits) -> None:
    for endpoint in endpoints:
        view = app.view_functions.get(endpoint)
        if view is None:
            continue
        for limit in limits:
            view = limit(view)
        app.view_functions[endpoint] = view
