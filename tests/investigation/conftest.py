"""A submitted case and officers to work on it."""

from tests.fixtures.staff_case import colleague, foreign_officer, make_case, officer  # noqa: F401
