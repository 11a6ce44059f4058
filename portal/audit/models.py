from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from portal.modelbase import Base, utcnow


class AccessLogEntry(Base):
    """One read or write of a person's data. No free text, no personnummer."""

    __tablename__ = "access_log"
    __table_args__ = (
        Index("ix_access_log_subject_time", "subject_citizen_id", "at"),
        Index("ix_access_log_staff_time", "actor_staff_id", "at"),
    )

    # SQLite only auto-increments an INTEGER primary key.
    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    actor_kind: Mapped[str] = mapped_column(String(20))  # citizen, proxy, staff, api, system, anonymous
    actor_citizen_id: Mapped[int | None] = mapped_column(ForeignKey("citizen.id", ondelete="SET NULL"))
    actor_staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id", ondelete="SET NULL"))
    actor_client_id: Mapped[str | None] = mapped_column(String(100))
    actor_unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id", ondelete="SET NULL"))
    proxy_authority_id: Mapped[int | None] = mapped_column(
        ForeignKey("proxy_authority.id", ondelete="SET NULL")
    )
    subject_citizen_id: Mapped[int | None] = mapped_column(ForeignKey("citizen.id", ondelete="SET NULL"))
    action: Mapped[str] = mapped_column(String(20))  # AccessAction
    record_type: Mapped[str] = mapped_column(String(40))
    record_id: Mapped[int | None] = mapped_column(BigInteger)
    # A code from a fixed list (e.g. why a non-assigned officer opened a case).
    reason_code: Mapped[str | None] = mapped_column(String(40))
    outcome: Mapped[str] = mapped_column(String(10), default="ok")  # ok, denied
