"""Throttling benchmark (issue 11, finding 10): attackers are held back, another person is not.

Run:  .venv/bin/python -m tests.benchmarks.bench_throttle [DATABASE_URL] [SECONDS]
(default: a fresh SQLite file in a temporary folder, 60 s; give a PostgreSQL URL to use it,
whose public schema is then dropped and rebuilt). Needs `wrk` (apt-get install wrk) and
Redis at 127.0.0.1:6379 (the limits' shared storage, as in production).

The demo data is loaded, the app is served by gunicorn (2 workers, 8 threads) on a free
loopback port with the production limits, and for SECONDS:
- 32 connections (wrk) hammer the login start, the token endpoint with a valid secret
  and the token endpoint with wrong secrets, in turn;
- one other person, logged in, loads public and personal pages one after another.
Prints the attackers' answers by status and the other person's success rate and
p50/p99 latency. Numbers, not assertions.
"""

from __future__ import annotations

import base64
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from pathlib import Path

import redis
import requests
from sqlalchemy import create_engine, text

from portal import create_app, migrate
from portal.access.actor import SESSION_CITIZEN
from portal.api.auth import SCOPES, new_client
from portal.auth.sessions import COOKIE_NAME
from portal.db import get_session

ROOT = Path(__file__).resolve().parents[2]
CONNECTIONS = 32
REDIS = "redis://127.0.0.1:6379"
# (page, logged in?): public pages without the cookie, personal pages with it.
OTHER_PAGES = (("/", False), ("/tillganglighet", False), ("/mitt-stod", True),
               ("/mina-uppgifter", True), ("/vad-har-hant", True))
BASELINE = 10  # seconds of the other person alone, before the attack
WARM_UP = 8  # login starts before the attack: each worker fetches the provider's discovery once
WRK_SCRIPT = """
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args)
  n = 0; ok = 0; refused = 0; limited = 0; failed = 0
  good = "Basic " .. args[1]; bad = "Basic " .. args[2]
end
function request()
  n = n + 1
  local form = {["Content-Type"] = "application/x-www-form-urlencoded"}
  if n % 3 == 0 then return wrk.format("GET", "/logga-in") end
  form["Authorization"] = (n % 3 == 1) and good or bad
  return wrk.format("POST", "/api/v1/token", form, "grant_type=client_credentials")
end
function response(status, headers, body)
  if status == 429 then limited = limited + 1
  elseif status >= 500 then failed = failed + 1
  elseif status >= 400 then refused = refused + 1
  else ok = ok + 1 end
end
function done(summary, latency, requests)
  local t = {ok = 0, refused = 0, limited = 0, failed = 0}
  for _, thread in ipairs(threads) do
    for key, _ in pairs(t) do t[key] = t[key] + thread:get(key) end
  end
  io.write(string.format("COUNTS %d %d %d %d %d\\n", t.ok, t.refused, t.limited, t.failed,
                         summary.errors.connect + summary.errors.read + summary.errors.timeout))
end
"""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _reset(url: str) -> None:
    if url.startswith("postgresql"):
        engine = create_engine(url)
        with engine.begin() as connection:
            connection.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
        engine.dispose()
    migrate.upgrade(url)


def _prepare(url: str, secret_key: str, instance: str) -> tuple[str, str]:
    """Demo data, an API client and a logged-in session for Anna: (basic credentials, cookie)."""
    from portal.demo import _people, seed

    app = create_app({"PORTAL_ENV": "development", "DATABASE_URL": url, "SECRET_KEY": secret_key},
                     instance_path=instance)
    with app.app_context():
        seed()
        people = _people()
        client, secret = new_client("Benchmark", people["eva"].unit_id, list(SCOPES))
        get_session().commit()
        anna_id = people["anna"].id
        credentials = base64.b64encode(f"{client.client_id}:{secret}".encode()).decode()
    browser = app.test_client()
    with browser.session_transaction() as session:
        session[SESSION_CITIZEN] = anna_id
    cookie = browser.get_cookie(COOKIE_NAME).value
    app.extensions["db_engine"].dispose()
    return credentials, cookie


