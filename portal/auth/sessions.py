"""Server-side sessions in the `web_session` table.

The cookie holds only a random 256-bit token; the row is keyed by its
SHA-256, so a copy of the table cannot be replayed as cookies. Any process
that reaches the database can serve any session. See README.md here.

Flask calls `save_session` after the request's own database session has
committed, so this module reads and writes through the engine in short
transactions of its own.

Two requests of one person may run at once (a page and its assets, htmx
polling beside a form). So a request writes back only the keys it changed,
merged into the row as it is now, under the row's lock; a request that
changed nothing writes nothing. Static files never open or save the session,
and a failed request (5xx) keeps no session change. An anonymous visitor who
only needs a CSRF token gets it in a cookie of its own: no row until the
session holds something more (finding 10 of issue 11: no row per GET).
"""

from __future__ import annotations

import hashlib
import re
import secrets
from datetime import datetime, timedelta

from flask import Flask, Request, Response, request
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
# The anonymous visitor's CSRF secret (Flask-WTF's raw token: 40 hex digits).
CSRF_COOKIE_NAME = "mittstod_csrf"
SECURE_CSRF_COOKIE_NAME = "__Host-mittstod_csrf"
CSRF_KEY = "csrf_token"
_RAW_CSRF = re.compile(r"[0-9a-f]{40}")
# app.extensions key of a callable: may this request make a row for a visitor who
# is not logged in? (portal/ratelimit.py: a flood of cookieless requests for
# personal pages must not become a flood of rows.)
NEW_SESSION_GATE = "portal_new_session_gate"
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

    def __init__(self, data=None, token: str | None = None, last_seen: datetime | None = None,
                 original: dict | None = None, frozen: bool = False):
        def on_update(session):
            session.modified = True

        super().__init__(data or {}, on_update)
        # What the row (or the CSRF cookie) held when the request began: a
        # separate copy, so changes inside nested values show up in `changes()`.
        self.original = original if original is not None else dict(data or {})
        self.frozen = frozen  # static files: never written, no cookie
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

    def changes(self) -> tuple[dict, list[str]]:
        """The keys this request set (with their values) and the keys it removed."""
        changed = {k: v for k, v in self.items() if k not in self.original or self.original[k] != v}
        removed = [k for k in self.original if k not in self]
        return changed, removed

    def undo_changes(self) -> None:
        """Back to what the request found, except a CSRF secret it had to make
        for the page it rendered (so the error page's own forms still work)."""
        made = self.get(CSRF_KEY) if CSRF_KEY not in self.original else None
        dict.clear(self)
        dict.update(self, self.original)
        if made:
            dict.__setitem__(self, CSRF_KEY, made)

    def regenerate(self) -> None:
        """Start a new session id, keeping only what a login may carry over."""
        kept = {k: self[k] for k in KEPT_ON_LOGIN if k in self}
        self.clear()
        self.update(kept)
        # A new CSRF secret now, in the new row: the first page after login and
        # its parallel requests then share it instead of each making its own.
        self[CSRF_KEY] = secrets.token_hex(20)
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

    def csrf_cookie_name(self, app: Flask) -> str:
        return SECURE_CSRF_COOKIE_NAME if app.config["SESSION_COOKIE_SECURE"] else CSRF_COOKIE_NAME

    def open_session(self, app: Flask, request: Request) -> DatabaseSession:
        if self._is_static(app, request):
            # Static files (and their 404s) never need the session: no read,
            # no write, and above all no new cookie in place of the person's.
            return DatabaseSession(frozen=True)
        token = request.cookies.get(self.get_cookie_name(app))
        row = None
        if token and len(token) <= 100:
            engine = app.extensions["db_engine"]
            with engine.connect() as connection:
                row = connection.execute(
                    select(WebSession.data, WebSession.last_seen_at, WebSession.expires_at).where(
                        WebSession.token_hash == token_hash(token)
                    )
                ).first()
        if row is None:
            return self._anonymous(app, request)
        session = DatabaseSession(self._load(row.data), token, row.last_seen_at,
                                  original=self._load(row.data))
        session.expires_at = row.expires_at
        now = utcnow()
        idle_deadline = row.last_seen_at + idle_limit(app.config) + bump_interval(app.config)
        if now > row.expires_at or now > idle_deadline:
            session.expired_owner = session.expire()
            session.modified = True
            session.rotate_timers = True
        return session

    def save_session(self, app: Flask, session: DatabaseSession, response: Response) -> None:
        if session.frozen:
            return
        engine = app.extensions["db_engine"]
        name = self.get_cookie_name(app)
        if session.destroy or (session.token and not session and session.original):
            self._delete(engine, session.token)
            self._drop_cookie(app, response, name)
            self._drop_cookie(app, response, self.csrf_cookie_name(app))
            return
        if response.status_code >= 500 and not session.rotate:
            session.undo_changes()  # the request failed and was rolled back: so are its session changes
        if session.rotate or (session.token is None and set(session) - {CSRF_KEY}):
            gate = app.extensions.get(NEW_SESSION_GATE)
            if not session.rotate and gate is not None and not gate():
                return  # too many new rows from this address: the visitor goes without
            self._delete(engine, session.token)
            session.token = secrets.token_urlsafe(32)
            self._insert(app, engine, session)
            self._set_cookie(app, response, name, session.token)
            if request_has_cookie(self.csrf_cookie_name(app)):
                self._drop_cookie(app, response, self.csrf_cookie_name(app))
            return
        if session.token is None:
            # An anonymous visitor: at most a CSRF secret, kept in its own cookie.
            if session.get(CSRF_KEY) and session.get(CSRF_KEY) != session.original.get(CSRF_KEY):
                self._set_cookie(app, response, self.csrf_cookie_name(app), session[CSRF_KEY])
            return
        self._update(app, engine, session)

    def _update(self, app: Flask, engine, session: DatabaseSession) -> None:
        """Merge this request's changes into the row as it is now, under its lock."""
        now = utcnow()
        changed, removed = session.changes()
        timers = {"last_seen_at": now}
        if session.rotate_timers:
            timers["expires_at"] = now + absolute_limit(app.config)
        stale = session.last_seen is None or now - session.last_seen >= bump_interval(app.config)
        if not (changed or removed or session.touch or stale or session.rotate_timers):
            return  # nothing changed and the timestamp is fresh: no write at all
        where = WebSession.token_hash == token_hash(session.token)
        with engine.begin() as connection:
            # The UPDATE first: it takes the row's lock (PostgreSQL) or the
            # database's write lock (SQLite), so the read below is current.
            found = connection.execute(update(WebSession).where(where).values(**timers)).rowcount
            if not found or not (changed or removed):
                return  # logged out meanwhile, or only the timestamp to write
            text = connection.execute(select(WebSession.data).where(where)).scalar_one()
            stored = self._load(text)
            stored.update(changed)
            for key in removed:
                stored.pop(key, None)
            connection.execute(update(WebSession).where(where).values(**self._columns(stored)))

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

    def _anonymous(self, app: Flask, request: Request) -> DatabaseSession:
        """No row: the visitor's CSRF secret, if their cookie holds a well-formed one."""
        raw = request.cookies.get(self.csrf_cookie_name(app), "")
        return DatabaseSession({CSRF_KEY: raw} if _RAW_CSRF.fullmatch(raw) else None)

    def _columns(self, session) -> dict:
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

    @staticmethod
    def _drop_cookie(app: Flask, response: Response, name: str) -> None:
        response.delete_cookie(name, path="/", secure=app.config["SESSION_COOKIE_SECURE"],
                               httponly=True, samesite="Lax")

    def _set_cookie(self, app: Flask, response: Response, name: str, token: str) -> None:
        # No Expires: the cookie dies with the browser; the server enforces time.
        response.set_cookie(
            name,
            token,
            path="/",
            domain=None,
            secure=app.config["SESSION_COOKIE_SECURE"],
            httponly=True,
            samesite="Lax",
        )
        response.vary.add("Cookie")


def request_has_cookie(name: str) -> bool:
    return name in request.cookies


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
