"""The handläggare's side of uppföljning, on a whole decided case."""

from tests.fixtures.person_case import make_case, staff_client  # noqa: F401
