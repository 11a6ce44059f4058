"""The application's life cycle and the moves allowed between states."""

from enum import StrEnum


class ApplicationStatus(StrEnum):
    DRAFT = "draft"  # only the person (or ombud) sees it
    SUBMITTED = "submitted"  # sent; staff can see it
    RECEIVED = "received"  # aktualiserad by a handläggare
    INVESTIGATING = "investigating"  # utreds
    DECIDED = "decided"  # beslut published
    WITHDRAWN = "withdrawn"  # the person took it back
    CLOSED = "closed"  # archived after decision and follow-up


_ALLOWED: dict[ApplicationStatus, frozenset[ApplicationStatus]] = {
    ApplicationStatus.DRAFT: frozenset(
        {ApplicationStatus.SUBMITTED, ApplicationStatus.WITHDRAWN}
    ),
    ApplicationStatus.SUBMITTED: frozenset(
        {ApplicationStatus.RECEIVED, ApplicationStatus.WITHDRAWN}
    ),
    ApplicationStatus.RECEIVED: frozenset(
        {
            ApplicationStatus.INVESTIGATING,
            ApplicationStatus.DECIDED,
            ApplicationStatus.WITHDRAWN,
        }
    ),
    ApplicationStatus.INVESTIGATING: frozenset(
        {ApplicationStatus.DECIDED, ApplicationStatus.WITHDRAWN}
    ),
    ApplicationStatus.DECIDED: frozenset({ApplicationStatus.CLOSED}),
    ApplicationStatus.WITHDRAWN: frozenset(),
    ApplicationStatus.CLOSED: frozenset(),
}

VISIBLE_TO_STAFF = frozenset(set(ApplicationStatus) - {ApplicationStatus.DRAFT})


class InvalidTransition(ValueError):
    """Raised when a move between two states is not allowed."""


def can_transition(current: ApplicationStatus, target: ApplicationStatus) -> bool:
    return target in _ALLOWED[current]


def transition(current: ApplicationStatus, target: ApplicationStatus) -> ApplicationStatus:
    """Return `target` if the move is allowed, else raise InvalidTransition."""
    if not can_transition(current, target):
        raise InvalidTransition(f"{current.value} -> {target.value}")
    return target


def allowed_targets(current: ApplicationStatus) -> frozenset[ApplicationStatus]:
    return _ALLOWED[current]
