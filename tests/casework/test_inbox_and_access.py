"""Inbox, the unit rule, and the reason-logged open of a colleague's case."""

from __future__ import annotations

from sqlalchemy import select

from portal.applications.models import Application
from portal.audit.models import AccessLogEntry
from portal.domain.states import ApplicationStatus
from tests.fixtures.staff_case import post


def test_inbox_lists_new_cases_of_own_unit_only(
    client, login_as, officer, foreign_officer, make_case, make_citizen, db
):
    mine = make_case()
    foreign = make_case(make_citizen("Olle", "Okänd"), unit=foreign_officer.unit)
    draft = make_case(make_citizen("Dora", "Draft"), status=ApplicationStatus.DRAFT)
    login_as(officer, staff=True)
    page = client.get("/handlaggare/inkorg").get_data(as_text=True)
    assert mine.reference in page and "Bertil Berg" in page
    assert foreign.reference not in page and "Olle" not in page
    assert draft.reference not in page and "Dora" not in page


def test_mine_view_and_assign_to_self(client, login_as, officer, make_case, db):
    case = make_case()
    login_as(officer, staff=True)
    assert case.reference not in client.get("/handlaggare/inkorg?visa=mina").get_data(as_text=True)
    response = post(client, f"/handlaggare/arenden/{case.id}/tilldela", {"officer": "me", "from": "inbox"})
    assert response.status_code == 303
    assert case.reference in client.get("/handlaggare/inkorg?visa=mina").get_data(as_text=True)


def test_search_by_personnummer_is_posted_never_in_the_url(client, login_as, officer, make_case, make_citizen):
    wanted = make_case(make_citizen("Sara", "Sökt"))
    other = make_case(make_citizen("Per", "Annan"))
    login_as(officer, staff=True)
    page = client.get("/handlaggare/inkorg").get_data(as_text=True)
    assert 'method="post"' in page and 'name="sok"' in page
    response = post(
        client,
        "/handlaggare/inkorg",
        {"sok": wanted.citizen.personnummer} if hasattr(wanted, "citizen") else {"sok": _pnr_of(wanted)},
    )
    text = response.get_data(as_text=True)
    assert wanted.reference in text and other.reference not in text
    by_name = post(client, "/handlaggare/inkorg", {"sok": "sökt"}).get_data(as_text=True)
    assert wanted.reference in by_name and other.reference not in by_name


def _pnr_of(application):
    from portal.db import get_session
    from portal.people.identity import decrypt_pnr
    from portal.people.models import Citizen

    return decrypt_pnr(get_session().get(Citizen, application.citizen_id).pnr_encrypted)


def test_foreign_unit_case_is_404_and_logged_as_denied(client, login_as, foreign_officer, make_case, db):
    case = make_case()
    login_as(foreign_officer, staff=True)
    for url in (
        f"/handlaggare/arenden/{case.id}",
        f"/handlaggare/arenden/{case.id}/skal",
        f"/handlaggare/arenden/{case.id}/export.json",
        "/handlaggare/arenden/999999",
    ):
        assert client.get(url).status_code == 404, url
    denied = db.scalars(select(AccessLogEntry).where(AccessLogEntry.outcome == "denied")).all()
    assert any(e.record_id == case.id and e.actor_staff_id == foreign_officer.id for e in denied)


def test_draft_is_404_even_in_own_unit(client, login_as, officer, make_case):
    draft = make_case(status=ApplicationStatus.DRAFT)
    login_as(officer, staff=True)
    assert client.get(f"/handlaggare/arenden/{draft.id}").status_code == 404


def test_colleagues_case_opens_only_with_a_reason_which_is_logged(client, login_as, officer, colleague, make_case, db):
    case = make_case(assigned_officer_id=colleague.id)
    login_as(officer, staff=True)
    inbox = client.get("/handlaggare/inkorg?visa=alla").get_data(as_text=True)
    assert case.reference in inbox  # it exists, and the officer can see that
    response = client.get(f"/handlaggare/arenden/{case.id}")
    assert response.status_code == 303 and response.location.endswith(f"/arenden/{case.id}/skal")
    form = client.get(f"/handlaggare/arenden/{case.id}/skal").get_data(as_text=True)
    assert "Jag duschar" not in form  # nothing of the person's words before a reason
    bad = post(client, f"/handlaggare/arenden/{case.id}/skal", {"reason": "curious"})
    assert bad.status_code == 422
    ok = post(client, f"/handlaggare/arenden/{case.id}/skal", {"reason": "covering_for_colleague"})
    assert ok.status_code == 303
    page = client.get(f"/handlaggare/arenden/{case.id}")
    assert page.status_code == 200 and "Jag duschar" in page.get_data(as_text=True)
    db.expire_all()
    reads = db.scalars(
        select(AccessLogEntry).where(
            AccessLogEntry.record_type == "application",
            AccessLogEntry.record_id == case.id,
            AccessLogEntry.actor_staff_id == officer.id,
            AccessLogEntry.outcome == "ok",
            AccessLogEntry.reason_code.is_distinct_from("list"),  # seen in the caseload, not opened
        )
    ).all()
    assert reads and all(e.reason_code == "covering_for_colleague" for e in reads)


def test_assigned_officer_opens_without_reason(client, login_as, officer, make_case, db):
    case = make_case(assigned_officer_id=officer.id)
    login_as(officer, staff=True)
    assert client.get(f"/handlaggare/arenden/{case.id}").status_code == 200
    entry = db.scalars(
        select(AccessLogEntry).where(AccessLogEntry.record_id == case.id, AccessLogEntry.record_type == "application")
    ).first()
    assert entry.action == "read" and entry.reason_code is None and entry.actor_kind == "staff"


def test_mark_received_changes_status(client, login_as, officer, make_case, db):
    case = make_case()
    login_as(officer, staff=True)
    assert post(client, f"/handlaggare/arenden/{case.id}/mottagen").status_code == 303
    db.expire_all()
    application = db.get(Application, case.id)
    assert application.status == "received" and application.received_at is not None
    assert "Ärendet markerades som mottaget" in client.get(f"/handlaggare/arenden/{case.id}").get_data(as_text=True)


def test_citizen_cannot_reach_staff_pages(client, login_as, make_case, make_citizen):
    case = make_case()
    login_as(make_citizen("Ivar", "Inkräktare"))
    response = client.get(f"/handlaggare/arenden/{case.id}")
    assert response.status_code == 303 and "/handlaggare/logga-in" in response.location
