"""An independent, OpenID Certified provider for the interoperability tests.

`CertifiedProvider` runs panva's oidc-provider (npm, pinned in package-lock.json)
through `oidc_op.mjs` in a Node process of its own, on a free port of
`localhost`: another origin and another site than the portal on 127.0.0.1, as
a real BankID broker is. `log_in_over_http` walks a login through it with
plain HTTP, for the variants where a browser adds nothing.
"""

from __future__ import annotations

import json
import os
import selectors
import subprocess
import time
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import requests

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = Path(__file__).with_name("oidc_op.mjs")
LOA3 = "http://id.elegnamnden.se/loa/1.0/loa3"
START_TIMEOUT = 20  # seconds for Node to load the provider and listen


class CertifiedProvider:
    """One oidc-provider process; `configure` sets it up for a variant (see oidc_op.mjs)."""

    def __init__(self, person: dict):
        settings = {"host": "127.0.0.1", "issuer_host": "localhost", "person": person,
                    **self._variant("http://127.0.0.1:9")}
        env = {**os.environ, "OP_CONFIG": json.dumps(settings), "NODE_PATH": ""}
        self._process = subprocess.Popen(
            ["node", str(SCRIPT)], cwd=ROOT, env=env, stdin=subprocess.PIPE,
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
        )
        self.issuer = self._wait_until_ready()

    @staticmethod
    def _variant(portal_url: str, *, client: dict | None = None, acr: str | None = LOA3,
                 claims_in_id_token: bool = True) -> dict:
        return {"portal_url": portal_url, "acr": acr, "claims_in_id_token": claims_in_id_token,
                "client": client or {"client_secret": "interop-secret"}}

    def configure(self, portal_url: str, **variant) -> None:
        """A fresh provider on the same issuer and keys, for this portal and variant."""
        self._control("configure", self._variant(portal_url, **variant))

    def _control(self, action: str, body: dict | None = None) -> None:
        requests.post(f"{self.issuer}/test-control/{action}", json=body or {},
                      timeout=5).raise_for_status()

    def _wait_until_ready(self) -> str:
        with selectors.DefaultSelector() as selector:
            selector.register(self._process.stdout, selectors.EVENT_READ)
            deadline = time.monotonic() + START_TIMEOUT
            while (left := deadline - time.monotonic()) > 0:
                if not selector.select(left):
                    break
                line = self._process.stdout.readline()
                if not line:
                    break
                if line.startswith("ready "):
                    return line.split()[1]
        self.stop()
        raise RuntimeError("oidc-provider did not start (run `make setup-test` for node_modules)")

    def rotate_keys(self) -> None:
        """New signing keys; the old ones are no longer published."""
        self._control("rotate-keys")

    def stop(self) -> None:
        self._process.terminate()
        try:
            self._process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        self._process.stdout.close()
        self._process.stdin.close()


def _follow(http: requests.Session, response, stop) -> requests.Response:
    """Follow redirects by hand until `stop(url)` says this is where to look."""
    for _ in range(10):
        if response.status_code not in (302, 303):
            return response
        url = urljoin(response.url, response.headers["Location"])
        if stop(url):
            return url
        response = http.get(url, allow_redirects=False, timeout=10)
    raise AssertionError("too many redirects")


def log_in_over_http(http: requests.Session, portal_url: str, tamper=None):
    """Start at the portal, log in at the provider, return the portal's callback response.

    `tamper(callback_url)` may change the URL the provider sent the browser back to.
    """
    start = http.get(portal_url + "/logga-in", allow_redirects=False, timeout=10)
    interaction = _follow(http, start, lambda url: False)
    assert interaction.status_code == 200, interaction.text
    assert "/interaction/" in interaction.url
    login = http.post(interaction.url, allow_redirects=False, timeout=10)
    callback = _follow(http, login, lambda url: url.startswith(portal_url))
    assert isinstance(callback, str), callback.text
    if tamper:
        callback = tamper(callback)
    return http.get(callback, allow_redirects=False, timeout=10)


def origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"
