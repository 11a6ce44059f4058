"""Who may list, read and answer a person's messages: case roles only, the reason rule, one copy per send."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from portal.audit.models import AccessLogEntry
from tests.fixtures.person_case import token_for


def _send(client, path, body, **extra):
    return client.post(path, data={"csrf_token": token_for(client, path), "body": body, **extra})


def _entries(db, staff, **where):
    query = select(AccessLogEntry).where(AccessLogEntry.actor_staff_id == staff.id)
    for name, value in where.items():
        query = query.where(getattr(AccessLogEntry, name) == value)
    return db.scalars(query).all()


@pytest.mark.parametrize("role", ["analyst", "provider"])
def test_roles_without_cases_get_no_lists_no_search_and_no_menu(role, make_case, make_staff, login_as,
                                                                   staff_client, db):
    case = make_case()
    assert _send(login_as(case.citizen), "/meddelanden", "Hej!").status_code == 303
    other = staff_client(make_staff("Ada", "Analys", role=role))
    start = other.get("/handlaggare/").get_data(as_text=True)
    assert 'href="/handlaggare/inkorg"' not in start and 'href="/handlaggare/meddelanden"' not in start
    token = token_for(other, "/handlaggare/")
    attempts = [
        other.get("/handlaggare/inkorg"),
        other.get("/handlaggare/inkorg?visa=alla"),
        other.post("/handlaggare/inkorg", data={"csrf_token": token, "sok": case.citizen.name}),
        other.get("/handlaggare/meddelanden"),
        other.get(f"/handlaggare/meddelanden/{case.citizen.id}"),
    ]
    assert [response.status_code for response in attempts] == [404] * 5
    assert all(case.citizen.name not in response.get_data(as_text=True) for response in attempts)
    denied = db.scalar(select(func.count()).select_from(AccessLogEntry).where(
        AccessLogEntry.outcome == "denied", AccessLogEntry.actor_kind == "staff"))
    shown = db.scalar(select(func.count()).select_from(AccessLogEntry).where(
        AccessLogEntry.outcome == "ok", AccessLogEntry.actor_kind == "staff"))
    assert denied == 5 and shown == 0


def test_the_case_officers_message_list_logs_one_list_read_per_person(make_case, make_citizen, login_as,
                                                                      staff_client, db):
    first = make_case()
    second = make_case(citizen=make_citizen("Berit", "Berg"), officer=first.officer)
    for case in (first, second):
        assert _send(login_as(case.citizen), "/meddelanden", "Hej!").status_code == 303
    assert staff_client(first.officer).get("/handlaggare/meddelanden").status_code == 200
    reads = _entries(db, first.officer, action="read", reason_code="list")
    assert sorted(entry.subject_citizen_id for entry in reads) == sorted([first.citizen.id, second.citizen.id])
