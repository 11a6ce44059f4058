"""The handläggare's workspace: inbox, case view, beslut, plans, follow-ups."""

from flask import Flask


def init_app(app: Flask) -> None:
    """Registers the staff workspace's blueprint (built in issue 5)."""
