"""One template serves page and fragment: htmx asks for a block, others get the page."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import render_template, request
from jinja2_fragments.flask import render_block


def render(template: str, block: str | None = None, **context) -> str:
    if block and request.headers.get("HX-Request") == "true" and not request.headers.get(
        "HX-Boosted"
    ):
        return render_block(template, block, **context)
    return render_template(template, **context)


def safe_next(target: str | None, default: str = "/") -> str:
    """Only local paths, so a `next` value can never send a person elsewhere."""
    if not target or not isinstance(target, str):
        return default
    if any(ord(char) < 0x20 or ord(char) == 0x7F for char in target):
        # Control characters cannot be in a header, and browsers drop some of them
        # ("/\t/evil.example" becomes "//evil.example").
        return default
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return default
    if "\\" in target:
        return default
    return target
