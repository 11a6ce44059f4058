"""The simulated BankID order: what the app "does", decided by elapsed time.

Real BankID answers a collect call with pending/complete/failed and a hint
code; this module gives the same answers without any app, so the screens can
show the same messages as the real thing.
"""

from __future__ import annotations

import secrets
import time
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import update
from sqlalchemy.orm import Session

from .identities import Person
from .models import BankIdOrder

OUTCOMES = ("complete", "user_cancel", "timeout")
OUTCOME_LABELS = {
    "complete": _l("Lyckas"),
    "user_cancel": _l("Avbryt i appen"),
    "timeout": _l("Ingen svarar (tidsgräns)"),
}
ORDER_LIFETIME = 600  # seconds the waiting page may be reloaded

# Seconds after the start when the app moves on, as a simulated person would.
SIGN_AFTER = 1.0
FINISH_AFTER = 2.0
TIMEOUT_AFTER = 4.0

MESSAGES = {
    "outstanding": _l("Starta BankID-appen."),
    "user_sign": _l("Skriv in din säkerhetskod i BankID-appen."),
    "user_cancel": _l("Åtgärden avbröts. Försök igen."),
    "timeout": _l(
        "BankID-appen svarar inte. Kontrollera att den är startad och att du har "
        "internetanslutning. Försök igen."
    ),
    "complete": _l("Klart. Du skickas vidare."),
}


@dataclass(frozen=True)
class OrderStatus:
    state: str  # "pending", "complete" or "failed"
    hint: str  # key of MESSAGES

    @property
    def message(self) -> str:
        return str(MESSAGES[self.hint])

    @property
    def finished(self) -> bool:
        return self.state != "pending"


def start_order(
    session: Session, request_id: str, person: Person, *, other_device: bool,
    outcome: str, instant: bool,
) -> BankIdOrder:
    now = time.time()
    order = BankIdOrder(
        order_ref=secrets.token_urlsafe(24),
        request_id=request_id,
        personnummer=person.personnummer,
        given_name=person.given_name,
        family_name=person.family_name,
        other_device=other_device,
        outcome=outcome if outcome in OUTCOMES else "complete",
        instant=instant,
        started_at=now,
        cancelled=False,
        collected=False,
        expires_at=now + ORDER_LIFETIME,
    )
    session.add(order)
    return order


def load_order(session: Session, order_ref: str) -> BankIdOrder | None:
    order = session.get(BankIdOrder, order_ref)
    if order is None or order.expires_at < time.time():
        return None
    return order


def order_status(order: BankIdOrder, now: float | None = None) -> OrderStatus:
    if order.cancelled:
        return OrderStatus("failed", "user_cancel")
    elapsed = float("inf") if order.instant else (now or time.time()) - order.started_at
    if order.outcome == "timeout":
        if elapsed < TIMEOUT_AFTER:
            return OrderStatus("pending", "outstanding")
        return OrderStatus("failed", "timeout")
    if elapsed < SIGN_AFTER:
        return OrderStatus("pending", "outstanding")
    if elapsed < FINISH_AFTER:
        return OrderStatus("pending", "user_sign")
    if order.outcome == "user_cancel":
        return OrderStatus("failed", "user_cancel")
    return OrderStatus("complete", "complete")


def claim_completed_order(session: Session, order: BankIdOrder) -> bool:
    """Mark a completed order as collected; only the first caller gets True.

    The poll and the no-JavaScript button may race, possibly in different
    processes, and exactly one of them may issue the authorization code.
    """
    result = session.execute(
        update(BankIdOrder)
        .where(BankIdOrder.order_ref == order.order_ref, BankIdOrder.collected.is_(False))
        .values(collected=True)
    )
    return result.rowcount == 1


def cancel_order(session: Session, order: BankIdOrder) -> None:
    session.execute(
        update(BankIdOrder).where(BankIdOrder.order_ref == order.order_ref).values(cancelled=True)
    )

