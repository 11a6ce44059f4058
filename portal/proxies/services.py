"""Rules for when a proxy's authority is in force."""

from __future__ import annotations

from datetime import date

from portal.proxies.models import ProxyAuthority


def authority_is_active(authority: ProxyAuthority, today: date | None = None) -> bool:
    today = today or date.today()
    if authority.status != "active" or authority.revoked_at is not None:
        return False
    if authority.valid_from > today:
        return False
    return authority.valid_to is None or today <= authority.valid_to
