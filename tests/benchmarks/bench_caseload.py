"""Caseload benchmark: one unit with many cases in every stage, through the real HTTP stack.

Run:  .venv/bin/python -m tests.benchmarks.bench_caseload [DATABASE_URL] [CASES]
(default: PostgreSQL at 127.0.0.1:5432/test, 2,000 cases — the public schema is dropped
and rebuilt; give sqlite:////tmp/caseload.sqlite to try SQLite).

Prints, per caseload view and for a search: the median and 95th-percentile time of a
request through Flask's test client, and the number of SQL statements per request, so
an N+1 shows as a count that grows with the cases. Numbers, not assertions.
"""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from datetime import date, datetime, timedelta

from sqlalchemy import create_engine, event, insert, text

from portal import create_app, migrate
from portal.applications.models import Application, NeedDescription
from portal.decisions.models import Appeal, Decision
from portal.followups.models import FollowUp
from portal.people.models import Citizen, StaffUser, Unit

RUNS = 20


def _reset(url: str) -> None:
    if url.startswith("postgresql"):
        engine = create_engine(url)
        with engine.begin() as connection:
            connection.execute(text("DROP SCHEMA public CASCADE"))
            connection.execute(text("CREATE SCHEMA public"))
        engine.dispose()
    migrate.upgrade(url)


def _load(url: str, cases: int) -> None:
    rng = random.Random(11)
    now = datetime(2026, 11, 1)
    engine = create_engine(url)
    with engine.begin() as c:
        c.execute(insert(Unit), [{"id": 1, "code": "norr", "name": "Norr", "kind": "case_management"}])
        c.execute(insert(StaffUser), [{"id": 1, "pnr_hash": "s" * 64, "given_name": "Eva", "family_name": "Ek",
                                       "role": "case_officer", "unit_id": 1, "active": True, "created_at": now}])
        c.execute(insert(Citizen), [
            {"id": i, "pnr_hash": f"{i:064d}", "pnr_encrypted": b"x", "given_name": f"Namn{i}",
             "family_name": f"Efternamn{i % 97}", "birth_date": date(1940 + i % 50, 1, 1),
             "protected_identity": False, "created_at": now} for i in range(1, cases + 1)])
        statuses = ["submitted", "received", "investigating", "decided", "decided", "closed"]
        c.execute(insert(Application), [
            {"id": i, "citizen_id": i, "status": rng.choice(statuses), "unit_id": 1, "reference": f"MS-B-{i:06d}",
             "assigned_officer_id": 1 if i % 3 else None, "created_at": now, "updated_at": now,
             "communication_support": "", "submitted_at": now - timedelta(hours=i)} for i in range(1, cases + 1)])
        c.execute(insert(NeedDescription), [
            {"application_id": i, "life_area": rng.choice(["d4", "d5", "d6"]), "position": 0, "today_text": "",
             "resources_text": "", "difficulties_text": "", "wanted_help_text": "", "what_matters_text": ""}
            for i in range(1, cases + 1)])
        decided = [i for i in range(1, cases + 1) if i % 2 == 0]
        c.execute(insert(Decision), [
            {"id": i, "application_id": i, "citizen_id": i, "officer_id": 1, "unit_id": 1, "status": "published",
             "decided_on": date(2025, 10, 1) + timedelta(days=i % 400), "plain_summary": "",
             "published_at": now, "appeal_deadline": date(2026, 12, 1), "created_at": now} for i in decided])
        c.execute(insert(Appeal), [
            {"decision_id": i, "citizen_id": i, "text": "", "reference": f"ÖK-B{i:010d}", "created_at": now}
            for i in decided if i % 10 == 0])
        c.execute(insert(FollowUp), [
            {"citizen_id": i, "application_id": i, "decision_id": i, "unit_id": 1,
             "due_on": date(2026, 11, 1) + timedelta(days=i % 60), "status": "scheduled", "helped_text": "",
             "created_at": now} for i in decided if i % 4 == 0])
    engine.dispose()


def _timed(client, method: str, path: str, statements: list, **kwargs) -> tuple[list[float], int]:
    times, counts = [], []
    for _ in range(RUNS):
        statements.clear()
        start = time.perf_counter()
        response = client.open(path, method=method, **kwargs)
        times.append((time.perf_counter() - start) * 1000)
        counts.append(len(statements))
        assert response.status_code == 200, (path, response.status_code)
    return times, max(counts)


def main() -> None:
    url = sys.argv[1] if len(sys.argv) > 1 else "postgresql+psycopg://postgres@127.0.0.1:5432/test"
    cases = int(sys.argv[2]) if len(sys.argv) > 2 else 2000
    _reset(url)
    started = time.perf_counter()
    _load(url, cases)
    print(f"loaded {cases} cases in {time.perf_counter() - started:.1f} s ({url.split(':')[0]})")
    app = create_app({"PORTAL_ENV": "development", "DATABASE_URL": url, "TESTING": True, "WTF_CSRF_ENABLED": False,
                      "SECRET_KEY": "benchmark-" + "x" * 40}, instance_path=tempfile.mkdtemp())
    statements: list[str] = []
    event.listen(app.extensions["db_engine"], "before_cursor_execute",
                 lambda *args: statements.append(args[2]))
    client = app.test_client()
    from portal.access.actor import SESSION_STAFF

    with client.session_transaction() as session:
        session[SESSION_STAFF] = 1
    print(f"{'request':44} {'median ms':>10} {'p95 ms':>8} {'SQL':>5}")
    for label, method, path, kwargs in (
        ("caseload, needs action (default)", "GET", "/handlaggare/inkorg", {}),
        ("caseload, my cases", "GET", "/handlaggare/inkorg?visa=mina", {}),
        ("caseload, the unit's cases, page 1", "GET", "/handlaggare/inkorg?visa=alla", {}),
        ("caseload, the unit's cases, page 20", "GET", "/handlaggare/inkorg?visa=alla&sida=20", {}),
        ("caseload, stage filter (beslutad)", "GET", "/handlaggare/inkorg?visa=alla&steg=decided", {}),
        ("search by family name (POST)", "POST", "/handlaggare/inkorg?visa=alla", {"data": {"sok": "Efternamn7"}}),
        ("staff start page (needs-action counts)", "GET", "/handlaggare/", {}),
    ):
        times, count = _timed(client, method, path, statements, **kwargs)
        p95 = statistics.quantiles(times, n=20)[-1]
        print(f"{label:44} {statistics.median(times):10.1f} {p95:8.1f} {count:5d}")


if __name__ == "__main__":
    main()
