"""What the current actor may do on the citizen side, for menus and whole pages.

The access gate answers for one record; this answers "is this kind of thing
available at all?" so that menus and pages hide what a fullmakt does not
cover. Both read the same table (`PROXY_SCOPE_FOR`), so they cannot disagree.
"""

from __future__ import annotations

from flask import abort

from portal.access.actor import Actor, current_actor
from portal.access.gate import PROXY_SCOPE_FOR, Permission

# Everything a person acting as themselves may do on the citizen side.
CITIZEN_PERMISSIONS = frozenset(PROXY_SCOPE_FOR) | {Permission.MANAGE_PROXIES}


def actor_may(actor: Actor, permission: Permission) -> bool:
    if actor.kind == "citizen":
        return permission in CITIZEN_PERMISSIONS
    if actor.kind == "proxy":
        required = PROXY_SCOPE_FOR.get(permission)
        return required is not None and required in actor.scopes
    return False


def _permission(name: str | Permission) -> Permission:
    """'READ_MESSAGES', 'message.read' or the enum itself; unknown names raise KeyError."""
    if isinstance(name, Permission):
        return name
    if name in Permission.__members__:
        return Permission[name]
    try:
        return Permission(name)
    except ValueError:
        raise KeyError(name) from None


def can(permission_name: str | Permission) -> bool:
    """Jinja global: may the current actor use this citizen-side permission?"""
    return actor_may(current_actor(), _permission(permission_name))


def require(permission: Permission) -> Actor:
    """For views of whole pages (not one record): 404 when the actor may not."""
    actor = current_actor()
    if not actor_may(actor, permission):
        abort(404)
    return actor
