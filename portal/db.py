"""The database: one engine per app, one session per request, one commit.

Views and services use `get_session()`. The request commits once in
`after_request` (unless the response is a server error), so an access-log
entry for a refused read is kept too; anything else is rolled back at
teardown.
"""

from __future__ import annotations

from flask import Flask, current_app, g, has_request_context, request
from sqlalchemy import String, create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from portal.validation import ValidationFailed, oversized


def make_engine(url: str, **options) -> Engine:
    """An engine whose errors never carry the statement's parameters.

    SQLAlchemy puts the bound values (what a person typed) into the text of
    every database error, and tracebacks end up in the server log.
    """
    options.setdefault("hide_parameters", True)
    if url.startswith("sqlite"):
        connect_args = {"check_same_thread": False, "timeout": 15}
        engine = create_engine(url, connect_args=connect_args, **options)

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_connection, _record):  # pragma: no cover - driver hook
            cursor = dbapi_connection.cursor()
            # WAL lets readers go on while one writer writes; foreign keys
            # are off by default in SQLite.
            if ":memory:" not in url and url not in {"sqlite://", "sqlite:///"}:
                cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA busy_timeout=15000")
            cursor.close()

        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=10, **options)


def refuse_oversized_text(session: Session, _context, _instances) -> None:
    """The last line behind the forms' own checks: no text longer than its column allows
    (MAX_TEXT for free text) is stored, on SQLite (which ignores lengths) as on PostgreSQL."""
    for record in (*session.new, *session.dirty):
        texts = {column.key: (getattr(record, column.key, None), column.type.length)
                 for column in record.__table__.columns if isinstance(column.type, String)}  # fmt: skip
        if too_long := oversized(texts):
            raise ValidationFailed(dict.fromkeys(too_long, "too_long"))


def init_app(app: Flask) -> None:
    engine = make_engine(app.config["DATABASE_URL"])
    app.extensions["db_engine"] = engine
    factory = sessionmaker(bind=engine, expire_on_commit=False)
    event.listen(factory, "before_flush", refuse_oversized_text)
    app.extensions["db_sessionmaker"] = factory

    @app.after_request
    def _commit(response):
        session = request.__dict__.pop(_KEY, None)
        if session is None:
            return response
        try:
            if response.status_code < 500:
                session.commit()
            else:
                session.rollback()
        except (SQLAlchemyError, ValidationFailed) as error:
            # A failed commit is answered like any other unexpected error:
            # the 500 page, and a log line that names only the error's type.
            _discard(session)
            return app.make_response(app.handle_user_exception(error))
        finally:
            session.close()
        return response

    @app.teardown_request
    def _close_request(_exc):
        _discard(request.__dict__.pop(_KEY, None))

    @app.teardown_appcontext
    def _close(_exc):
        _discard(g.pop(_KEY, None))


def _discard(session: Session | None) -> None:
    if session is not None:
        session.rollback()
        session.close()


def discard_request_session(only_if_broken: bool = False) -> None:
    """Roll back and forget this request's session (before an error page is shown).

    With `only_if_broken`, a healthy session is kept, so a refused read's
    access-log entry is still committed with a 403/404 answer.
    """
    if not has_request_context():
        return
    session = request.__dict__.get(_KEY)
    if session is None or (only_if_broken and session.is_active):
        return
    _discard(request.__dict__.pop(_KEY))


def finish_request_transaction() -> None:
    """Commit and close this request's session now, before slow work that needs no database.

    Whatever the request reads or writes later starts a new session, which
    the request commits as usual.
    """
    if not has_request_context():
        return
    session = request.__dict__.pop(_KEY, None)
    if session is not None:
        try:
            session.commit()
        finally:
            session.close()


def get_engine() -> Engine:
    return current_app.extensions["db_engine"]


_KEY = "_portal_db_session"


def get_session() -> Session:
    """The session of this request, or of the app context outside requests
    (CLI commands, tests), created on first use.

    It lives on the request, not on `g`, because an app context can outlive
    one request (in tests it spans many) and each request must start clean.
    """
    holder = request.__dict__ if has_request_context() else g.__dict__
    if _KEY not in holder:
        holder[_KEY] = current_app.extensions["db_sessionmaker"]()
    return holder[_KEY]
