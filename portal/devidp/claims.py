"""Who the simulator says the person is: issuer, claims and lifetimes."""

from __future__ import annotations

from flask import current_app, request

from . import keys
from .identities import Person

ACR_LOA3 = "http://id.elegnamnden.se/loa/1.0/loa3"
PNR_CLAIM = "https://id.oidc.se/claim/personalIdentityNumber"
CODE_LIFETIME = 60
ACCESS_TOKEN_LIFETIME = 300
ID_TOKEN_LIFETIME = 300


def issuer() -> str:
    configured = current_app.config.get("DEVIDP_ISSUER")
    return (configured or request.url_root + "dev-idp").rstrip("/")


def identity_claims(person: Person) -> dict:
    """The claims of the Swedish OIDC profile, for the ID token and userinfo."""
    return {
        "sub": keys.subject_for(current_app, person.personnummer),
        PNR_CLAIM: person.personnummer,
        "given_name": person.given_name,
        "family_name": person.family_name,
        "name": person.name,
        "birthdate": person.birthdate,
    }
