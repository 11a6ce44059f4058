"""PDF benchmark: the ansökan PDF at the caps, and whether PDFs being made block writers.

Run:  .venv/bin/python -m tests.benchmarks.bench_pdf [CONCURRENT]
(a fresh SQLite database in a temporary folder; default 6 concurrent PDFs).

Prints, for an ansökan filled to every cap (all livsområden, every answer and
goal at its maximum length, the most goals allowed):
- pages, seconds and peak memory (RSS of the process that renders) of one PDF,
- CONCURRENT PDFs at once while another person saves a text every 50 ms:
  how many saves failed with "database is locked", and the longest save,
  both the way PDFs were made before issue 11 (WeasyPrint inside the
  request's open transaction) and now (transaction closed, child process).
Numbers, not assertions.
"""

from __future__ import annotations

import multiprocessing
import resource
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from pathlib import Path

from portal import create_app, migrate, pdf
from portal.access.actor import SESSION_CITIZEN
from portal.applications.models import Application, Goal, NeedDescription
from portal.applications.services import NEED_COLUMNS
from portal.db import get_session
from portal.domain.life_areas import LIFE_AREAS
from portal.domain.personnummer import make_test_personnummer, parse_personnummer
from portal.people.services import find_or_create_citizen, get_or_create_unit
from portal.validation import MAX_GOALS_PER_APPLICATION, MAX_GOALS_PER_AREA, PERSON_TEXT_MAX

WORDS = "Jag behöver hjälp med att duscha och laga mat, och att komma ut ibland. "