def _serve(url: str, port: int, secret_key: str, prefix: str, instance: str) -> subprocess.Popen:
    env = {**os.environ, "PORTAL_ENV": "development", "DATABASE_URL": url, "SECRET_KEY": secret_key,
           "PORTAL_PUBLIC_URL": f"http://127.0.0.1:{port}", "PORTAL_RATELIMIT_STORAGE_URI": REDIS,
           "PORTAL_RATELIMIT_KEY_PREFIX": prefix, "BENCH_INSTANCE": instance}
    server = subprocess.Popen(
        [str(Path(sys.executable).with_name("gunicorn")), "--bind", f"127.0.0.1:{port}", "--workers", "2",
         "--threads", "8", "--log-level", "warning", "tests.benchmarks.bench_throttle:served_app()"],
        cwd=ROOT, env=env,
    )
    for _ in range(100):
        try:
            if requests.get(f"http://127.0.0.1:{port}/healthz", timeout=1).ok:
                return server
        except requests.RequestException:
            pass
        time.sleep(0.2)  # polling a starting server: no event to wait on
    server.terminate()
    raise SystemExit("gunicorn did not start")


def served_app():
    """gunicorn's app factory: the portal with its instance folder in the benchmark's temp dir."""
    return create_app(instance_path=os.environ["BENCH_INSTANCE"])


def _other_person(base: str, cookie: str, stop: threading.Event, results: list) -> None:
    with requests.Session() as browser, requests.Session() as visitor:
        browser.cookies.set(COOKIE_NAME, cookie, domain="127.0.0.1", path="/")
        n = 0
        while not stop.is_set():
            path, logged_in = OTHER_PAGES[n % len(OTHER_PAGES)]
            n += 1
            started = time.perf_counter()
            try:
                status = (browser if logged_in else visitor).get(
                    base + path, timeout=30, allow_redirects=False).status_code
            except requests.RequestException as error:
                status = type(error).__name__
            results.append((status == 200, time.perf_counter() - started, path, status))


def main() -> None:
    workdir = tempfile.mkdtemp(prefix="bench-throttle-")
    url = (sys.argv[1] if len(sys.argv) > 1 else "") or f"sqlite:///{workdir}/portal.sqlite"
    seconds = int(sys.argv[2]) if len(sys.argv) > 2 else 60
    secret_key, prefix, port = uuid.uuid4().hex * 2, f"bench-{uuid.uuid4().hex}", _free_port()
    _reset(url)
    credentials, cookie = _prepare(url, secret_key, workdir)
    wrong = base64.b64encode(b"benchmark:wrong-secret").decode()
    script = Path(workdir) / "attack.lua"
    script.write_text(WRK_SCRIPT)
    server = _serve(url, port, secret_key, prefix, workdir)
    base = f"http://127.0.0.1:{port}"
    for _ in range(WARM_UP):
        requests.get(base + "/logga-in", timeout=30, allow_redirects=False)
    alone, quiet = threading.Event(), []
    baseline = threading.Thread(target=_other_person, args=(base, cookie, alone, quiet))
    baseline.start()
    alone.wait(BASELINE)  # the other person alone first, for comparison
    alone.set()
    baseline.join()
    stop, results = threading.Event(), []
    other = threading.Thread(target=_other_person, args=(base, cookie, stop, results))
    try:
        other.start()
        attack = subprocess.run(
            ["wrk", "-t", "4", "-c", str(CONNECTIONS), "-d", f"{seconds}s", "-s", str(script), base,
             "--", credentials, wrong],
            capture_output=True, text=True, check=True,
        )
    finally:
        stop.set()
        other.join()
        server.terminate()
        server.wait(timeout=30)
        store = redis.Redis.from_url(REDIS)
        for key in store.scan_iter(f"*{prefix}*"):
            store.delete(key)
    counts = next(line for line in attack.stdout.splitlines() if line.startswith("COUNTS")).split()[1:]
    ok, refused, limited, failed, socket_errors = (int(c) for c in counts)
    rate = next((line.strip() for line in attack.stdout.splitlines() if "Requests/sec" in line), "")
    print(f"database: {url.split(':')[0]}, {seconds} s, {CONNECTIONS} attacking connections, gunicorn 2x8")
    print(f"attackers: {ok + refused + limited + failed} answers ({rate}): "
          f"{ok} 2xx/3xx, {refused} 4xx (wrong secret), {limited} 429, {failed} 5xx, "
          f"{socket_errors} socket errors")
    _report(f"other person alone ({BASELINE} s)", quiet)
    _report("other person under attack", results)
    print(attack.stdout.strip())


def _report(label: str, results: list) -> None:
    times = sorted(r[1] for r in results)
    good = sum(1 for r in results if r[0])
    misses = Counter(f"{r[2]} {r[3]}" for r in results if not r[0])
    print(f"{label}: {good}/{len(results)} pages OK ({100 * good / max(1, len(results)):.2f} %), "
          f"p50 {1000 * statistics.median(times):.0f} ms, "
          f"p99 {1000 * times[int(0.99 * (len(times) - 1))]:.0f} ms"
          + (f"; not OK: {dict(misses)}" if misses else ""))


if __name__ == "__main__":
    main()
