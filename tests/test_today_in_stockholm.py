"""Business dates turn at midnight in Stockholm, not at midnight UTC on the server.

At 23:30 UTC it is already the next day in Sweden (00:30, or 01:30 in summer):
a fullmakt that starts "today" works, and a deadline counts from the Swedish date.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest

from portal.decisions.communication import ANSWER_DAYS, default_answer_by
from portal.domain import clock
from portal.domain.vocabulary import ProxyScope


def _at(moment: datetime, monkeypatch) -> None:
    monkeypatch.setattr(clock, "now", lambda: moment)


@pytest.mark.parametrize(
    ("utc", "swedish_date"),
    [
        (datetime(2026, 12, 3, 23, 30, tzinfo=UTC), date(2026, 12, 4)),  # winter: UTC+1
        (datetime(2026, 6, 30, 22, 30, tzinfo=UTC), date(2026, 7, 1)),  # summer: UTC+2
        (datetime(2026, 12, 3, 22, 59, tzinfo=UTC), date(2026, 12, 3)),
    ],
)
def test_today_is_the_date_in_stockholm(utc, swedish_date, monkeypatch):
    _at(utc, monkeypatch)
    assert clock.today() == swedish_date


def test_a_deadline_counts_from_the_swedish_date(monkeypatch):
    _at(datetime(2026, 12, 3, 23, 30, tzinfo=UTC), monkeypatch)
    assert default_answer_by() == date(2026, 12, 4) + timedelta(days=ANSWER_DAYS)


def test_a_fullmakt_from_today_works_just_after_midnight_in_sweden(
    client, login_as, make_citizen, make_proxy_authority, monkeypatch
):
    # The server's own date (UTC) is still "yesterday": the fullmakt starts tomorrow by it.
    server_date = datetime.now(UTC).date()
    _at(datetime.combine(server_date, time(23, 30), tzinfo=UTC), monkeypatch)
    anna, david = make_citizen("Anna", "Andersson"), make_citizen("David", "Andersson")
    swedish_today = server_date + timedelta(days=1)
    authority = make_proxy_authority(anna, david, [ProxyScope.READ_DECISIONS], valid_from=swedish_today,
                                     valid_to=swedish_today + timedelta(days=30))  # fmt: skip
    login_as(david, acting_for=authority)
    page = client.get("/mitt-stod").get_data(as_text=True)
    assert "Du agerar för Anna Andersson" in page
