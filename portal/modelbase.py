"""Shared column helpers for the models of every capability.

Times are stored as naive UTC on every database so SQLite and PostgreSQL
behave the same; templates convert to Europe/Stockholm when showing them.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from portal.extensions import Base  # noqa: F401 - re-exported for model modules


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


int_pk = Annotated[int, mapped_column(primary_key=True)]
created_at = Annotated[datetime, mapped_column(default=utcnow, nullable=False)]
code = Annotated[str, mapped_column(String(40))]
free_text = Annotated[str, mapped_column(Text, default="", nullable=False)]


def citizen_fk(nullable: bool = False, index: bool = True) -> Mapped[int]:
    return mapped_column(ForeignKey("citizen.id", ondelete="CASCADE"), nullable=nullable, index=index)
