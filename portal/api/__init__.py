"""JSON API for case-management systems (OAuth 2 client credentials)."""

from flask import Flask


def init_app(app: Flask) -> None:
    """Registers the integration API (built in issue 5)."""
