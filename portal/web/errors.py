"""Error pages in easy Swedish, the same for every capability."""

from __future__ import annotations

from flask import Flask, jsonify, render_template, request
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, SecurityError

PAGES = {400, 403, 404, 405, 413, 429, 500, 503}


def _wants_json() -> bool:
    return request.path.startswith("/api/") or request.path in {"/healthz", "/readyz"}


def _page(code: int):
    if _wants_json():
        return jsonify(error=code), code
    template = f"errors/{code if code in PAGES else 400}.html"
    return render_template(template, status=code), code


def init_app(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def _csrf(_error):
        return render_template("errors/csrf.html", status=400), 400

    @app.errorhandler(SecurityError)
    def _untrusted_host(_error):
        # A Host header outside TRUSTED_HOSTS: no URL can be built, so no page either.
        return "400 Bad Request", 400, {"Content-Type": "text/plain; charset=utf-8"}

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
