"""A decided case of Anna's, her ombud David, and the handläggare Eva, each in their own browser."""

from __future__ import annotations

import pytest

from portal.domain.vocabulary import ProxyScope
from tests.fixtures.person_case import build_case, make_case, staff_client  # noqa: F401


@pytest.fixture
def anna_and_david(db, make_citizen, make_staff, make_proxy_authority):
    """Anna's case (Eva is the handläggare) and David's fullmakt to read beslut for her."""
    anna, david = make_citizen("Anna", "Andersson"), make_citizen("David", "Andersson")
    eva = make_staff("Eva", "Ek", unit_code="norr")
    case = build_case(db, anna, eva)
    case.authority = make_proxy_authority(anna, david, [ProxyScope.READ_DECISIONS])
    case.david = david
    return case


@pytest.fixture
def browser(app):
    """A browser of its own for one person (optionally acting for someone)."""
    from portal.access.actor import SESSION_ACTING_FOR, SESSION_CITIZEN

    def open_for(person, acting_for=None):
        client = app.test_client()
        with client.session_transaction() as session:
            session[SESSION_CITIZEN] = person.id
            if acting_for is not None:
                session[SESSION_ACTING_FOR] = acting_for.id
        return client

    return open_for
