"""Small helpers for the ombud tests: posting forms as a browser would."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from portal.audit.models import AccessLogEntry
from tests.conftest import csrf_token


def fresh_csrf_token(client, path: str) -> str:
    """csrf_token() after forgetting the one cached on `g`.

    The `db` fixture keeps an app context open, so test requests share its
    `g`; Flask-WTF caches the token there, and after login_as() cleared the
    session the cached token would no longer match the session.
    """
    from flask import g, has_app_context

    if has_app_context():
        g.pop("csrf_token", None)
    return csrf_token(client, path)


def post_form(client, path: str, data: dict, token_page: str = "/fullmakter"):
    payload = {"csrf_token": fresh_csrf_token(client, token_page), **data}
    return client.post(path, data=payload)


def grant_form(person, scopes=("read_decisions",), start=None, end=None, **overrides) -> dict:
    start = start or date.today()
    end = end or start + timedelta(days=365)
    form = {
        "given_name": person.given_name if person else "Doris",
        "family_name": person.family_name if person else "Dahl",
        "personnummer": person.personnummer if person else "",
        "scopes": list(scopes),
        "valid_from": start.isoformat(),
        "valid_to": end.isoformat(),
    }
    form.update(overrides)
    return form


def log_entries(db, **where) -> list[AccessLogEntry]:
    db.expire_all()
    query = select(AccessLogEntry).order_by(AccessLogEntry.id)
    for column, value in where.items():
        query = query.where(getattr(AccessLogEntry, column) == value)
    return list(db.scalars(query))


def logs_in(client, login_as, person):
    """The person logs in and opens their fullmakter: what waited for them is linked now."""
    login_as(person)
    assert client.get("/fullmakter").status_code == 200
    return client
