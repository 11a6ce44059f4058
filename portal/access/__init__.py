"""The access gate: one place that answers "may this actor do this to that record?"."""

from portal.access.actor import ANONYMOUS, Actor, current_actor  # noqa: F401
from portal.access.gate import Permission, authorize, is_allowed, load_for  # noqa: F401
