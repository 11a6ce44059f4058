"""A submitted case (for kommunicering) and a decided case (for appeals), with separate browsers per person."""

from tests.fixtures.person_case import make_case as decided_case  # noqa: F401
from tests.fixtures.person_case import staff_client  # noqa: F401
from tests.fixtures.staff_case import colleague, foreign_officer, make_case, officer  # noqa: F401
