"""Only the person (or their ombud with the right fullmakt) sees a draft; staff only after sending."""

import pytest
from sqlalchemy import select

from portal.access import Actor, Permission, is_allowed
from portal.access.gate import unit_records
from portal.applications.models import Application
from portal.audit.models import AccessLogEntry
from portal.domain.vocabulary import ProxyScope
from tests.applications.conftest import Flow

PAGES = ("", "/omraden", "/omrade/d5", "/omrade/d5/skattning", "/mal", "/kontakt", "/kontrollera")


@pytest.fixture
def someone_elses_draft(flow, make_citizen, log_in_as_other, client):
    application_id = flow.complete_draft()
    log_in_as_other(make_citizen("Greta", "Gran"))
    return application_id


@pytest.mark.parametrize("page", PAGES)
def test_another_citizen_gets_404_for_every_page(someone_elses_draft, client, page):
    assert client.get(f"/ansokan/{someone_elses_draft}{page}").status_code == 404


def test_another_citizen_cannot_change_autosave_or_send(someone_elses_draft, client, load, db):
    flow = Flow(client)
    application_id = someone_elses_draft
    assert flow.answer(application_id, "d5", today="Inbrott").status_code == 404
    assert flow.post(f"/ansokan/{application_id}/omrade/d5/spara", {"today": "Inbrott"}).status_code == 404
    assert flow.send(application_id, token="x").status_code == 404
    assert load(application_id).needs[0].today_text != "Inbrott"
    assert load(application_id).status == "draft"
    denied = db.scalars(select(AccessLogEntry).where(AccessLogEntry.outcome == "denied")).all()
    assert len(denied) >= 3


def test_another_citizens_home_page_does_not_list_the_draft(someone_elses_draft, client):
    page = client.get("/mitt-stod").get_data(as_text=True)
    assert "Fortsätt med ansökan" not in page


def test_a_draft_is_invisible_to_staff_until_it_is_sent(flow, make_staff, load, app, db):
    staff = make_staff(unit_code="norr")
    application_id = flow.complete_draft()
    officer = Actor(kind="staff", staff_id=staff.id, unit_id=staff.unit_id, role=staff.role)
    draft = load(application_id)
    draft.unit_id = staff.unit_id  # even in the right unit
    db.commit()
    with app.test_request_context():
        assert not is_allowed(officer, Permission.OPEN_CASE, load(application_id))
        assert (
            application_id not in db.scalars(unit_records(Application, officer).with_only_columns(Application.id)).all()
        )
    flow.send(application_id)
    sent = load(application_id)
    assert sent.unit_id == staff.unit_id
    with app.test_request_context():
        assert is_allowed(officer, Permission.OPEN_CASE, sent)
        assert application_id in db.scalars(unit_records(Application, officer).with_only_columns(Application.id)).all()


def test_an_ombud_writes_for_the_person_and_is_recorded(
    client, log_in_as_other, make_citizen, make_proxy_authority, load
):
    person = make_citizen("Anna", "Andersson")
    ombud = make_citizen("David", "Andersson")
    authority = make_proxy_authority(person, ombud, [ProxyScope.APPLY])
    log_in_as_other(ombud, acting_for=authority)
    application_id = Flow(client).start(filled_in_by="self")
    application = load(application_id)
    assert application.citizen_id == person.id
    assert (application.filled_in_by, application.proxy_authority_id) == ("proxy", authority.id)


def test_an_ombud_without_the_apply_scope_cannot_start_or_see(
    client, login_as, make_citizen, make_proxy_authority, make_application
):
    person = make_citizen("Anna", "Andersson")
    ombud = make_citizen("David", "Andersson")
    draft = make_application(person)
    authority = make_proxy_authority(person, ombud, [ProxyScope.READ_DECISIONS])
    login_as(ombud, acting_for=authority)
    assert client.get("/ansokan/ny").status_code == 404
    assert client.get(f"/ansokan/{draft.id}/omraden").status_code == 404
    assert "Fortsätt med ansökan" not in client.get("/mitt-stod").get_data(as_text=True)


def test_not_logged_in_goes_to_login(client):
    response = client.get("/mitt-stod")
    assert response.status_code in (302, 303)
    assert "/logga-in" in response.headers["Location"]
