"""Scale benchmark: a municipality with 100,000 citizens and 1,000,000 self-assessments.

Run:  .venv/bin/python -m tests.benchmarks.bench_scale [DATABASE_URL]
(default: PostgreSQL at 127.0.0.1:5432/test — the schema is dropped and rebuilt).

Prints the time to load the data and the median time of the queries the inbox and the
ISU statistics need, with the plan PostgreSQL chose, so a missing index shows.
Not part of the test suite: numbers, not assertions.
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from datetime import datetime, timedelta

from sqlalchemy import create_engine, func, insert, select, text

from portal import migrate
from portal.applications.models import Application, SelfAssessment
from portal.domain.life_areas import LIFE_AREA_CODES
from portal.people.models import Citizen, Unit

CITIZENS = 100_000
ASSESSMENTS = 1_000_000
APPLICATIONS = 150_000
BATCH = 10_000


def _reset(url: str) -> None:
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    migrate.upgrade(url)


def _load(engine) -> float:
    rng = random.Random(7)
    start = time.perf_counter()
    now = datetime(2026, 11, 1)
    with engine.begin() as c:
        c.execute(insert(Unit), [{"id": i, "code": f"u{i}", "name": f"Enhet {i}", "kind": "case_management"}
                                 for i in range(1, 11)])
        for first in range(0, CITIZENS, BATCH):
            c.execute(insert(Citizen), [
                {"id": i + 1, "pnr_hash": f"{i:064d}", "pnr_encrypted": b"x", "given_name": "A",
                 "family_name": "B", "birth_date": datetime(1930 + i % 70, 1, 1).date(),
                 "protected_identity": False, "created_at": now}
                for i in range(first, first + BATCH)])
        statuses = ["draft", "submitted", "received", "decided", "closed"]
        for first in range(0, APPLICATIONS, BATCH):
            c.execute(insert(Application), [
                {"id": i + 1, "citizen_id": rng.randint(1, CITIZENS), "status": rng.choice(statuses),
                 "unit_id": rng.randint(1, 10), "created_at": now, "updated_at": now,
                 "communication_support": "",
                 "submitted_at": now - timedelta(minutes=i)}
                for i in range(first, first + BATCH)])
        for _ in range(0, ASSESSMENTS, BATCH):
            c.execute(insert(SelfAssessment), [
                {"citizen_id": rng.randint(1, CITIZENS), "life_area": rng.choice(LIFE_AREA_CODES),
                 "current_level": rng.randint(0, 4), "wanted_level": rng.randint(0, 4),
                 "recorded_at": now - timedelta(days=rng.randint(0, 1000))}
                for _ in range(BATCH)])
        if engine.dialect.name == "postgresql":
            c.execute(text("ANALYZE"))
    return time.perf_counter() - start


QUERIES = {
    "inbox: 50 newest submitted in a unit": select(Application.id).where(
        Application.unit_id == 3, Application.status == "submitted"
    ).order_by(Application.submitted_at.desc()).limit(50),
    "one person's change over time in one area": select(SelfAssessment).where(
        SelfAssessment.citizen_id == 4242, SelfAssessment.life_area == "d5"
    ).order_by(SelfAssessment.recorded_at),
    "ISU: mean level per area in one year": select(
        SelfAssessment.life_area, func.avg(SelfAssessment.current_level), func.count()
    ).where(SelfAssessment.recorded_at >= datetime(2026, 1, 1)).group_by(SelfAssessment.life_area),
    "a person's applications": select(Application).where(Application.citizen_id == 4242),
}


def _time(engine, query, runs: int = 7) -> float:
    times = []
    with engine.connect() as c:
        for _ in range(runs):
            start = time.perf_counter()
            c.execute(query).all()
            times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> None:
    url = sys.argv[1] if len(sys.argv) > 1 else "postgresql+psycopg://root@127.0.0.1:5432/test"
    _reset(url)
    engine = create_engine(url)
    print(f"database: {engine.dialect.name}")
    print(f"load {CITIZENS:,} citizens, {APPLICATIONS:,} applications, {ASSESSMENTS:,} self-assessments: "
          f"{_load(engine):.1f} s")
    for name, query in QUERIES.items():
        print(f"{_time(engine, query):8.2f} ms  {name}")
        if engine.dialect.name == "postgresql":
            with engine.connect() as c:
                compiled = query.compile(engine, compile_kwargs={"literal_binds": True})
                plan = c.execute(text(f"EXPLAIN {compiled}")).scalars().all()
            print("            plan: " + " | ".join(line.strip() for line in plan[:3]))
    engine.dispose()


if __name__ == "__main__":
    main()
