"""Configuration from environment variables, with safe development defaults.

`load_config` returns a plain dict; `check_production` refuses settings that
must never reach production and says why in one line.
"""

from __future__ import annotations

import math
import os
import secrets
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

ENVIRONMENTS = ("development", "test", "production")

# Level of assurance accepted by default: Swedish LoA3 and the eIDAS
# substantial/high equivalents.
DEFAULT_ACCEPTED_ACR = (
    "http://id.elegnamnden.se/loa/1.0/loa3",
    "http://id.elegnamnden.se/loa/1.0/eidas-sub",
    "http://id.elegnamnden.se/loa/1.0/eidas-high",
    "http://id.elegnamnden.se/loa/1.0/loa4",
)


# The Swedish OIDC profile releases the personnummer claim only under its own
# scope; "profile" gives the names.
DEFAULT_OIDC_SCOPES = ("openid", "profile", "https://id.oidc.se/scope/naturalPersonNumber")
TOKEN_AUTH_METHODS = ("client_secret_basic", "client_secret_post", "private_key_jwt")
LOGOUT_METHODS = ("get", "post")


class ConfigError(RuntimeError):
    """A setting that makes it unsafe or impossible to start."""


def _env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


def _env_float(name: str, default: float) -> float:
    value = os.environ.get(name)
    return float(value) if value else default


def _instance_secret(instance_path: Path) -> str:
    """Generate a secret once and keep it in the instance folder (development only)."""
    path = instance_path / "secret_key"
    if not path.exists():
        instance_path.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_hex(32))
        path.chmod(0o600)
    return path.read_text().strip()


def _env_choice(name: str, choices: tuple[str, ...]) -> str | None:
    value = (os.environ.get(name) or "").strip().lower() or None
    if value is not None and value not in choices:
        raise ConfigError(f"{name} must be one of {', '.join(choices)}, not {value!r}.")
    return value


def _oidc_client_settings(prefix: str) -> dict:
    """Scopes, token-endpoint authentication and logout style of one provider."""
    scopes = (os.environ.get(f"{prefix}_SCOPES") or "").split()
    return {
        f"{prefix}_SCOPES": tuple(dict.fromkeys(["openid", *scopes])) if scopes
        else DEFAULT_OIDC_SCOPES,
        # None: private_key_jwt when a private key is set, else client_secret_basic.
        f"{prefix}_TOKEN_AUTH_METHOD": _env_choice(f"{prefix}_TOKEN_AUTH_METHOD",
                                                   TOKEN_AUTH_METHODS),
        f"{prefix}_LOGOUT_METHOD": _env_choice(f"{prefix}_LOGOUT_METHOD", LOGOUT_METHODS) or "get",
    }


