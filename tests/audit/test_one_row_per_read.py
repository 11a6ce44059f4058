"""One page view writes one access-log row per record read, however many parts of the page load it."""

from __future__ import annotations

from collections import Counter

import pytest
from sqlalchemy import func, select

from portal.access.actor import Actor
from portal.audit.models import AccessLogEntry
from portal.audit.services import log_access
from portal.domain.vocabulary import AccessAction, ProxyScope


def _rows(db) -> int:
    db.expire_all()
    return db.scalar(select(func.count()).select_from(AccessLogEntry))


def _new_rows(db, before: int) -> Counter:
    db.expire_all()
    entries = db.scalars(select(AccessLogEntry).order_by(AccessLogEntry.id).offset(before)).all()
    return Counter((e.action, e.record_type, e.record_id) for e in entries)


def _one_view(client, db, path: str) -> Counter:
    before = _rows(db)
    response = client.get(path)
    assert response.status_code == 200, path
    counts = _new_rows(db, before)
    assert counts, f"{path} logged nothing"
    return counts


def _assert_once_each(counts: Counter, path: str) -> None:
    repeated = {key: n for key, n in counts.items() if n > 1}
    assert not repeated, f"{path} logged the same read more than once: {repeated}"


@pytest.fixture
def case(make_case):
    return make_case()


@pytest.mark.parametrize("page", ["/mitt-stod", "decision", "plan", "follow_up"])
def test_the_persons_pages_log_each_read_once(client, login_as, case, db, page):
    path = {"decision": f"/beslut/{case.decision.id}", "plan": f"/plan/{case.plan.id}",
            "follow_up": f"/uppfoljning/{case.follow_up.id}"}.get(page, page)  # fmt: skip
    login_as(case.citizen)
    counts = _one_view(client, db, path)
    _assert_once_each(counts, path)
    if page == "decision":
        assert counts[("read", "decision", case.decision.id)] == 1


def test_the_ombuds_beslut_page_logs_once_and_as_the_ombud(client, login_as, case, db, make_citizen,
                                                          make_proxy_authority):
    david = make_citizen("David", "Andersson")
    authority = make_proxy_authority(case.citizen, david, [ProxyScope.READ_DECISIONS])
    login_as(david, acting_for=authority)
    before = _rows(db)
    client.get(f"/beslut/{case.decision.id}")
    db.expire_all()
    entries = db.scalars(select(AccessLogEntry).offset(before)).all()
    reads = [e for e in entries if (e.record_type, e.record_id) == ("decision", case.decision.id)]
    assert [(e.proxy_authority_id, e.actor_citizen_id) for e in reads] == [(authority.id, david.id)]


@pytest.mark.parametrize("page", ["", "/uppfoljning", "follow_up"])
def test_the_case_pages_log_each_read_once(staff_client, case, db, page):
    base = f"/handlaggare/arenden/{case.application.id}"
    path = base + (f"/uppfoljning/{case.follow_up.id}" if page == "follow_up" else page)
    counts = _one_view(staff_client(case.officer), db, path)
    _assert_once_each(counts, path)
    assert counts[("read", "application", case.application.id)] == 1


def test_each_page_view_is_logged_again(client, login_as, case, db):
    login_as(case.citizen)
    first = _one_view(client, db, f"/beslut/{case.decision.id}")
    second = _one_view(client, db, f"/beslut/{case.decision.id}")
    assert first[("read", "decision", case.decision.id)] == second[("read", "decision", case.decision.id)] == 1


def test_different_reads_in_one_request_are_all_kept(app, db, case):
    officer = Actor(kind="staff", staff_id=case.officer.id, unit_id=case.officer.unit_id, role="case_officer")
    with app.test_request_context("/"):
        from portal.db import get_session

        log_access(officer, AccessAction.READ, "decision", case.decision.id, case.citizen.id)
        log_access(officer, AccessAction.READ, "decision", case.decision.id, case.citizen.id)
        log_access(officer, AccessAction.READ, "decision", case.decision.id, case.citizen.id, reason_code="supervision")
        log_access(officer, AccessAction.UPDATE, "decision", case.decision.id, case.citizen.id)
        log_access(officer, AccessAction.READ, "plan", case.plan.id, case.citizen.id)
        session = get_session()
        assert len([o for o in session.new if isinstance(o, AccessLogEntry)]) == 4
        session.rollback()
        # After a rollback the earlier row is gone, so the same read is written again.
        log_access(officer, AccessAction.READ, "decision", case.decision.id, case.citizen.id)
        assert len([o for o in session.new if isinstance(o, AccessLogEntry)]) == 1
        session.rollback()


def test_outside_a_request_every_call_writes(db, case):
    system = Actor(kind="system")
    before = _rows(db)
    log_access(system, AccessAction.READ, "decision", case.decision.id, case.citizen.id)
    log_access(system, AccessAction.READ, "decision", case.decision.id, case.citizen.id)
    db.commit()
    assert _rows(db) == before + 2
