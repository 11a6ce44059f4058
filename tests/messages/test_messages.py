"""Secure messages both ways; notifications say only that something is new."""

from __future__ import annotations

import logging

from sqlalchemy import select

from portal.domain.vocabulary import ProxyScope
from portal.messages.models import Message, Notification
from portal.messages.services import unread_messages_for_unit
from tests.fixtures.forms import send_form


def _citizen_sends(client, body):
    return send_form(client, "/meddelanden", {"body": body})


def test_messages_go_both_ways(make_case, login_as, staff_client, db, caplog):
    case = make_case()
    citizen = login_as(case.citizen)
    assert _citizen_sends(citizen, "Kan hemtjänsten komma klockan tio?").status_code == 303
    [thread] = unread_messages_for_unit(case.officer.unit_id)
    assert (thread.citizen_id, thread.unread) == (case.citizen.id, 1)

    staff = staff_client(case.officer)
    assert case.citizen.name in staff.get("/handlaggare/meddelanden").get_data(as_text=True)
    page = staff.get(f"/handlaggare/meddelanden/{case.citizen.id}").get_data(as_text=True)
    assert "Kan hemtjänsten komma klockan tio?" in page
    assert unread_messages_for_unit(case.officer.unit_id) == []
    with caplog.at_level(logging.INFO, logger="portal.notify"):
        reply = send_form(staff, f"/handlaggare/meddelanden/{case.citizen.id}", {"body": "Ja, det går bra."})
    assert reply.status_code == 303, reply.get_data(as_text=True)[-2500:]
    notification = db.scalars(select(Notification).where(Notification.kind == "message")).one()
    assert notification.citizen_id == case.citizen.id and notification.sent_at is not None
    assert "Ja, det går bra." not in caplog.text and "notification kind=message" in caplog.text

    assert "Ja, det går bra." in citizen.get("/meddelanden").get_data(as_text=True)
    assert db.scalars(select(Message).where(Message.sender_kind == "staff")).one().read_by_citizen_at is not None


def test_an_empty_message_says_what_to_do(make_case, login_as, db):
    case = make_case()
    page = _citizen_sends(login_as(case.citizen), "  ").get_data(as_text=True)
    assert "Skriv ditt meddelande." in page and "<title>Fel:" in page
    assert db.scalars(select(Message)).first() is None


def test_a_person_sees_only_their_own_messages(make_case, login_as):
    case = make_case()
    other = make_case()
    _citizen_sends(login_as(other.citizen), "Hemligt från Bo.")
    assert "Hemligt från Bo." not in login_as(case.citizen).get("/meddelanden").get_data(as_text=True)


def test_staff_of_another_unit_cannot_open_the_thread(make_case, make_staff, login_as, staff_client):
    case = make_case()
    _citizen_sends(login_as(case.citizen), "Hej!")
    stranger = make_staff("Fredrik", "Fors", unit_code="soder")
    client = staff_client(stranger)
    assert client.get(f"/handlaggare/meddelanden/{case.citizen.id}").status_code == 404
    assert case.citizen.name not in client.get("/handlaggare/meddelanden").get_data(as_text=True)
    assert login_as(case.citizen).get(f"/handlaggare/meddelanden/{case.citizen.id}").status_code in (302, 303)


def test_an_ombud_writes_only_with_the_messages_scope(make_case, make_citizen, make_proxy_authority, login_as,
                                                     staff_client, db):
    case = make_case()
    david = make_citizen("David", "Andersson")
    readers = make_proxy_authority(case.citizen, david, [ProxyScope.READ_DECISIONS])
    assert login_as(david, acting_for=readers).get("/meddelanden").status_code == 404
    writer = make_proxy_authority(case.citizen, david, [ProxyScope.MESSAGES])
    client = login_as(david, acting_for=writer)
    assert _citizen_sends(client, "Jag skriver för mamma.").status_code == 303
    message = db.scalars(select(Message)).one()
    sent = (message.citizen_id, message.sender_kind, message.proxy_authority_id)
    assert sent == (case.citizen.id, "proxy", writer.id)
    page = staff_client(case.officer).get(f"/handlaggare/meddelanden/{case.citizen.id}").get_data(as_text=True)
    assert "Ombud David Andersson" in page
