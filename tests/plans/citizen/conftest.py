"""The person's side of a decided case."""

from tests.fixtures.person_case import make_case, staff_client  # noqa: F401
