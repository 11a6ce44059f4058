"""Ombud: fullmakt given by the person, god man and förvaltare from court."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Date, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.modelbase import Base, citizen_fk, created_at, int_pk
from portal.people.models import Citizen


class ProxyAuthority(Base):
    """The authority one person has to act for another, and its limits."""

    __tablename__ = "proxy_authority"

    id: Mapped[int_pk]
    citizen_id: Mapped[int] = citizen_fk()  # the person represented
    proxy_id: Mapped[int] = citizen_fk()  # the närstående / god man / förvaltare
    kind: Mapped[str] = mapped_column(String(30))  # ProxyKind
    scopes: Mapped[list[str]] = mapped_column(JSON, default=list)  # ProxyScope values
    # requested (ombud asked), active, declined
    status: Mapped[str] = mapped_column(String(20), default="active")
    valid_from: Mapped[date] = mapped_column(Date)
    valid_to: Mapped[date | None] = mapped_column(Date)
    revoked_at: Mapped[datetime | None]
    ended_by: Mapped[str | None] = mapped_column(String(20))  # citizen, proxy, staff
    registered_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    court_reference: Mapped[str | None] = mapped_column(String(100))
    created_at: Mapped[created_at]

    # No schema change: plain many-to-one links for showing names.
    citizen: Mapped[Citizen] = relationship(foreign_keys=[citizen_id])
    proxy: Mapped[Citizen] = relationship(foreign_keys=[proxy_id])
