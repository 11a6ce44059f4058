"""Login through OpenID Connect, and server-side sessions."""

from flask import Flask


def init_app(app: Flask) -> None:
    """Replaced by the login capability (issue 3)."""
