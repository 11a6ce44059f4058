"""The OpenID provider metadata served at /dev-idp/.well-known/openid-configuration."""

from __future__ import annotations

from .claims import ACR_LOA3, PNR_CLAIM, issuer
from .clients import AUTH_METHODS, SUPPORTED_SCOPES


def provider_metadata() -> dict:
    base = issuer()
    return {
        "issuer": base,
        "authorization_endpoint": f"{base}/authorize",
        "token_endpoint": f"{base}/token",
        "userinfo_endpoint": f"{base}/userinfo",
        "jwks_uri": f"{base}/jwks",
        "end_session_endpoint": f"{base}/logout",
        "scopes_supported": list(SUPPORTED_SCOPES),
        "response_types_supported": ["code"],
        "response_modes_supported": ["query"],
        "authorization_response_iss_parameter_supported": True,
        "grant_types_supported": ["authorization_code"],
        "subject_types_supported": ["public"],
        "id_token_signing_alg_values_supported": ["RS256"],
        "token_endpoint_auth_methods_supported": list(AUTH_METHODS),
        "token_endpoint_auth_signing_alg_values_supported": ["RS256", "ES256"],
        "code_challenge_methods_supported": ["S256"],
        "acr_values_supported": [ACR_LOA3],
        "claims_supported": [
            "sub", "iss", "aud", "exp", "iat", "auth_time", "nonce", "acr",
            PNR_CLAIM, "given_name", "family_name", "name", "birthdate",
        ],
        "ui_locales_supported": ["sv"],
        "claims_parameter_supported": False,
        "request_parameter_supported": False,
    }
