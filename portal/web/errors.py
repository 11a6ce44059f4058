"""Error pages in easy Swedish, the same for every capability.

An error page never touches a database session that may be broken: the
request's session is rolled back first (always for a server error, when it
failed for a 4xx, so a refused read's log entry is still kept), and a server
error page is drawn without any database lookup (no names, no menu).
"""

from __future__ import annotations

from flask import Flask, current_app, jsonify, render_template, request
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, SecurityError

from portal.db import discard_request_session
from portal.pdf import PdfRefused

PAGES = {400, 403, 404, 405, 413, 429, 500, 503}
_NO_DATABASE = "_portal_error_page_without_database"


def without_database() -> bool:
    """True while a server error page is drawn: templates must not query anything."""
    return bool(request.__dict__.get(_NO_DATABASE))


def _pdf_page(error: PdfRefused):
    # A refused PDF is not the person's fault, and the page says what they can do.
    current_app.logger.warning("pdf refused: %s on %s", error.reason, request.endpoint)
    discard_request_session()
    request.__dict__[_NO_DATABASE] = True
    return render_template("errors/pdf.html", reason=error.reason, status=503), 503


def _wants_json() -> bool:
    return request.path.startswith("/api/") or request.path in {"/healthz", "/readyz"}


def _page(code: int):
    server_error = code >= 500
    discard_request_session(only_if_broken=not server_error)
    if _wants_json():
        return jsonify(error=code), code
    request.__dict__[_NO_DATABASE] = server_error
    template = f"errors/{code if code in PAGES else 400}.html"
    return render_template(template, status=code), code


def init_app(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def _csrf(_error):
        discard_request_session(only_if_broken=True)
        return render_template("errors/csrf.html", status=400), 400

    @app.errorhandler(SecurityError)
    def _untrusted_host(_error):
        # A Host header outside TRUSTED_HOSTS: no URL can be built, so no page either.
        return "400 Bad Request", 400, {"Content-Type": "text/plain; charset=utf-8"}

    app.register_error_handler(PdfRefused, _pdf_page)

    @app.errorhandler(HTTPException)
    def _http(error: HTTPException):
        if error.code is None or error.code < 400:
            return error
        return _page(error.code)

    @app.errorhandler(Exception)
    def _unexpected(error: Exception):
        # Log the type only: a message could carry personal data.
        app.logger.error("unhandled %s on %s", type(error).__name__, request.endpoint)
        return _page(500)
