"""Who the simulator says the person is: issuer, claims and lifetimes."""

from __future__ import annotations

from flask import current_app, request

from . import keys
from .identities import Person

ACR_LOA3 = "http://id.elegnamnden.se/loa/1.0/loa3"
PNR_CLAIM = "https://id.oidc.se/claim/personalIdentityNumber"
# The Swedish OIDC profile releases the personnummer only under this scope.
PNR_SCOPE = "https://id.oidc.se/scope/naturalPersonNumber"
CODE_LIFETIME = 60
ACCESS_TOKEN_LIFETIME = 300
ID_TOKEN_LIFETIME = 300


def issuer() -> str:
    configured = current_app.config.get("DEVIDP_ISSUER")
    return (configured or request.url_root + "dev-idp").rstrip("/")


def identity_claims(person: Person, scope: str | None) -> dict:
    """The claims of the Swedish OIDC profile the scope asks for (ID token and userinfo).

    Like a real broker: the names under "profile", the personnummer only under
    the profile's own scope, so development finds a missing scope as production would.
    """
    scopes = (scope or "").split()
    claims = {"sub": keys.subject_for(current_app, person.personnummer)}
    if "profile" in scopes:
        claims.update(given_name=person.given_name, family_name=person.family_name,
                      name=person.name, birthdate=person.birthdate)
    if PNR_SCOPE in scopes:
        claims[PNR_CLAIM] = person.personnummer
    return claims
