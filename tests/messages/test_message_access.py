"""Who may list, read and answer a person's messages: case roles only, the reason rule, one copy per send."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from portal.audit.models import AccessLogEntry
from portal.messages.models import Message
from portal.people.models import StaffUser
from tests.fixtures.forms import hidden_fields, send_form
from tests.fixtures.person_case import token_for


def _send(client, path, body):
    return send_form(client, path, {"body": body})


def _entries(db, staff, **where):
    query = select(AccessLogEntry).where(AccessLogEntry.actor_staff_id == staff.id)
    for name, value in where.items():
        query = query.where(getattr(AccessLogEntry, name) == value)
    return db.scalars(query).all()


@pytest.mark.parametrize("role", ["analyst", "provider", "provider_manager"])
def test_roles_without_cases_get_no_lists_no_search_and_no_menu(role, make_case, make_staff, login_as,
                                                                   staff_client, db):
    case = make_case()
    assert _send(login_as(case.citizen), "/meddelanden", "Hej!").status_code == 303
    other = staff_client(make_staff("Ada", "Analys", role=role))
    landing = other.get("/handlaggare/", follow_redirects=True)  # utförare land on /utforare/
    start = landing.get_data(as_text=True)
    assert 'href="/handlaggare/inkorg"' not in start and 'href="/handlaggare/meddelanden"' not in start
    token = token_for(other, landing.request.path)
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


def test_a_colleague_must_state_a_reason_to_read_or_answer_a_thread_and_leaves_it_unread(make_case, make_staff,
                                                                                         login_as, staff_client, db):
    case = make_case()
    assert _send(login_as(case.citizen), "/meddelanden", "Jag har ont i ryggen.").status_code == 303
    colleague = staff_client(make_staff("Gustav", "Gran"))
    thread = f"/handlaggare/meddelanden/{case.citizen.id}"
    reason_page = f"/handlaggare/arenden/{case.application.id}/skal?till=meddelanden"

    read = colleague.get(thread)
    assert read.status_code == 303 and read.headers["Location"] == reason_page
    token = token_for(colleague, reason_page)
    answer = colleague.post(thread, data={"csrf_token": token, "body": "Svar utan skäl."})
    assert answer.status_code == 303 and answer.headers["Location"] == reason_page
    assert db.scalar(select(func.count()).select_from(Message).where(Message.sender_kind == "staff")) == 0

    stated = colleague.post(reason_page, data={"csrf_token": token, "reason": "covering_for_colleague"})
    assert stated.status_code == 303 and stated.headers["Location"] == thread
    assert "Jag har ont i ryggen." in colleague.get(thread).get_data(as_text=True)
    opened = _entries(db, db.scalars(select(StaffUser).where(StaffUser.given_name == "Gustav")).one(),
                      record_type="application", action="read")
    assert {entry.reason_code for entry in opened} == {"covering_for_colleague"}
    db.expire_all()
    assert db.scalars(select(Message)).one().read_by_staff_at is None

    staff_client(case.officer).get(thread)
    db.expire_all()
    assert db.scalars(select(Message)).one().read_by_staff_at is not None


def test_a_message_sent_twice_is_stored_once_on_both_sides(make_case, login_as, staff_client, db):
    case = make_case()
    thread = f"/handlaggare/meddelanden/{case.citizen.id}"
    for client, page in ((login_as(case.citizen), "/meddelanden"), (staff_client(case.officer), thread)):
        form = {**hidden_fields(client, page), "body": "Skickat med dubbelklick."}
        assert [client.post(page, data=form).status_code for _ in range(2)] == [303, 303]
        forged = client.post(page, data={**form, "token": "not-a-token"})
        assert forged.status_code == 200 and "Något gick fel. Skicka igen." in forged.get_data(as_text=True)
    sent = db.scalars(select(Message.sender_kind).where(Message.body == "Skickat med dubbelklick.")).all()
    assert sorted(sent) == ["citizen", "staff"]
