"""A decided case of Anna's, her ombud David, and the handläggare Eva, each in their own browser."""

from tests.fixtures.person_case import anna_and_david, make_case, staff_client  # noqa: F401
from tests.fixtures.person_case import citizen_client as browser  # noqa: F401
