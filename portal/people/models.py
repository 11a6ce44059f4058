from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, ForeignKey, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.modelbase import Base, created_at, int_pk


class Unit(Base):
    """An organisational unit: a handläggar group or a provider."""

    __tablename__ = "unit"

    id: Mapped[int_pk]
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(20), default="case_management")


class Citizen(Base):
    """A person who logs in with e-legitimation: a brukare or a närstående.

    The personnummer is kept twice: a keyed hash to look a person up, and an
    encrypted value to show it to staff. Neither is readable in a dump.
    """

    __tablename__ = "citizen"

    id: Mapped[int_pk]
    pnr_hash: Mapped[str] = mapped_column(String(64), unique=True)
    pnr_encrypted: Mapped[bytes] = mapped_column(LargeBinary)
    given_name: Mapped[str] = mapped_column(String(100))
    family_name: Mapped[str] = mapped_column(String(100))
    birth_date: Mapped[date] = mapped_column(Date)
    # Grouping facts for ISU statistics; unknown until someone records them.
    gender: Mapped[str | None] = mapped_column(String(20))
    lives_alone: Mapped[bool | None] = mapped_column(Boolean)
    area_type: Mapped[str | None] = mapped_column(String(20))
    protected_identity: Mapped[bool] = mapped_column(Boolean, default=False)
    home_unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"))
    email: Mapped[str | None] = mapped_column(String(200))
    phone: Mapped[str | None] = mapped_column(String(40))
    created_at: Mapped[created_at]
    last_login_at: Mapped[datetime | None]

    home_unit: Mapped[Unit | None] = relationship()

    @property
    def name(self) -> str:
        return f"{self.given_name} {self.family_name}"


class StaffUser(Base):
    __tablename__ = "staff_user"

    id: Mapped[int_pk]
    pnr_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    oidc_subject: Mapped[str | None] = mapped_column(String(200), unique=True)
    given_name: Mapped[str] = mapped_column(String(100))
    family_name: Mapped[str] = mapped_column(String(100))
    role: Mapped[str] = mapped_column(String(20))
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"), index=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[created_at]
    last_login_at: Mapped[datetime | None]

    unit: Mapped[Unit] = relationship()

    @property
    def name(self) -> str:
        return f"{self.given_name} {self.family_name}"
