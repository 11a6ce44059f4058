"""Integration clients (OAuth 2 client credentials) and their bearer tokens."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from portal.modelbase import Base, created_at, int_pk


class ApiClient(Base):
    """A case-management system allowed to call the API for one unit.

    Only a hash of the secret is kept; the secret is shown once, when made.
    """

    __tablename__ = "api_client"

    id: Mapped[int_pk]
    client_id: Mapped[str] = mapped_column(String(100), unique=True)
    secret_hash: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(200))
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"), index=True)
    scopes: Mapped[list[str]] = mapped_column(JSON, default=list)
    created_at: Mapped[created_at]
    revoked_at: Mapped[datetime | None]


class ApiToken(Base):
    """A short-lived opaque bearer token; stored as a SHA-256 hash only."""

    __tablename__ = "api_token"

    id: Mapped[int_pk]
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    client_pk: Mapped[int] = mapped_column(ForeignKey("api_client.id", ondelete="CASCADE"), index=True)
    scopes: Mapped[list[str]] = mapped_column(JSON, default=list)
    created_at: Mapped[created_at]
    expires_at: Mapped[datetime] = mapped_column(index=True)
