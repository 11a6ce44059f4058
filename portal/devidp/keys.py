"""Signing keys and the subject secret, kept as private files in the instance folder.

The key file holds every key still published, newest last; the newest signs.
Each process caches the parsed file and re-reads it when the file changes, so
a rotation from the CLI reaches running servers without a restart.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
from pathlib import Path

from flask import Flask
from joserfc.jwk import KeySet, RSAKey

KEY_FILE = "devidp-jwks.json"
PSEUDONYM_KEY_FILE = "devidp-pseudonym.key"
# The current key plus the ones before it, so tokens signed just before a
# rotation still verify for clients that cache the JWKS.
KEYS_KEPT = 3

_cache: dict[str, tuple[tuple[int, int], KeySet]] = {}


def _write_private(path: Path, text: str, replace: bool) -> None:
    """Write a 0600 file atomically; without `replace`, never overwrite one."""
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(8)}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(text)
    try:
        if replace:
            os.replace(tmp, path)
        else:
            # link() fails if another process created the file first; theirs wins.
            os.link(tmp, path)
    except FileExistsError:
        pass
    finally:
        if tmp.exists():
            tmp.unlink()


def _new_key() -> RSAKey:
    return RSAKey.generate_key(
        2048, parameters={"use": "sig", "alg": "RS256"}, private=True, auto_kid=True
    )


def _key_path(app: Flask) -> Path:
    return Path(app.instance_path) / KEY_FILE


def ensure_keys(app: Flask) -> None:
    """Create the signing key file and the pseudonym key, unless they exist."""
    os.makedirs(app.instance_path, exist_ok=True)
    path = _key_path(app)
    if not path.exists():
        keys = {"keys": [_new_key().as_dict(private=True)]}
        _write_private(path, json.dumps(keys), replace=False)
    pseudonym_path = Path(app.instance_path) / PSEUDONYM_KEY_FILE
    if not pseudonym_path.exists():
        _write_private(pseudonym_path, secrets.token_hex(32), replace=False)


def private_key_set(app: Flask) -> KeySet:
    path = _key_path(app)
    stat = path.stat()
    mtime = (stat.st_ino, stat.st_mtime_ns)
    cached = _cache.get(str(path))
    if cached and cached[0] == mtime:
        return cached[1]
    key_set = KeySet.import_key_set(json.loads(path.read_text()))
    _cache[str(path)] = (mtime, key_set)
    return key_set


def signing_key(app: Flask) -> RSAKey:
    """The newest key: every new token is signed with it."""
    return private_key_set(app).keys[-1]


def public_jwks(app: Flask) -> dict:
    """The JWKS document: public members only."""
    return private_key_set(app).as_dict(private=False)


def rotate_signing_key(app: Flask) -> str:
    """Add a new signing key and return its `kid`; older keys stay published."""
    ensure_keys(app)
    path = _key_path(app)
    keys = json.loads(path.read_text())["keys"]
    new_key = _new_key()
    keys = [*keys, new_key.as_dict(private=True)][-KEYS_KEPT:]
    _write_private(path, json.dumps({"keys": keys}), replace=True)
    return new_key.kid


def _subject_secret(app: Flask) -> bytes:
    path = Path(app.instance_path) / PSEUDONYM_KEY_FILE
    return bytes.fromhex(path.read_text().strip())


def subject_for(app: Flask, personnummer: str) -> str:
    """A stable pseudonym for the person; the personnummer itself never leaves as `sub`."""
    return hmac.new(_subject_secret(app), personnummer.encode(), hashlib.sha256).hexdigest()
