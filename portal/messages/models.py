from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from portal.modelbase import Base, citizen_fk, created_at, free_text, int_pk


class Message(Base):
    __tablename__ = "message"
    __table_args__ = (Index("ix_message_citizen_time", "citizen_id", "created_at"),)

    id: Mapped[int_pk]
    citizen_id: Mapped[int] = citizen_fk(index=False)
    application_id: Mapped[int | None] = mapped_column(
        ForeignKey("application.id", ondelete="SET NULL"), index=True
    )
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"), index=True)
    sender_kind: Mapped[str] = mapped_column(String(20))  # citizen, proxy, staff
    sender_staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    proxy_authority_id: Mapped[int | None] = mapped_column(ForeignKey("proxy_authority.id"))
    body: Mapped[free_text]
    # The sending form's one-time token: the same form sent twice stores one message.
    send_token: Mapped[str | None] = mapped_column(String(64), unique=True)
    created_at: Mapped[created_at]
    read_by_citizen_at: Mapped[datetime | None]
    read_by_staff_at: Mapped[datetime | None]


class Notification(Base):
    """An outbox row: "there is something new in Mitt stöd", never content."""

    __tablename__ = "notification"

    id: Mapped[int_pk]
    citizen_id: Mapped[int] = citizen_fk()
    kind: Mapped[str] = mapped_column(String(30))  # decision, plan, follow_up, message, communication, proxy_acted …
    channel: Mapped[str] = mapped_column(String(20), default="portal")
    created_at: Mapped[created_at]
    sent_at: Mapped[datetime | None]
    read_at: Mapped[datetime | None]