def load_config(instance_path: Path, env: str | None = None) -> dict:
    # Fail closed: without PORTAL_ENV the portal is production (issue 11, finding 9).
    env = env or os.environ.get("PORTAL_ENV", "production")
    if env not in ENVIRONMENTS:
        raise ConfigError(f"PORTAL_ENV must be one of {', '.join(ENVIRONMENTS)}, not {env!r}.")
    production = env == "production"
    secret = os.environ.get("SECRET_KEY") or (None if production else _instance_secret(instance_path))
    default_db = f"sqlite:///{instance_path / 'portal.sqlite'}"
    dev_features = _env_bool("PORTAL_DEV_FEATURES", not production)
    accepted_acr = os.environ.get("PORTAL_OIDC_ACCEPTED_ACR")
    return {
        "PORTAL_ENV": env,
        "SECRET_KEY": secret,
        # Key for the personnummer lookup hash and encryption; falls back to a
        # key derived from SECRET_KEY so development needs no extra setting.
        "PORTAL_DATA_KEY": os.environ.get("PORTAL_DATA_KEY"),
        "DATABASE_URL": os.environ.get("DATABASE_URL", default_db),
        "DEV_FEATURES": dev_features,
        "MUNICIPALITY_NAME": os.environ.get("PORTAL_MUNICIPALITY_NAME", "Exempelkommunen"),
        "PUBLIC_URL": os.environ.get("PORTAL_PUBLIC_URL"),
        # Citizens' and proxies' login (BankID through an OIDC provider or broker).
        "PORTAL_OIDC_ISSUER": os.environ.get("PORTAL_OIDC_ISSUER"),
        "PORTAL_OIDC_CLIENT_ID": os.environ.get("PORTAL_OIDC_CLIENT_ID", "mitt-stod"),
        "PORTAL_OIDC_CLIENT_SECRET": os.environ.get("PORTAL_OIDC_CLIENT_SECRET"),
        "PORTAL_OIDC_PRIVATE_KEY": os.environ.get("PORTAL_OIDC_PRIVATE_KEY"),
        # Staff login (the municipality's own provider; may be the same one).
        "PORTAL_STAFF_OIDC_ISSUER": os.environ.get("PORTAL_STAFF_OIDC_ISSUER"),
        "PORTAL_STAFF_OIDC_CLIENT_ID": os.environ.get("PORTAL_STAFF_OIDC_CLIENT_ID", "mitt-stod-staff"),
        "PORTAL_STAFF_OIDC_CLIENT_SECRET": os.environ.get("PORTAL_STAFF_OIDC_CLIENT_SECRET"),
        "PORTAL_STAFF_OIDC_PRIVATE_KEY": os.environ.get("PORTAL_STAFF_OIDC_PRIVATE_KEY"),
        **_oidc_client_settings("PORTAL_OIDC"),
        **_oidc_client_settings("PORTAL_STAFF_OIDC"),
        "PORTAL_OIDC_ACCEPTED_ACR": (
            tuple(a.strip() for a in accepted_acr.split(",") if a.strip())
            if accepted_acr
            else DEFAULT_ACCEPTED_ACR
        ),
        # Sessions: minutes idle and hours in all before a new login is needed.
        "SESSION_IDLE_MINUTES": _env_float("PORTAL_SESSION_IDLE_MINUTES", 20),
        "SESSION_ABSOLUTE_HOURS": _env_int("PORTAL_SESSION_ABSOLUTE_HOURS", 8),
        "SESSION_COOKIE_SECURE": _env_bool("PORTAL_SECURE_COOKIES", production),
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "DRAFT_RETENTION_DAYS": _env_int("PORTAL_DRAFT_RETENTION_DAYS", 30),
        "WTF_CSRF_TIME_LIMIT": None,  # the token lives as long as the session
        "BABEL_DEFAULT_LOCALE": "sv",
        "BABEL_DEFAULT_TIMEZONE": "Europe/Stockholm",
        "LANGUAGES": ("sv", "en"),
        # Bounded work per request (issue 11). A whole form body (URL-encoded) or
        # API body of 512 KB holds every text of the largest form at its cap many
        # times over; one multipart field is capped at 256 KB. Larger: the 413 page.
        # PDFs: an ansökan filled to every cap is 138 pages, 11-25 s on two busy
        # cores (tests/benchmarks/bench_pdf.py), so refuse over 150 pages, stop a
        # rendering after 60 s, and render only two at once per process.
        "MAX_CONTENT_LENGTH": 512 * 1024,
        "MAX_FORM_MEMORY_SIZE": 256 * 1024,
        "PDF_MAX_PAGES": _env_int("PORTAL_PDF_MAX_PAGES", 150),
        "PDF_TIME_LIMIT_SECONDS": _env_float("PORTAL_PDF_TIME_LIMIT_SECONDS", 60),
        "PDF_CONCURRENCY": _env_int("PORTAL_PDF_CONCURRENCY", 2),
        **_address_settings(production),
        **_rate_limit_settings(),
    }


# -- Rate limits (issue 11, finding 10; portal/ratelimit.py) ------------------
# Flask-Limiter syntax ("60 per minute; 600 per hour"). Per address unless said.
RATE_LIMITS = {
    "RATELIMIT_POST": "120 per minute",  # every POST, per session (or address without one)
    "RATELIMIT_LOGIN": "60 per minute",  # login starts (a whole office may share one address)
    "RATELIMIT_CALLBACK": "60 per minute",  # OIDC callbacks
    "RATELIMIT_CALLBACK_FAILURES": "20 per minute",  # refused callbacks, each a log row
    "RATELIMIT_API_TOKEN": "60 per minute",  # the API's token endpoint
    "RATELIMIT_API_TOKEN_FAILURES": "10 per minute",  # wrong client secrets
    "RATELIMIT_DOCUMENTS": "20 per minute",  # PDFs and the registerutdrag, per session
    "RATELIMIT_NEW_SESSIONS": "120 per minute",  # new rows for visitors not logged in
}


def _rate_limit_settings() -> dict:
    return {
        **{name: os.environ.get(f"PORTAL_{name}", value) for name, value in RATE_LIMITS.items()},
        # memory:// is per process: fine for one developer, useless behind several workers.
        "RATELIMIT_STORAGE_URI": os.environ.get("PORTAL_RATELIMIT_STORAGE_URI", "memory://"),
        "RATELIMIT_KEY_PREFIX": os.environ.get("PORTAL_RATELIMIT_KEY_PREFIX", "mittstod"),
        # How many proxies in front of the portal set X-Forwarded-For (0: none, use the peer).
        "TRUSTED_PROXIES": _env_int("PORTAL_TRUSTED_PROXIES", 0),
        "API_MAX_LIVE_TOKENS": _env_int("PORTAL_API_MAX_LIVE_TOKENS", 10),
    }


