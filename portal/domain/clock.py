"""Today's date where the municipality is: Europe/Stockholm, whatever the server's clock zone.

Business dates (a fullmakt's validity, deadlines, follow-up dates) turn at
midnight in Sweden; the server usually runs in UTC, where 00:30 in Stockholm
is still yesterday. Tests move the clock by patching `now`.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def now() -> datetime:
    """The current instant, timezone-aware (UTC)."""
    return datetime.now(UTC)


def today() -> date:
    """The date in Stockholm now."""
    return now().astimezone(STOCKHOLM).date()
