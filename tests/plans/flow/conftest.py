"""A decided case with a published plan, and one browser per person who shares it."""

import pytest

from tests.fixtures.person_case import make_case, staff_client  # noqa: F401


@pytest.fixture
def browser_for(app):
    """Another browser for a citizen or an ombud, so each person keeps their own session."""
    from portal.access.actor import SESSION_ACTING_FOR, SESSION_CITIZEN

    def login(citizen, acting_for=None):
        client = app.test_client()
        with client.session_transaction() as session:
            session[SESSION_CITIZEN] = citizen.id
            if acting_for is not None:
                session[SESSION_ACTING_FOR] = acting_for.id
        return client

    return login
