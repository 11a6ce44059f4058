"""Server-side sessions in the `web_session` table.

The cookie holds only a random 256-bit token; the row is keyed by its
SHA-256, so a copy of the table cannot be replayed as cookies. Any process
that reaches the database can serve any session. See README.md here.

Flask calls `save_session` after the request's own database session has
committed, so this module reads and writes through the engine in short
transactions of its own.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from flask import Flask, Request, Response
from flask.json.tag import TaggedJSONSerializer
from flask.sessions import SessionInterface, SessionMixin
from sqlalchemy import delete, insert, select, update
from werkzeug.datastructures import CallbackDict

from portal.access.actor import SESSION_ACTING_FOR, SESSION_CITIZEN, SESSION_STAFF
from portal.auth.models import WebSession
from portal.modelbase import utcnow

IDENTITY_KEYS = (SESSION_CITIZEN, SESSION_STAFF, SESSION_ACTING_FOR)
# What survives an expiry: the CSRF token (so a form posted just after expiry
# is not refused), where the person was going, what they typed, their language.
KEPT_ON_EXPIRY = ("csrf_token", "next", "pending_form", "locale")
# What a login carries over into the new session (session fixation: nothing else).
KEPT_ON_LOGIN = ("next", "pending_form", "locale")
# Set when an expiry dropped a logged-in identity: "citizen:12" or "staff:3".
PREVIOUS_OWNER = "previous_owner"
COOKIE_NAME = "mittstod_session"
SECURE_COOKIE_NAME = "__Host-mittstod_session"
MAX_BUMP_INTERVAL = 60  # seconds; last_seen_at is written at most this often

_serializer = TaggedJSONSerializer()


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def idle_limit(config) -> timedelta:
    """The idle timeout; SESSION_IDLE_MINUTES may be a float (tests use seconds)."""
    return timedelta(minutes=float(config["SESSION_IDLE_MINUTES"]))


def absolute_limit(config) -> timedelta:
    return timedelta(hours=float(config["SESSION_ABSOLUTE_HOURS"]))


def bump_interval(config) -> timedelta:
    """How stale last_seen_at may get; the idle check allows this much extra,
    so the browser's timer (started at page load) never outlives the server's."""
    return min(timedelta(seconds=MAX_BUMP_INTERVAL), idle_limit(config) / 10)


def owner_of(data) -> str | None:
    if data.get(SESSION_STAFF) is not None:
        return f"staff:{data[SESSION_STAFF]}"
    if data.get(SESSION_CITIZEN) is not None:
        return f"citizen:{data[SESSION_CITIZEN]}"
    return None


class DatabaseSession(CallbackDict, SessionMixin):
    """The session of one request; the flags tell `save_session` what to write."""

    def __init__(self, data=None, token: str | None = None, last_seen: datetime | None = None):
        def on_update(session):
            session.modified = True

        super().__init__(data or {}, on_update)
        self.token = token  # None until the row exists
        self.last_seen = last_seen
        self.modified = False
        self.rotate = False  # new token and row at login
        self.destroy = False  # logout: delete row and cookie
        self.touch = False  # write last_seen_at even if recently written
        self.rotate_timers = False  # an expired row starts a fresh lifetime
        self.expired_owner: str | None = None  # set when this request found it expired
        self.expires_at: datetime | None = None  # the absolute limit, which "Fortsätt" does not move

    @property
    def absolute_seconds_left(self) -> int | None:
        """Seconds until the absolute limit, for the timeout dialog's warning; None if unknown."""
        if self.expires_at is None:
            return None
        return max(0, int((self.expires_at - utcnow()).total_seconds()))

    def regenerate(self) -> None:
        """Start a new session id, keeping only what a login may carry over."""
        kept = {k: self[k] for k in KEPT_ON_LOGIN if k in self}
        self.clear()
        self.update(kept)
        self.rotate = True

    def end(self) -> None:
        """Forget everything now: the row is deleted and the cookie cleared."""
        self.clear()
        self.destroy = True

    def expire(self) -> str | None:
        """Drop the identity but keep what lets the person carry on after a new login."""
        owner = owner_of(self)
        kept = {k: self[k] for k in KEPT_ON_EXPIRY if k in self}
        if owner:
            kept[PREVIOUS_OWNER] = owner
        elif PREVIOUS_OWNER in self:
            kept[PREVIOUS_OWNER] = self[PREVIOUS_OWNER]
        self.clear()
        self.update(kept)
        return owner


