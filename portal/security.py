"""Security headers on every response; no-store on anything personal."""

from __future__ import annotations

from flask import Flask, request


def content_security_policy(form_origin: str | None = None) -> str:
    """The portal's CSP; `form_origin` lets one page's form go to that origin too."""
    return "; ".join(
        [
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' data:",
            "font-src 'self'",
            "connect-src 'self'",
            f"form-action 'self' {form_origin}" if form_origin else "form-action 'self'",
            "frame-ancestors 'none'",
            "base-uri 'none'",
            "object-src 'none'",
        ]
    )


CSP = content_security_policy()

STATIC_PREFIXES = ("/static/",)


def init_app(app: Flask) -> None:
    @app.after_request
    def _headers(response):
        headers = response.headers
        headers.setdefault("Content-Security-Policy", CSP)
        headers["X-Content-Type-Options"] = "nosniff"
        headers["X-Frame-Options"] = "DENY"
        headers["Referrer-Policy"] = "no-referrer"
        headers["Cross-Origin-Opener-Policy"] = "same-origin"
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()"
        if app.config["SESSION_COOKIE_SECURE"]:
            headers["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains"
        if not request.path.startswith(STATIC_PREFIXES):
            # Personal pages must not come back from the cache after logout.
            headers["Cache-Control"] = "no-store"
            headers.add("Vary", "HX-Request")
            headers.add("Vary", "Cookie")
        return response
