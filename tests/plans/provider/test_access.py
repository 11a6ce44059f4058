"""Who among the utförare may see what: table-driven, every refusal a 404 and logged.

An utförare sees an uppdrag (and its plan, visits, the person's card) only in its own
unit and only while the uppdrag is active; of the ansökan only the livsområden the
person shares; never the handläggare's case page or internal notes.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from portal.access.actor import Actor
from portal.access.gate import Permission, is_allowed
from portal.audit.models import AccessLogEntry
from portal.investigation.models import InternalNote
from portal.plans.models import AssignmentSharedArea, ImplementationPlan
from tests.plans.provider.conftest import send_assignment


def _other_unit(case, assignment, plan):
    return case.maria, f"/utforare/uppdrag/{assignment.id}", "assignment"


def _other_unit_plan(case, assignment, plan):
    return case.maria, f"/utforare/planer/{plan.id}", "implementation_plan"


def _ended(case, assignment, plan):
    assignment.status = "ended"
    return case.karin, f"/utforare/uppdrag/{assignment.id}", "assignment"


def _past_end_date(case, assignment, plan):
    assignment.ends_on = date.today() - timedelta(days=1)
    return case.karin, f"/utforare/planer/{plan.id}", "implementation_plan"


def _area_not_shared(case, assignment, plan):
    assignment.shared_areas = [AssignmentSharedArea(life_area="d5")]
    return case.karin, f"/utforare/uppdrag/{assignment.id}/ansokan/d6", "need_description"


def _case_page_with_notes(case, assignment, plan):
    return case.karin, f"/handlaggare/arenden/{case.application.id}", "application"


def _handlaggare_plan_of_the_same_beslut(case, assignment, plan):
    return case.karin, f"/utforare/planer/{case.plan.id}", "implementation_plan"


REFUSED = {
    "utförare of another unit, the uppdrag": _other_unit,
    "utförare of another unit, the plan": _other_unit_plan,
    "after the uppdrag ended": _ended,
    "after the uppdrag's end date": _past_end_date,
    "a livsområde the person does not share": _area_not_shared,
    "the handläggare's case page and notes": _case_page_with_notes,
    "a plan not written under the uppdrag": _handlaggare_plan_of_the_same_beslut,
}


@pytest.fixture
def arranged(db, provider_case, staff_client):
    assignment = send_assignment(staff_client, provider_case)
    assignment.status = "accepted"
    plan = ImplementationPlan(citizen_id=provider_case.citizen.id, assignment_id=assignment.id,
                              decision_id=provider_case.decision.id, unit_id=provider_case.karin.unit_id,
                              created_by_id=provider_case.karin.id)
    db.add(plan)
    db.add(InternalNote(application_id=provider_case.application.id, citizen_id=provider_case.citizen.id,
                        author_id=provider_case.officer.id, body="Intern anteckning"))
    db.commit()
    return provider_case, assignment, plan


@pytest.mark.parametrize("arrange", REFUSED.values(), ids=REFUSED.keys())
def test_refused_is_404_and_logged(db, arranged, staff_client, arrange):
    case, assignment, plan = arranged
    staff, path, record_type = arrange(case, assignment, plan)
    db.commit()
    response = staff_client(staff).get(path)
    assert response.status_code == 404
    assert "Intern anteckning" not in response.get_data(as_text=True)
    denied = db.scalars(select(AccessLogEntry).where(AccessLogEntry.actor_staff_id == staff.id,
                                                     AccessLogEntry.outcome == "denied")).all()
    assert record_type in {entry.record_type for entry in denied}


def test_the_same_pages_open_for_the_kontaktperson_while_active(db, arranged, staff_client):
    case, assignment, plan = arranged
    karin = staff_client(case.karin)
    for path in (f"/utforare/uppdrag/{assignment.id}", f"/utforare/planer/{plan.id}",
                 f"/utforare/uppdrag/{assignment.id}/ansokan/d6"):
        assert karin.get(path).status_code == 200, path
    granted = db.scalars(select(AccessLogEntry.record_type).where(AccessLogEntry.actor_staff_id == case.karin.id,
                                                                  AccessLogEntry.outcome == "ok")).all()
    assert {"assignment", "implementation_plan", "need_description"} <= set(granted)


def test_no_utforare_may_open_an_internal_note(db, arranged):
    case, _assignment, _plan = arranged
    note = db.scalars(select(InternalNote)).one()
    for staff in (case.karin, case.lars, case.maria):
        actor = Actor(kind="staff", staff_id=staff.id, unit_id=staff.unit_id, role=staff.role)
        assert not is_allowed(actor, Permission.OPEN_CASE, note)


def test_the_person_changes_what_is_shared_and_it_is_logged(db, arranged, browser_for):
    from tests.plans.provider.conftest import token_for

    case, assignment, _plan = arranged
    anna = browser_for(case.citizen)
    page = f"/mina-uppdrag/{assignment.id}/dela"
    response = anna.post(page, data={"csrf_token": token_for(anna, page), "areas_sent": "1", "areas": ["d5"]})
    assert response.status_code == 303
    db.refresh(assignment)
    assert {a.life_area for a in assignment.shared_areas} == {"d5"}
    logged = db.scalars(select(AccessLogEntry).where(AccessLogEntry.actor_citizen_id == case.citizen.id,
                                                     AccessLogEntry.record_type == "assignment",
                                                     AccessLogEntry.action == "update")).all()
    assert logged


def test_an_ombud_cannot_change_what_is_shared(db, arranged, browser_for, make_citizen, make_proxy_authority):
    from portal.domain.vocabulary import ProxyScope

    case, assignment, _plan = arranged
    david = make_citizen("David", "Andersson")
    authority = make_proxy_authority(case.citizen, david, list(ProxyScope))
    response = browser_for(david, acting_for=authority).get(f"/mina-uppdrag/{assignment.id}/dela")
    assert response.status_code == 404


def test_the_card_is_seen_by_the_unit_on_the_uppdrag_only(db, arranged, staff_client, browser_for):
    from tests.plans.provider.conftest import token_for

    case, assignment, _plan = arranged
    anna = browser_for(case.citizen)
    card = "Ring på dörren två gånger. Jag vill ha kaffe först."
    assert anna.post("/sa-vill-jag-ha-det", data={"csrf_token": token_for(anna, "/sa-vill-jag-ha-det"),
                                                  "text": card}).status_code == 303
    assert card in staff_client(case.karin).get(f"/utforare/uppdrag/{assignment.id}").get_data(as_text=True)
    assert staff_client(case.maria).get(f"/utforare/uppdrag/{assignment.id}").status_code == 404


def test_the_handlaggare_cannot_publish_the_utforares_draft(db, arranged, staff_client):
    from tests.plans.provider.conftest import token_for

    case, _assignment, plan = arranged
    eva = staff_client(case.officer)
    path = f"/handlaggare/arenden/{case.application.id}"
    response = eva.post(f"{path}/planer/{plan.id}/publicera", data={"csrf_token": token_for(eva, path)})
    assert response.status_code == 404
    assert db.get(ImplementationPlan, plan.id).status == "draft"