class DatabaseSessionInterface(SessionInterface):
    serializer = _serializer

    def get_cookie_name(self, app: Flask) -> str:
        # __Host- makes the browser refuse the cookie unless it is Secure,
        # has path=/ and no Domain: no subdomain can plant or read it.
        return SECURE_COOKIE_NAME if app.config["SESSION_COOKIE_SECURE"] else COOKIE_NAME

    def open_session(self, app: Flask, request: Request) -> DatabaseSession:
        token = request.cookies.get(self.get_cookie_name(app))
        if not token or len(token) > 100 or self._is_static(app, request):
            return DatabaseSession()  # static files never need the session: no read
        engine = app.extensions["db_engine"]
        with engine.connect() as connection:
            row = connection.execute(
                select(WebSession.data, WebSession.last_seen_at, WebSession.expires_at).where(
                    WebSession.token_hash == token_hash(token)
                )
            ).first()
        if row is None:
            return DatabaseSession()
        session = DatabaseSession(self._load(row.data), token, row.last_seen_at)
        session.expires_at = row.expires_at
        now = utcnow()
        idle_deadline = row.last_seen_at + idle_limit(app.config) + bump_interval(app.config)
        if now > row.expires_at or now > idle_deadline:
            session.expired_owner = session.expire()
            session.modified = True
            session.rotate_timers = True
        return session

    def save_session(self, app: Flask, session: DatabaseSession, response: Response) -> None:
        engine = app.extensions["db_engine"]
        name = self.get_cookie_name(app)
        if session.destroy or (session.token and not session and session.modified):
            self._delete(engine, session.token)
            response.delete_cookie(name, path="/", secure=app.config["SESSION_COOKIE_SECURE"],
                                   httponly=True, samesite="Lax")
            return
        if session.rotate or (session.token is None and session):
            self._delete(engine, session.token)
            session.token = secrets.token_urlsafe(32)
            self._insert(app, engine, session)
            self._set_cookie(app, response, session.token)
            return
        if session.token is None:
            return  # an anonymous visitor who stored nothing: no row, no write
        now = utcnow()
        values = {}
        if session.modified:
            values.update(self._columns(session))
        if session.rotate_timers:
            values["expires_at"] = now + absolute_limit(app.config)
        stale = session.last_seen is None or now - session.last_seen >= bump_interval(app.config)
        if session.touch or stale or values:
            values["last_seen_at"] = now
        if values:
            with engine.begin() as connection:
                connection.execute(
                    update(WebSession)
                    .where(WebSession.token_hash == token_hash(session.token))
                    .values(**values)
                )

    # -- helpers ---------------------------------------------------------

    @staticmethod
    def _is_static(app: Flask, request: Request) -> bool:
        return bool(app.static_url_path) and request.path.startswith(app.static_url_path + "/")

    def _load(self, text: str) -> dict:
        try:
            data = self.serializer.loads(text)
        except ValueError:
            return {}
        return data if isinstance(data, dict) else {}

    def _columns(self, session: DatabaseSession) -> dict:
        return {
            "data": self.serializer.dumps(dict(session)),
            "citizen_id": session.get(SESSION_CITIZEN),
            "staff_id": session.get(SESSION_STAFF),
        }

    def _insert(self, app: Flask, engine, session: DatabaseSession) -> None:
        now = utcnow()
        with engine.begin() as connection:
            connection.execute(
                insert(WebSession).values(
                    token_hash=token_hash(session.token),
                    created_at=now,
                    last_seen_at=now,
                    expires_at=now + absolute_limit(app.config),
                    **self._columns(session),
                )
            )

    def _delete(self, engine, token: str | None) -> None:
        if token:
            with engine.begin() as connection:
                connection.execute(
                    delete(WebSession).where(WebSession.token_hash == token_hash(token))
                )

    def _set_cookie(self, app: Flask, response: Response, token: str) -> None:
        # No Expires: the cookie dies with the browser; the server enforces time.
        response.set_cookie(
            self.get_cookie_name(app),
            token,
            path="/",
            domain=None,
            secure=app.config["SESSION_COOKIE_SECURE"],
            httponly=True,
            samesite="Lax",
        )
        response.vary.add("Cookie")


def purge_expired(engine, config) -> int:
    """Delete rows past their absolute lifetime or idle for longer than it; returns count.

    A row that merely passed its idle time is kept a while, so a form posted
    after a long pause still carries a valid CSRF token and can be stashed.
    """
    now = utcnow()
    with engine.begin() as connection:
        result = connection.execute(
            delete(WebSession).where(
                (WebSession.expires_at < now)
                | (WebSession.last_seen_at < now - absolute_limit(config))
            )
        )
    return result.rowcount or 0
