"""The handläggare's message list: every thread of the unit, answered or not, with the way to the case."""

from __future__ import annotations

import re

from sqlalchemy import select

from portal.audit.models import AccessLogEntry
from portal.domain.vocabulary import ProxyScope
from tests.fixtures.forms import send_form


def _send(client, path, body):
    return send_form(client, path, {"body": body})


def _thread_row(page: str, name: str) -> str:
    return next(row for row in re.findall(r"<tr>.*?</tr>", page, flags=re.S) if name in row)


def test_an_answered_thread_stays_listed_as_answered_and_links_to_the_case(make_case, login_as, staff_client):
    case = make_case()
    person = login_as(case.citizen)
    assert _send(person, "/meddelanden", "Kan ni ringa mig?").status_code == 303
    staff = staff_client(case.officer)
    row = _thread_row(staff.get("/handlaggare/meddelanden").get_data(as_text=True), case.citizen.name)
    assert "Obesvarat" in row and "<td>1</td>" in row
    assert f'href="/handlaggare/arenden/{case.application.id}"' in row

    thread = f"/handlaggare/meddelanden/{case.citizen.id}"
    page = staff.get(thread).get_data(as_text=True)
    assert f'href="/handlaggare/arenden/{case.application.id}"' in page and "Till ärendet för" in page
    assert _send(staff, thread, "Ja, i eftermiddag.").status_code == 303

    row = _thread_row(staff.get("/handlaggare/meddelanden").get_data(as_text=True), case.citizen.name)
    assert "Besvarat" in row and "Obesvarat" not in row and "<td>0</td>" in row
    assert f'href="/handlaggare/arenden/{case.application.id}"' in row


def test_the_newest_thread_comes_first_and_each_person_shown_is_logged(make_case, make_citizen, login_as,
                                                                        staff_client, db):
    first = make_case(citizen=make_citizen("Anna", "Först"))
    second = make_case(citizen=make_citizen("Berit", "Sist"), officer=first.officer)
    _send(login_as(first.citizen), "/meddelanden", "Ett.")
    _send(login_as(second.citizen), "/meddelanden", "Två.")
    staff = staff_client(first.officer)
    page = staff.get("/handlaggare/meddelanden").get_data(as_text=True)
    assert page.index("Berit Sist") < page.index("Anna Först")
    reads = db.scalars(select(AccessLogEntry).where(
        AccessLogEntry.record_type == "message", AccessLogEntry.actor_staff_id == first.officer.id)).all()
    assert sorted(e.subject_citizen_id for e in reads) == sorted([first.citizen.id, second.citizen.id])


def test_an_ombuds_message_waits_in_the_caseload_named_as_the_ombud(make_case, make_citizen, make_proxy_authority,
                                                                    login_as, staff_client):
    case = make_case()
    david = make_citizen("David", "Andersson")
    writer = make_proxy_authority(case.citizen, david, [ProxyScope.MESSAGES])
    assert _send(login_as(david, acting_for=writer), "/meddelanden", "Mamma undrar om tiden.").status_code == 303

    staff = staff_client(case.officer)
    caseload = staff.get("/handlaggare/inkorg").get_data(as_text=True)
    assert re.search(rf'href="/handlaggare/meddelanden/{case.citizen.id}">Obesvarat meddelande', caseload)
    assert "Obesvarat" in _thread_row(staff.get("/handlaggare/meddelanden").get_data(as_text=True), case.citizen.name)
    assert "Ombud David Andersson" in staff.get(f"/handlaggare/meddelanden/{case.citizen.id}").get_data(as_text=True)


def test_an_ombud_without_the_messages_scope_and_another_unit_see_nothing(make_case, make_citizen, make_staff,
                                                                          make_proxy_authority, login_as,
                                                                          staff_client):
    case = make_case()
    _send(login_as(case.citizen), "/meddelanden", "Hej!")
    david = make_citizen("David", "Andersson")
    reader = make_proxy_authority(case.citizen, david, [ProxyScope.READ_DECISIONS])
    assert login_as(david, acting_for=reader).get("/meddelanden").status_code == 404
    stranger = staff_client(make_staff("Fredrik", "Falk", unit_code="soder"))
    assert case.citizen.name not in stranger.get("/handlaggare/meddelanden").get_data(as_text=True)
    caseload = stranger.get("/handlaggare/inkorg").get_data(as_text=True)
    assert f"/handlaggare/meddelanden/{case.citizen.id}" not in caseload and case.application.reference not in caseload
    assert stranger.get(f"/handlaggare/meddelanden/{case.citizen.id}").status_code == 404
