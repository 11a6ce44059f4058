"""ID-token validation by the portal's own rules (OpenID Connect Core 3.1.3.7).

joserfc only checks the signature, with an algorithm and a key this module
chose. Every claim check is written out here, so no library default decides
who gets in. Each refusal carries a short reason code for the access log;
neither the token nor any claim value ever goes into the exception.
"""

from __future__ import annotations

import base64
import hmac
import json
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from joserfc import jws
from joserfc.errors import JoseError
from joserfc.jwk import ECKey, RSAKey

# The portal's own allow-list. Never "none", never HS* (a client secret is
# not a signing key the provider should hold for ID tokens).
ALLOWED_ALGORITHMS = {"RS256": "RSA", "PS256": "RSA", "ES256": "EC"}
LEEWAY = 60  # seconds of clock difference accepted for exp and iat
MAX_AGE = 600  # an ID token issued longer ago than this is not accepted
PNR_CLAIM = "https://id.oidc.se/claim/personalIdentityNumber"


class LoginRefused(Exception):
    """The login must not go on; `reason` is a code for the access log."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Expected:
    """What the token must say, decided by the portal before it arrives."""

    issuer: str
    client_id: str
    nonce: str
    accepted_acr: tuple[str, ...]


# Finds the provider's public keys: (kid, refresh) -> keys. `refresh` asks for
# a fresh JWKS, which is how a key rotation at the provider is picked up.
KeyLookup = Callable[[str | None, bool], Iterable[RSAKey | ECKey]]


def validate_id_token(raw: str, expected: Expected, keys: KeyLookup, now: float | None = None):
    """Return the claims of a valid ID token; raise LoginRefused otherwise."""
    now = time.time() if now is None else now
    header = _header(raw)
    algorithm = header.get("alg")
    if algorithm not in ALLOWED_ALGORITHMS:
        raise LoginRefused("bad_algorithm")
    claims = _verified_claims(raw, header, keys)
    _check_issuer(claims, expected)
    _check_audience(claims, expected)
    _check_times(claims, now)
    _check_nonce(claims, expected)
    _check_acr(claims, expected)
    if not isinstance(claims.get("sub"), str) or not claims["sub"]:
        raise LoginRefused("missing_sub")
    return claims


def _b64decode(part: str) -> bytes:
    return base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))


def _header(raw: str) -> dict:
    parts = raw.split(".") if isinstance(raw, str) else []
    if len(parts) != 3:
        raise LoginRefused("malformed_token")
    try:
        header = json.loads(_b64decode(parts[0]))
    except ValueError:
        raise LoginRefused("malformed_token") from None
    if not isinstance(header, dict):
        raise LoginRefused("malformed_token")
    return header


def _usable(key, algorithm: str) -> bool:
    """The key's type fits the algorithm, and its own `alg` (if any) agrees."""
    if key.key_type != ALLOWED_ALGORITHMS[algorithm]:
        return False
    if algorithm == "ES256" and key.as_dict(private=False).get("crv") != "P-256":
        return False
    key_alg = key.get("alg")
    return key_alg in (None, algorithm) and key.get("use") in (None, "sig")


def _candidates(header: dict, keys: KeyLookup) -> list:
    kid = header.get("kid")
    for refresh in (False, True):
        found = [k for k in keys(kid, refresh) if _usable(k, header["alg"])]
        if kid is not None:
            found = [k for k in found if k.kid == kid]
        if found:
            return found
    raise LoginRefused("unknown_key")


def _verified_claims(raw: str, header: dict, keys: KeyLookup) -> dict:
    candidates = _candidates(header, keys)
    if header.get("kid") is None and len(candidates) != 1:
        # Without a kid the provider must publish exactly one suitable key.
        raise LoginRefused("unknown_key")
    try:
        payload = jws.deserialize_compact(raw, candidates[0], algorithms=[header["alg"]]).payload
    except JoseError:
        raise LoginRefused("bad_signature") from None
    try:
        claims = json.loads(payload)
    except ValueError:
        raise LoginRefused("malformed_token") from None
    if not isinstance(claims, dict):
        raise LoginRefused("malformed_token")
    return claims


def _check_issuer(claims: dict, expected: Expected) -> None:
    if claims.get("iss") != expected.issuer:
        raise LoginRefused("wrong_issuer")


def _check_audience(claims: dict, expected: Expected) -> None:
    audience = claims.get("aud")
    audiences = [audience] if isinstance(audience, str) else audience
    if not isinstance(audiences, list) or expected.client_id not in audiences:
        raise LoginRefused("wrong_audience")
    azp = claims.get("azp")
    if len(audiences) > 1 and azp is None:
        raise LoginRefused("missing_azp")
    if azp is not None and azp != expected.client_id:
        raise LoginRefused("wrong_azp")


def _number(claims: dict, name: str) -> float:
    value = claims.get(name)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise LoginRefused(f"missing_{name}")
    return value


def _check_times(claims: dict, now: float) -> None:
    if now > _number(claims, "exp") + LEEWAY:
        raise LoginRefused("expired")
    issued_at = _number(claims, "iat")
    if issued_at > now + LEEWAY:
        raise LoginRefused("issued_in_future")
    if now - issued_at > MAX_AGE:
        raise LoginRefused("too_old")


def _check_nonce(claims: dict, expected: Expected) -> None:
    nonce = claims.get("nonce")
    if not isinstance(nonce, str) or not hmac.compare_digest(
        nonce.encode(), expected.nonce.encode()
    ):
        raise LoginRefused("wrong_nonce")


def _check_acr(claims: dict, expected: Expected) -> None:
    if claims.get("acr") not in expected.accepted_acr:
        raise LoginRefused("wrong_acr")


def check_userinfo_subject(userinfo: dict, id_claims: dict) -> None:
    """Userinfo may only add to the ID token's person, never swap it (Core 5.3.2)."""
    if userinfo.get("sub") != id_claims.get("sub"):
        raise LoginRefused("userinfo_sub_mismatch")
