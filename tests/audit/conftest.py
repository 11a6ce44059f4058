"""A whole decided case (person, ombud, handläggare) for counting what one page view logs."""

from tests.fixtures.person_case import make_case, staff_client  # noqa: F401
