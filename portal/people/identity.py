"""Keeping personnummer out of sight: a keyed hash to find, AES-GCM to show.

The key is PORTAL_DATA_KEY (required in production); in development it is
derived from SECRET_KEY so nothing extra needs setting.
"""

from __future__ import annotations

import hashlib
import hmac
import os

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from flask import current_app

_NONCE_BYTES = 12


def _derive(purpose: bytes) -> bytes:
    secret = current_app.config.get("PORTAL_DATA_KEY") or current_app.config["SECRET_KEY"]
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=b"mitt-stod", info=purpose).derive(
        secret.encode()
    )


def pnr_lookup_hash(canonical_pnr: str) -> str:
    """Stable keyed hash of the 12-digit personnummer (for unique lookup)."""
    return hmac.new(_derive(b"pnr-lookup"), canonical_pnr.encode(), hashlib.sha256).hexdigest()


def encrypt_pnr(canonical_pnr: str) -> bytes:
    nonce = os.urandom(_NONCE_BYTES)
    return nonce + AESGCM(_derive(b"pnr-encrypt")).encrypt(nonce, canonical_pnr.encode(), b"pnr")


def decrypt_pnr(blob: bytes) -> str:
    nonce, sealed = blob[:_NONCE_BYTES], blob[_NONCE_BYTES:]
    return AESGCM(_derive(b"pnr-encrypt")).decrypt(nonce, sealed, b"pnr").decode()


def masked_pnr(blob: bytes) -> str:
    """The personnummer as a document shows it: the birth date, the last four hidden."""
    return decrypt_pnr(blob)[:8] + "-" + "X" * 4