def _check_rate_limits(config: dict) -> None:
    if not config.get("RATELIMIT_STORAGE_URI", "").startswith(("redis://", "rediss://", "redis+")):
        raise ConfigError("PORTAL_RATELIMIT_STORAGE_URI must point at Redis in production (memory:// is per process).")


# -- Where the portal is (issue 11, finding 9) -------------------------------
# External URLs come from PORTAL_PUBLIC_URL, never from the Host header, and a
# request for any host but the trusted ones is refused (Flask's TRUSTED_HOSTS).
DEVELOPMENT_HOSTS = ("localhost", "127.0.0.1")
MIN_KEY_LENGTH = 32
MIN_KEY_BITS = 128  # length times the Shannon entropy of the key's characters
MIN_KEY_SYMBOLS = 12


def _address_settings(production: bool) -> dict:
    public_url = os.environ.get("PORTAL_PUBLIC_URL")
    hosts = [h.strip() for h in os.environ.get("PORTAL_TRUSTED_HOSTS", "").split(",") if h.strip()]
    if public_url and urlsplit(public_url).hostname:
        hosts.append(urlsplit(public_url).hostname)
    if not production:
        hosts.extend(DEVELOPMENT_HOSTS)
    return {"PORTAL_PUBLIC_URL": public_url, "TRUSTED_HOSTS": sorted(set(hosts)) or None}


def key_strength_problem(name: str, value: str | None) -> str | None:
    """Why `value` is too weak for a production key, in one line, or None."""
    if not value or len(value) < MIN_KEY_LENGTH:
        return f"{name} must be set to at least {MIN_KEY_LENGTH} characters in production."
    counts = Counter(value).values()
    bits = -sum(n * math.log2(n / len(value)) for n in counts)
    if len(counts) < MIN_KEY_SYMBOLS or bits < MIN_KEY_BITS:
        return f"{name} is too predictable: use a random value, e.g. secrets.token_urlsafe(48)."
    return None


def _check_addresses_and_keys(config: dict) -> None:
    for name in ("SECRET_KEY", "PORTAL_DATA_KEY"):
        if problem := key_strength_problem(name, config.get(name)):
            raise ConfigError(problem)
    if config["SECRET_KEY"] == config["PORTAL_DATA_KEY"]:
        raise ConfigError("PORTAL_DATA_KEY must differ from SECRET_KEY in production.")
    public = urlsplit(config.get("PORTAL_PUBLIC_URL") or "")
    if public.scheme != "https" or not public.hostname or public.path not in ("", "/"):
        raise ConfigError("PORTAL_PUBLIC_URL must be the portal's https:// address in production, e.g. https://stod.example.se.")
    if public.hostname not in (config.get("TRUSTED_HOSTS") or ()):
        raise ConfigError("TRUSTED_HOSTS must list the host of PORTAL_PUBLIC_URL in production (PORTAL_TRUSTED_HOSTS).")
    if not config.get("PORTAL_STAFF_OIDC_ISSUER"):
        raise ConfigError("PORTAL_STAFF_OIDC_ISSUER must be set in production (no fallback to the citizens' login).")
    if not (config.get("PORTAL_STAFF_OIDC_CLIENT_SECRET") or config.get("PORTAL_STAFF_OIDC_PRIVATE_KEY")):
        raise ConfigError("Set PORTAL_STAFF_OIDC_CLIENT_SECRET or PORTAL_STAFF_OIDC_PRIVATE_KEY for the staff login.")


def check_production(config: dict) -> None:
    """Raise ConfigError with a one-line reason if the app must not start."""
    if config["PORTAL_ENV"] != "production":
        return
    if not config.get("PORTAL_DATA_KEY"):
        raise ConfigError("PORTAL_DATA_KEY must be set in production (it protects personnummer).")
    if config.get("DEV_FEATURES"):
        raise ConfigError("PORTAL_DEV_FEATURES must be off in production (simulated BankID).")
    if config.get("TESTING"):
        raise ConfigError("TESTING must be off in production.")
    if not config.get("SESSION_COOKIE_SECURE"):
        raise ConfigError("Cookies must be Secure in production (PORTAL_SECURE_COOKIES=1).")
    if not config.get("PORTAL_OIDC_ISSUER"):
        raise ConfigError("PORTAL_OIDC_ISSUER must point at the real login provider in production.")
    if not (config.get("PORTAL_OIDC_CLIENT_SECRET") or config.get("PORTAL_OIDC_PRIVATE_KEY")):
        raise ConfigError("Set PORTAL_OIDC_CLIENT_SECRET or PORTAL_OIDC_PRIVATE_KEY for the login provider.")
    if config["DATABASE_URL"].startswith("sqlite") and not os.environ.get("PORTAL_ALLOW_SQLITE"):
        raise ConfigError("Use PostgreSQL in production (DATABASE_URL), or set PORTAL_ALLOW_SQLITE=1.")
    _check_addresses_and_keys(config)
    _check_rate_limits(config)
