"""Storage of the simulated provider: its own engine, base and tables.

Kept apart from the portal's database and migrations on purpose: the
simulator only exists in development and tests and may be thrown away at any
time. Everything that must survive between requests lives here, so several
worker processes can serve one login.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Iterator
from contextlib import contextmanager

from flask import Flask, current_app
from sqlalchemy import Boolean, Float, String, Text, create_engine, delete
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, sessionmaker
from sqlalchemy.pool import StaticPool

EXTENSION_KEY = "devidp"


class DevIdpBase(DeclarativeBase):
    pass


class PendingAuthorization(DevIdpBase):
    """A validated authorization request waiting for the person to log in."""

    __tablename__ = "devidp_pending_requests"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    client_id: Mapped[str] = mapped_column(String(200))
    params_json: Mapped[str] = mapped_column(Text)
    expires_at: Mapped[float] = mapped_column(Float, index=True)


class BankIdOrder(DevIdpBase):
    """One simulated BankID identification, progressing by time."""

    __tablename__ = "devidp_bankid_orders"

    order_ref: Mapped[str] = mapped_column(String(64), primary_key=True)
    request_id: Mapped[str] = mapped_column(String(64), index=True)
    personnummer: Mapped[str] = mapped_column(String(12))
    given_name: Mapped[str] = mapped_column(String(100))
    family_name: Mapped[str] = mapped_column(String(100))
    other_device: Mapped[bool] = mapped_column(Boolean, default=False)
    outcome: Mapped[str] = mapped_column(String(20))  # see orders.OUTCOMES
    instant: Mapped[bool] = mapped_column(Boolean, default=False)
    started_at: Mapped[float] = mapped_column(Float)
    cancelled: Mapped[bool] = mapped_column(Boolean, default=False)
    collected: Mapped[bool] = mapped_column(Boolean, default=False)
    expires_at: Mapped[float] = mapped_column(Float, index=True)


class AuthorizationCode(DevIdpBase):
    """A single-use code. Only its SHA-256 digest is stored."""

    __tablename__ = "devidp_authorization_codes"

    code_digest: Mapped[str] = mapped_column(String(64), primary_key=True)
    client_id: Mapped[str] = mapped_column(String(200))
    redirect_uri: Mapped[str] = mapped_column(Text)
    scope: Mapped[str] = mapped_column(Text)
    nonce: Mapped[str | None] = mapped_column(Text, nullable=True)
    code_challenge: Mapped[str | None] = mapped_column(String(128), nullable=True)
    code_challenge_method: Mapped[str | None] = mapped_column(String(10), nullable=True)
    personnummer: Mapped[str] = mapped_column(String(12))
    given_name: Mapped[str] = mapped_column(String(100))
    family_name: Mapped[str] = mapped_column(String(100))
    auth_time: Mapped[int] = mapped_column()
    expires_at: Mapped[float] = mapped_column(Float, index=True)
    used: Mapped[bool] = mapped_column(Boolean, default=False)


class AccessToken(DevIdpBase):
    """A bearer token for the userinfo endpoint. Only its digest is stored."""

    __tablename__ = "devidp_access_tokens"

    token_digest: Mapped[str] = mapped_column(String(64), primary_key=True)
    client_id: Mapped[str] = mapped_column(String(200))
    scope: Mapped[str] = mapped_column(Text)
    subject: Mapped[str] = mapped_column(String(64), index=True)
    code_digest: Mapped[str] = mapped_column(String(64), index=True)
    personnummer: Mapped[str] = mapped_column(String(12))
    given_name: Mapped[str] = mapped_column(String(100))
    family_name: Mapped[str] = mapped_column(String(100))
    issued_at: Mapped[float] = mapped_column(Float)
    expires_at: Mapped[float] = mapped_column(Float, index=True)


class UsedClientAssertion(DevIdpBase):
    """`jti` values of private_key_jwt assertions, so none is used twice."""

    __tablename__ = "devidp_used_assertions"

    jti_digest: Mapped[str] = mapped_column(String(64), primary_key=True)
    expires_at: Mapped[float] = mapped_column(Float, index=True)


def digest(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


def init_storage(app: Flask) -> None:
    default_url = f"sqlite:///{app.instance_path}/devidp.sqlite"
    url = app.config.get("DEVIDP_DATABASE_URL") or default_url
    options: dict = {}
    if url in ("sqlite://", "sqlite:///:memory:"):
        # One shared connection, or every connection would get an empty database.
        options = {"poolclass": StaticPool, "connect_args": {"check_same_thread": False}}
    engine = create_engine(url, hide_parameters=True, **options)
    DevIdpBase.metadata.create_all(engine)
    state = app.extensions.setdefault(EXTENSION_KEY, {})
    state["engine"] = engine
    state["sessionmaker"] = sessionmaker(engine, expire_on_commit=False)


@contextmanager
def session_scope() -> Iterator[Session]:
    """A short transaction: commits when the block ends, rolls back on error."""
    factory = current_app.extensions[EXTENSION_KEY]["sessionmaker"]
    with factory() as session, session.begin():
        yield session


def purge_expired(session: Session, now: float | None = None) -> None:
    """Remove rows nobody can use any more, so the tables stay small."""
    now = now or time.time()
    for model in (PendingAuthorization, BankIdOrder, AuthorizationCode,
                  AccessToken, UsedClientAssertion):
        session.execute(delete(model).where(model.expires_at < now))
