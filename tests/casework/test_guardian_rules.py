"""God man and förvaltare (issue 11, findings 8, 12 and 14): two officers, never staff of the
person's unit, ended only by the unit that registered it, and the proper route for skyddad identitet."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from portal.access.actor import active_authority
from portal.audit.models import AccessLogEntry
from portal.messages.models import Notification
from portal.people.models import Unit
from portal.proxies.models import ProxyAuthority
from tests.fixtures.staff_case import post


def _register(client, case, person, **fields):
    form = {"kind": "administrator", "personnummer": person.personnummer, "given_name": person.given_name,
            "family_name": person.family_name, "scopes": ["read_decisions", "act_on_decisions"],
            "valid_from": date.today().isoformat(), "court_reference": "Ä 1234-26", **fields}
    return post(client, f"/handlaggare/arenden/{case.id}/stallforetradare", form)


def _denied(db) -> list[AccessLogEntry]:
    db.expire_all()
    return list(db.scalars(select(AccessLogEntry).where(AccessLogEntry.outcome == "denied")))


def test_a_handlaggare_cannot_appoint_themselves_forvaltare(client, db, login_as, officer, make_case):
    case = make_case()
    login_as(officer, staff=True)
    response = _register(client, case, officer)
    assert response.status_code == 422
    assert "Personal i personens enhet kan inte vara ställföreträdare" in response.get_data(as_text=True)
    assert db.scalars(select(ProxyAuthority)).all() == []
    assert _denied(db)


def test_a_registration_works_only_when_a_second_officer_confirms(client, db, login_as, officer, colleague,
                                                                   make_case, make_citizen):
    case, gun = make_case(), make_citizen("Gun", "Godman")
    login_as(officer, staff=True)
    assert _register(client, case, gun).status_code == 303
    authority = db.scalars(select(ProxyAuthority)).one()
    assert authority.status == "awaiting_confirmation"
    assert active_authority(db, authority.id, gun.id) is None  # cannot act for the person yet
    assert "Agera för" not in login_as(gun).get("/vem-agerar-jag-for").get_data(as_text=True)

    login_as(officer, staff=True)  # the registering officer cannot confirm it
    url = f"/handlaggare/arenden/{case.id}/stallforetradare/{authority.id}/bekrafta"
    post(client, url)
    db.refresh(authority)
    assert authority.status == "awaiting_confirmation"
    assert db.scalars(select(Notification).where(Notification.citizen_id == case.citizen_id)).all() == []

    login_as(colleague, staff=True)
    case.assigned_officer_id = None
    db.commit()
    assert post(client, url).status_code == 303
    db.refresh(authority)
    assert (authority.status, authority.confirmed_by_id) == ("active", colleague.id)
    assert active_authority(db, authority.id, gun.id) is not None
    notices = db.scalars(select(Notification).where(Notification.citizen_id == case.citizen_id)).all()
    assert [n.kind for n in notices] == ["guardian"]


def test_staff_of_another_unit_cannot_end_a_guardian(client, db, login_as, officer, colleague, foreign_officer,
                                                     make_case, make_citizen):
    anna, gun = make_citizen("Anna"), make_citizen("Gun", "Godman")
    norr_case = make_case(citizen=anna, assigned_officer_id=None)
    soder_case = make_case(citizen=anna, unit=db.get(Unit, foreign_officer.unit_id), reference="MS-T-SODER",
                           assigned_officer_id=None)
    login_as(officer, staff=True)
    _register(client, norr_case, gun)
    authority = db.scalars(select(ProxyAuthority)).one()
    login_as(colleague, staff=True)
    post(client, f"/handlaggare/arenden/{norr_case.id}/stallforetradare/{authority.id}/bekrafta")

    login_as(foreign_officer, staff=True)
    page = client.get(f"/handlaggare/arenden/{soder_case.id}/stallforetradare").get_data(as_text=True)
    assert "Registrerad av en annan enhet" in page
    before = len(_denied(db))
    response = post(client, f"/handlaggare/arenden/{soder_case.id}/stallforetradare/{authority.id}/avsluta")
    assert response.status_code == 404
    db.refresh(authority)
    assert authority.revoked_at is None and authority.status == "active"
    assert len(_denied(db)) == before + 1


def test_a_god_man_for_a_person_with_skyddad_identitet_works_through_two_officers(
        client, db, login_as, officer, colleague, make_case, make_citizen):
    hanna, gun = make_citizen("Hanna", protected_identity=True), make_citizen("Gun", "Godman")
    case = make_case(citizen=hanna, assigned_officer_id=None)
    login_as(officer, staff=True)
    page = client.get(f"/handlaggare/arenden/{case.id}/stallforetradare").get_data(as_text=True)
    assert "Skyddad identitet" in page and "En fullmakt går inte" in page
    _register(client, case, gun)
    authority = db.scalars(select(ProxyAuthority)).one()
    login_as(colleague, staff=True)
    post(client, f"/handlaggare/arenden/{case.id}/stallforetradare/{authority.id}/bekrafta")
    db.expire_all()
    assert active_authority(db, authority.id, gun.id) is not None
    chooser = login_as(gun).get("/vem-agerar-jag-for").get_data(as_text=True)
    assert "Agera för Hanna" in chooser
