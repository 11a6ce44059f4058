"""The database: one engine per app, one session per request, one commit.

Views and services use `get_session()`. The request commits once in
`after_request` (unless the response is a server error), so an access-log
entry for a refused read is kept too; anything else is rolled back at
teardown.
"""

from __future__ import annotations

from flask import Flask, current_app, g, has_request_context, request
from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 15})

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
    return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=10)


def init_app(app: Flask) -> None:
    engine = make_engine(app.config["DATABASE_URL"])
    app.extensions["db_engine"] = engine
    app.extensions["db_sessionmaker"] = sessionmaker(bind=engine, expire_on_commit=False)

    @app.after_request
    def _commit(response):
        session = request.__dict__.pop(_KEY, None)
        if session is not None:
            try:
                if response.status_code < 500:
                    session.commit()
                else:
                    session.rollback()
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
