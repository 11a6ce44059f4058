"""The citizen's ansökan: needs per livsområde, self-assessment, goals."""

from flask import Flask


def init_app(app: Flask) -> None:
    """Registers the application flow's blueprint (built in issue 4)."""
