"""Configuration from environment variables, with safe development defaults.

`load_config` returns a plain dict; `check_production` refuses settings that
must never reach production and says why in one line.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

ENVIRONMENTS = ("development", "test", "production")

# Level of assurance accepted by default: Swedish LoA3 and the eIDAS
# substantial/high equivalents.
DEFAULT_ACCEPTED_ACR = (
    "http://id.elegnamnden.se/loa/1.0/loa3",
    "http://id.elegnamnden.se/loa/1.0/eidas-sub",
    "http://id.elegnamnden.se/loa/1.0/eidas-high",
    "http://id.elegnamnden.se/loa/1.0/loa4",
)


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


def load_config(instance_path: Path) -> dict:
    env = os.environ.get("PORTAL_ENV", "development")
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
    }


def check_production(config: dict) -> None:
    """Raise ConfigError with a one-line reason if the app must not start."""
    if config["PORTAL_ENV"] != "production":
        return
    if not config.get("SECRET_KEY") or len(config["SECRET_KEY"]) < 32:
        raise ConfigError("SECRET_KEY must be set to at least 32 characters in production.")
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
