"""Schemathesis against the served API: every check, over the document's examples, its
coverage cases, fuzzed input, and stateful runs that follow the document's links.

The app is served on a free port in a thread (as the browser tests do) and the
`schemathesis` command runs against it, so it sees real HTTP. The run is
bounded (MAX_EXAMPLES per operation, a fixed seed) to stay within a couple of
minutes on SQLite; the whole suite runs once per database, so this does too.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import threading
from collections import Counter
from pathlib import Path

import pytest
from werkzeug.serving import WSGIRequestHandler, make_server

from tests.api.conftest import basic

SCHEMATHESIS = Path(sys.executable).with_name("schemathesis")
MAX_EXAMPLES = int(os.environ.get("PORTAL_SCHEMATHESIS_EXAMPLES", "25"))
CONFIG = """\
[auth.openapi.clientBasic]
username = "{client_id}"
password = "{secret}"

[auth.openapi.clientCredentials]
bearer = "{token}"

# A schema-valid write may still be refused with 422 for rules no schema can
# state: a goal or beslut of another application, a date before today. The
# document names them in its descriptions and answers them in its error shape.
[[operations]]
include-method = "POST"
include-path-regex = "^/applications/"
checks.positive_data_acceptance.expected-statuses = ["2xx", "401", "403", "404", "409", "422"]
"""


class _QuietHandler(WSGIRequestHandler):
    """Thousands of requests: Schemathesis reports what matters, not every line."""

    def log_request(self, *args, **kwargs):
        pass


@pytest.fixture
def served(app):
    server = make_server("127.0.0.1", 0, app, threaded=True, request_handler=_QuietHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=5)


@pytest.fixture
def api_config(client, make_api_client, tmp_path) -> Path:
    """A schemathesis.toml with a client's credentials for /token and a bearer token for the rest."""
    client_id, secret = make_api_client()
    issued = client.post("/api/v1/token", data={"grant_type": "client_credentials"}, headers=basic(client_id, secret))
    path = tmp_path / "schemathesis.toml"
    path.write_text(CONFIG.format(client_id=client_id, secret=secret, token=issued.json["access_token"]))
    return path


def _figures(output: str, events: Path) -> list[str]:
    """The run's numbers: operations, test cases, checks passed, from its summary and event log."""
    checks: Counter[str] = Counter()
    names: set[str] = set()
    for line in events.read_text().splitlines():
        finished = json.loads(line).get("ScenarioFinished")
        for results in (finished or {}).get("recorder", {}).get("checks", {}).values():
            for result in results:
                checks[result["status"]] += 1
                names.add(result["name"])
    wanted = re.compile(r"^\s*(Selected:|Tested:|Scenarios:|API Links:|\d+ generated|[✅❌].*(passed|failed))")
    lines = [line.strip() for line in output.splitlines() if wanted.search(line)]
    counts = ", ".join(f"{number} {status}" for status, number in sorted(checks.items()))
    return [*lines, f"Checks: {counts} ({len(names)} kinds: {', '.join(sorted(names))})"]


def test_schemathesis_finds_no_failure(served, api_config, make_case, officer, make_citizen):
    make_case(assigned_officer_id=officer.id)
    make_case(make_citizen("Nina", "Ny"), assigned_officer_id=officer.id)
    command = [
        str(SCHEMATHESIS),
        "--no-color",
        "--config-file",
        str(api_config),
        "run",
        f"{served}/api/v1/openapi.json",
        "--checks",
        "all",
        "--phases",
        "examples,coverage,fuzzing,stateful",
        "--max-examples",
        str(MAX_EXAMPLES),
        "--generation-deterministic",
        "--workers",
        "1",
        "--report",
        "ndjson",
        "--report-ndjson-path",
        str(api_config.with_name("events.ndjson")),
    ]
    # In the test's own folder, so its caches (.schemathesis, .hypothesis) stay out of the work tree.
    run = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False, cwd=api_config.parent)
    (api_config.with_name("output.txt")).write_text(run.stdout + run.stderr)
    figures = _figures(run.stdout, api_config.with_name("events.ndjson"))
    print("\n".join(["", "$ " + " ".join(command[:1] + command[4:]), *figures]))
    assert run.returncode == 0, run.stdout[-20_000:] + run.stderr[-5_000:]
