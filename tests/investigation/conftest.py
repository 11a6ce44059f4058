"""A submitted case, officers to work on it, and an API client for the same unit."""

import os

import pytest

from tests.api.conftest import bearer, make_api_client  # noqa: F401
from tests.fixtures.staff_case import colleague, foreign_officer, make_case, officer  # noqa: F401


@pytest.fixture(autouse=True)
def _raise_errors(app):
    """With PORTAL_TEST_RAISE=1, an unexpected error fails with its traceback (debugging aid)."""
    if os.environ.get("PORTAL_TEST_RAISE"):

        def reraise(error):
            raise error

        app.register_error_handler(Exception, reraise)
