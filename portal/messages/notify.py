"""Telling a person that something new is waiting in Mitt stöd, never what.

A notification is a row in the outbox (`Notification`) plus a call to the
configured sender. The sender gets only the channel address and a fixed
sentence, so no content can leak into an e-mail or SMS. Development and
tests use `LogSender`, which writes one line to the log (the person's
internal id and the kind; no name, no number, no text).
"""

from __future__ import annotations

import logging

from flask import current_app

from portal.db import get_session
from portal.messages.models import Notification
from portal.modelbase import utcnow
from portal.people.models import Citizen

log = logging.getLogger("portal.notify")

# The only text a notification ever carries.
NOTICE_TEXT = "Det finns något nytt för dig i Mitt stöd. Logga in för att läsa."


class LogSender:
    """Writes the notice to the log instead of sending it (development, tests)."""

    channel = "log"

    def send(self, citizen: Citizen, kind: str, text: str) -> None:
        log.info("notification kind=%s citizen=%s", kind, citizen.id)


def _sender():
    # An e-mail or SMS sender is any object with `channel` and `send(citizen, kind, text)`,
    # put in app.extensions["notification_sender"] by the deployment.
    return current_app.extensions.get("notification_sender") or LogSender()


def notify_citizen(citizen_id: int, kind: str) -> Notification:
    """Queue and send "something new" to a person; the request commits the outbox row."""
    sender = _sender()
    notification = Notification(citizen_id=citizen_id, kind=kind, channel=sender.channel)
    db = get_session()
    db.add(notification)
    citizen = db.get(Citizen, citizen_id)
    if citizen is not None:
        sender.send(citizen, kind, NOTICE_TEXT)
        notification.sent_at = utcnow()
    db.flush()
    return notification
