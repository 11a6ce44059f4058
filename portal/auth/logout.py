"""RP-initiated logout (OpenID Connect RP-Initiated Logout 1.0) to a provider anywhere.

The portal ends its own session first, so "Du är utloggad" is true even if
the provider never answers. Then the browser goes to the provider's
end-session endpoint through a form on the portal's own page, whose CSP
allows exactly the provider's origin in `form-action` (a redirect from the
portal's logout POST would be blocked by `form-action 'self'`).

The ID token carries the personnummer, so it never goes into a URL:
- "get" (default): `client_id` and `post_logout_redirect_uri` only. A top-level
  GET navigation carries the provider's own cookies whatever their SameSite
  setting, so the provider knows which of its sessions to end.
- "post": the same plus `id_token_hint`, in the form body, for providers that
  want the hint. A provider on another site only gets a SameSite=None cookie
  with a cross-site POST; choose it only for such a provider.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlsplit, urlunsplit

from portal.auth import oidc
from portal.auth.tokens import LoginRefused

# Scheme, host and port only: the origin goes into a CSP header as it is.
_ORIGIN = re.compile(r"^https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?$")


@dataclass(frozen=True)
class EndSession:
    """Where the browser goes to end the provider's session, and with what."""

    action: str
    method: str
    fields: tuple[tuple[str, str], ...]
    origin: str


def end_session(kind: str | None, id_token: str | None) -> EndSession | None:
    """The provider's end-session request, or None if it has no usable endpoint."""
    if kind not in (oidc.CITIZEN, oidc.STAFF):
        return None
    provider = oidc.provider_for(kind)
    try:
        endpoint = oidc.metadata(provider).get("end_session_endpoint")
        if not isinstance(endpoint, str):
            return None
        oidc.check_transport(endpoint)
    except LoginRefused:
        return None
    parts = urlsplit(endpoint)
    origin = f"{parts.scheme}://{parts.netloc}"
    if not _ORIGIN.match(origin) or parts.fragment:
        return None
    fields = [("client_id", provider.client_id),
              ("post_logout_redirect_uri", oidc.public_url() + "utloggad")]
    if provider.logout_method == "post" and id_token:
        fields.append(("id_token_hint", id_token))
    if provider.logout_method == "get":
        # A GET form replaces the action's query, so the endpoint's own goes in as fields.
        fields = parse_qsl(parts.query, keep_blank_values=True) + fields
        endpoint = urlunsplit(parts._replace(query=""))
    return EndSession(endpoint, provider.logout_method, tuple(fields), origin)
