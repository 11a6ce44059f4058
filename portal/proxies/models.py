"""Ombud: fullmakt given by the person, god man and förvaltare from court."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Date, ForeignKey, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.modelbase import Base, citizen_fk, created_at, int_pk
from portal.people.models import Citizen, StaffUser


class ProxyAuthority(Base):
    """The authority one person has to act for another, and its limits."""

    __tablename__ = "proxy_authority"

    id: Mapped[int_pk]
    citizen_id: Mapped[int] = citizen_fk()  # the person represented
    proxy_id: Mapped[int] = citizen_fk()  # the närstående / god man / förvaltare
    kind: Mapped[str] = mapped_column(String(30))  # ProxyKind
    scopes: Mapped[list[str]] = mapped_column(JSON, default=list)  # ProxyScope values
    # requested (ombud asked), active, declined; awaiting_confirmation (god man / förvaltare
    # registered by one handläggare, in force only when a second one confirms)
    status: Mapped[str] = mapped_column(String(30), default="active")
    valid_from: Mapped[date] = mapped_column(Date)
    valid_to: Mapped[date | None] = mapped_column(Date)
    revoked_at: Mapped[datetime | None]
    ended_by: Mapped[str | None] = mapped_column(String(20))  # citizen, proxy, staff
    registered_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    court_reference: Mapped[str | None] = mapped_column(String(100))
    confirmed_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    # The name the person who started it typed for the other one. Shown to them (and
    # labelled as theirs) until the other person has said yes, never the stored name.
    named_as: Mapped[str | None] = mapped_column(String(201))
    named_by_id: Mapped[int | None] = citizen_fk(nullable=True, index=False)
    created_at: Mapped[created_at]

    # No schema change: plain many-to-one links for showing names.
    citizen: Mapped[Citizen] = relationship(foreign_keys=[citizen_id])
    proxy: Mapped[Citizen] = relationship(foreign_keys=[proxy_id])
    registered_by: Mapped[StaffUser | None] = relationship(foreign_keys=[registered_by_id])


class ProxyInvitation(Base):
    """A fullmakt given or asked for, waiting for the other person to log in.

    No person is looked up or created for it: the other person is only a
    personnummer, kept the way portal/people keeps numbers (a keyed hash to
    match at their login, AES-GCM to show it to the sender), and the name the
    sender typed. When that person logs in, the link is made (a ProxyAuthority).
    """

    __tablename__ = "proxy_invitation"

    id: Mapped[int_pk]
    sender_id: Mapped[int] = citizen_fk()
    direction: Mapped[str] = mapped_column(String(10))  # give (sender gives) or ask (sender asks)
    invitee_pnr_hash: Mapped[str] = mapped_column(String(64), index=True)
    invitee_pnr_encrypted: Mapped[bytes] = mapped_column(LargeBinary)
    typed_given_name: Mapped[str] = mapped_column(String(100))
    typed_family_name: Mapped[str] = mapped_column(String(100))
    scopes: Mapped[list[str]] = mapped_column(JSON, default=list)
    valid_from: Mapped[date] = mapped_column(Date)
    valid_to: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20), default="waiting")  # waiting, withdrawn, linked
    authority_id: Mapped[int | None] = mapped_column(ForeignKey("proxy_authority.id", ondelete="SET NULL"))
    created_at: Mapped[created_at]
    ended_at: Mapped[datetime | None]

    @property
    def typed_name(self) -> str:
        return f"{self.typed_given_name} {self.typed_family_name}"