def _text(n: int) -> str:
    return (WORDS * (n // len(WORDS) + 1))[:n]


def _app(folder: Path):
    url = f"sqlite:///{folder / 'bench.sqlite'}"
    migrate.upgrade(url)
    config = {"PORTAL_ENV": "test", "TESTING": True, "SECRET_KEY": "bench-secret-key-that-is-long-enough-0123",
              "DATABASE_URL": url, "DEV_FEATURES": True, "WTF_CSRF_ENABLED": False,
              "DEVIDP_DATABASE_URL": f"sqlite:///{folder / 'devidp.sqlite'}",
              "PDF_TIME_LIMIT_SECONDS": 120}  # measure, not refuse
    return create_app(config, instance_path=str(folder))


def _people(app) -> tuple[int, int, int]:
    """(citizen with a full sent ansökan, its id, a second citizen's draft id)."""
    import datetime as dt

    from portal.modelbase import utcnow

    with app.app_context():
        db = get_session()
        unit = get_or_create_unit("norr", "Norr")
        ids = []
        for day in (1, 2):
            pnr = parse_personnummer(make_test_personnummer(dt.date(1950, 1, day), "981"))
            citizen = find_or_create_citizen(pnr, "Anna", f"Person{day}")
            citizen.home_unit_id = unit.id
            ids.append(citizen.id)
        db.flush()
        full = Application(citizen_id=ids[0], status="submitted", reference="MS-2026-000001", unit_id=unit.id,
                           submitted_at=utcnow(), filled_in_by="self")
        full.needs = [NeedDescription(life_area=area.code, position=i,
                                      **{column: _text(PERSON_TEXT_MAX) for column in NEED_COLUMNS.values()})
                      for i, area in enumerate(LIFE_AREAS)]  # fmt: skip
        codes = [area.code for area in LIFE_AREAS]
        full.goals = [Goal(citizen_id=ids[0], position=i, life_area=codes[i // MAX_GOALS_PER_AREA],
                           text=_text(PERSON_TEXT_MAX), follow_up_on=dt.date(2027, 6, 1))
                      for i in range(MAX_GOALS_PER_APPLICATION)]  # fmt: skip
        draft = Application(citizen_id=ids[1], status="draft", current_step="omraden")
        draft.needs = [NeedDescription(life_area="d5", position=0)]
        db.add_all([full, draft])
        db.commit()
        return ids[0], full.id, ids[1], draft.id


def _client(app, citizen_id):
    client = app.test_client()
    with client.session_transaction() as session:
        session[SESSION_CITIZEN] = citizen_id
    return client


def _peak_rss_mb_of_child(html: str, static_folder: str) -> float:
    """Render once in a fresh child and read its peak RSS (the render's memory, alone)."""
    receiving, sending = multiprocessing.Pipe(duplex=False)
    from portal import pdf_worker

    child = multiprocessing.get_context("fork").Process(
        target=pdf_worker.render, args=(html, pdf.PDF_BASE_URL, static_folder, 10_000, sending))
    child.start()
    sending.close()
    receiving.recv()
    child.join()
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


@contextmanager
def _old_way():
    """PDFs as before issue 11: WeasyPrint in the request thread, the transaction still open."""
    from weasyprint import HTML

    saved = pdf.finish_request_transaction, pdf._render_in_child

    def inline(html, static_folder, _max_pages, _limit):
        fetcher = pdf.StaticOnlyFetcher(Path(static_folder))
        return HTML(string=html, base_url=pdf.PDF_BASE_URL, url_fetcher=fetcher).write_pdf()

    pdf.finish_request_transaction, pdf._render_in_child = (lambda: None), inline
    try:
        yield
    finally:
        pdf.finish_request_transaction, pdf._render_in_child = saved


def _concurrent(app, owner, application_id, writer, draft_id, count) -> dict:
    results, saves, stop = [], [], threading.Event()

    # Everyone logs in first: the measurement is of PDFs and saves only.
    pdf_clients = [_client(app, owner) for _ in range(count)]
    saving_client = _client(app, writer)

    def make_pdf(client):
        started = time.monotonic()
        response = client.get(f"/ansokan/{application_id}/ansokan.pdf")
        results.append((response.status_code, time.monotonic() - started))

    def keep_saving():
        client = saving_client
        while not stop.is_set():
            started = time.monotonic()
            response = client.post(f"/ansokan/{draft_id}/omrade/d5/spara", data={"today": f"Text {time.time()}"},
                                   headers={"HX-Request": "true"})  # fmt: skip
            saves.append((response.status_code, time.monotonic() - started))
            time.sleep(0.05)

    saver = threading.Thread(target=keep_saving)
    saver.start()
    threads = [threading.Thread(target=make_pdf, args=(client,)) for client in pdf_clients]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.monotonic() - started
    stop.set()
    saver.join()
    return {
        "pdfs ok": sum(1 for code, _ in results if code == 200),
        "pdfs refused": sum(1 for code, _ in results if code != 200),
        "slowest pdf s": round(max(t for _, t in results), 1),
        "wall s": round(wall, 1),
        "saves": len(saves),
        "saves failed": sum(1 for code, _ in saves if code != 200),
        "slowest save s": round(max(t for _, t in saves), 2),
    }


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 6
    with tempfile.TemporaryDirectory() as folder:
        app = _app(Path(folder))
        owner, application_id, writer, draft_id = _people(app)
        client = _client(app, owner)
        captured = {}
        render = pdf._render_in_child
        pdf._render_in_child = lambda html, *_: captured.setdefault("html", html) and b"%PDF"
        client.get(f"/ansokan/{application_id}/ansokan.pdf")
        pdf._render_in_child = render
        html = captured["html"]
        started = time.monotonic()
        response = client.get(f"/ansokan/{application_id}/ansokan.pdf")
        seconds = time.monotonic() - started
        from weasyprint import HTML

        pages = len(HTML(string=html, base_url=pdf.PDF_BASE_URL,
                         url_fetcher=pdf.StaticOnlyFetcher(Path(app.static_folder))).render().pages)  # fmt: skip
        peak = _peak_rss_mb_of_child(html, app.static_folder)
        print(f"one PDF at the caps: status {response.status_code}, {len(response.data) // 1024} KB, "
              f"{pages} pages, {seconds:.1f} s, peak RSS of the render {peak:.0f} MB")
        with _old_way():
            print("before (in the open transaction):", _concurrent(app, owner, application_id, writer, draft_id, count))
        print("now (transaction closed, child process):",
              _concurrent(app, owner, application_id, writer, draft_id, count))


if __name__ == "__main__":
    main()
