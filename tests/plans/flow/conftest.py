"""A decided case with a published plan, and one browser per person who shares it."""

from tests.fixtures.person_case import citizen_client as browser_for  # noqa: F401
from tests.fixtures.person_case import make_case, staff_client  # noqa: F401
