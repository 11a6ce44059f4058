""""Behöver åtgärd": each rule shows an item in the case's row, and the item goes once the
column that means "handled" is set. The start page counts them."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest

from portal.decisions.models import Appeal, Communication, Decision
from portal.domain.states import ApplicationStatus
from portal.followups.models import FollowUp, NeedChange
from portal.messages.models import Message
from portal.modelbase import utcnow
from portal.plans.models import ImplementationPlan, PlanResponse
from tests.fixtures.person_case import build_case

INBOX = "/handlaggare/inkorg"


def _row(client, reference: str) -> str:
    page = client.get(f"{INBOX}?visa=alla").get_data(as_text=True)
    body = page.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return next(row for row in re.findall(r"<tr>.*?</tr>", body, flags=re.S) if reference in row)


def _needs_action_view(client) -> str:
    return client.get(INBOX).get_data(as_text=True)


@pytest.fixture
def decided(db, make_citizen, officer):
    """A decided case with a plan, its follow-up booked two months ahead: nothing waits in it."""
    case = build_case(db, make_citizen("Anna", "Andersson"), officer)
    case.follow_up.due_on = date.today() + timedelta(days=60)
    db.commit()
    return case


@pytest.fixture
def eva(client, login_as, officer):
    return login_as(officer, staff=True)


def test_a_quiet_decided_case_needs_nothing(eva, decided):
    row = _row(eva, decided.application.reference)
    assert "Genomförande" in row and "–" in row
    assert decided.application.reference not in _needs_action_view(eva)


def test_a_new_case_waits_until_it_is_received(eva, make_case, db):
    case = make_case()
    assert "Ny ansökan att ta emot" in _row(eva, case.reference)
    case.status = ApplicationStatus.RECEIVED.value
    db.commit()
    assert "Ny ansökan att ta emot" not in _row(eva, case.reference)


@pytest.mark.parametrize("handled", [
    {"forwarded_on": date.today()},
    {"dismissed_on": date.today(), "in_time": False},
    {"reconsideration": "changed", "reconsidered_on": date.today()},
])
def test_an_appeal_waits_until_its_handling_is_finished(eva, decided, db, handled):
    appeal = Appeal(decision_id=decided.decision.id, citizen_id=decided.citizen.id, text="Jag vill ha mer hjälp.",
                    reference=f"OK-{decided.decision.id}")
    db.add(appeal)
    db.commit()
    row = _row(eva, decided.application.reference)
    assert "Överklagande att hantera" in row and "Överklagad" in row
    assert f'href="/handlaggare/arenden/{decided.application.id}#beslut"' in row
    appeal.in_time, appeal.timeliness_checked_on = True, date.today()
    appeal.reconsideration, appeal.reconsidered_on = "unchanged", date.today()
    db.commit()
    assert "Överklagande att hantera" in _row(eva, decided.application.reference)  # still to forward
    for column, value in handled.items():
        setattr(appeal, column, value)
    db.commit()
    row = _row(eva, decided.application.reference)
    assert "Överklagande att hantera" not in row and "Överklagad" not in row


def test_an_answered_kommunicering_waits_until_a_beslut_is_published(eva, make_case, db, officer):
    case = make_case(status=ApplicationStatus.INVESTIGATING)
    communication = Communication(application_id=case.id, citizen_id=case.citizen_id, unit_id=case.unit_id,
                                  sent_by_id=officer.id, answer_by=date.today() + timedelta(days=14),
                                  proposal_text="Du får hemtjänst.")
    db.add(communication)
    db.commit()
    row = _row(eva, case.reference)
    assert "Kommunicering" in row and "Svar på kommunicering" not in row
    communication.response, communication.responded_at = "agree", utcnow()
    db.commit()
    assert "Svar på kommunicering" in _row(eva, case.reference)
    db.add(Decision(application_id=case.id, citizen_id=case.citizen_id, officer_id=officer.id, unit_id=case.unit_id,
                    status="published", decided_on=date.today(), published_at=utcnow() + timedelta(seconds=1)))
    db.commit()
    row = _row(eva, case.reference)
    assert "Svar på kommunicering" not in row and "Beslutad" in row


def test_a_kommunicering_before_a_new_assessment_no_longer_counts(eva, make_case, db, officer):
    from portal.investigation.models import Assessment

    case = make_case(status=ApplicationStatus.INVESTIGATING)
    db.add(Communication(application_id=case.id, citizen_id=case.citizen_id, unit_id=case.unit_id,
                         answer_by=date.today(), sent_at=utcnow() - timedelta(days=2)))
    db.add(Assessment(application_id=case.id, citizen_id=case.citizen_id, officer_id=officer.id, life_area="d5",
                      assessed_level=3, intended_level=1))
    db.commit()
    assert "Under utredning" in _row(eva, case.reference)


def test_a_change_request_waits_until_handled(eva, decided, db, officer):
    response = PlanResponse(plan_id=decided.plan.id, plan_version=1, agreed=False)
    db.add(response)
    db.commit()
    row = _row(eva, decided.application.reference)
    assert "Personen vill ändra genomförandeplanen" in row
    assert f'href="/handlaggare/arenden/{decided.application.id}#planer"' in row
    response.handled_at, response.handled_by_id = utcnow(), officer.id
    db.commit()
    assert "Personen vill ändra genomförandeplanen" not in _row(eva, decided.application.reference)


def test_a_change_request_goes_when_a_newer_version_is_published(eva, decided, db, officer):
    db.add(PlanResponse(plan_id=decided.plan.id, plan_version=1, agreed=False))
    db.add(PlanResponse(plan_id=decided.plan.id, plan_version=1, agreed=True))
    second = ImplementationPlan(citizen_id=decided.citizen.id, decision_id=decided.decision.id,
                                unit_id=decided.plan.unit_id, version=2, replaces_id=decided.plan.id,
                                created_by_id=officer.id)
    db.add(second)
    db.commit()
    row = _row(eva, decided.application.reference)
    assert row.count("Personen vill ändra genomförandeplanen") == 1  # a draft is no answer yet
    second.status, second.published_at = "published", utcnow()
    decided.plan.status = "superseded"
    db.flush()
    third = ImplementationPlan(citizen_id=decided.citizen.id, decision_id=decided.decision.id,
                               unit_id=decided.plan.unit_id, version=3, replaces_id=second.id,
                               status="published", created_by_id=officer.id, published_at=utcnow())
    second.status = "superseded"
    db.add(third)
    db.commit()
    assert "Personen vill ändra genomförandeplanen" not in _row(eva, decided.application.reference)


def test_an_answered_follow_up_waits_until_read(eva, decided, db, officer):
    decided.follow_up.status, decided.follow_up.answered_at = "answered", utcnow()
    db.commit()
    row = _row(eva, decided.application.reference)
    assert "Uppföljning besvarad, inte läst" in row
    assert f'href="/handlaggare/arenden/{decided.application.id}#uppfoljning"' in row
    decided.follow_up.reviewed_at, decided.follow_up.reviewed_by_id = utcnow(), officer.id
    db.commit()
    assert "Uppföljning besvarad" not in _row(eva, decided.application.reference)


def test_a_scheduled_follow_up_waits_from_its_date(eva, decided, db):
    decided.follow_up.due_on = date.today()
    db.commit()
    row = _row(eva, decided.application.reference)
    assert "Uppföljning ska göras" in row and "Uppföljning förfaller" in row
    assert decided.application.reference in _needs_action_view(eva)
    decided.follow_up.due_on = date.today() + timedelta(days=1)
    db.commit()
    row = _row(eva, decided.application.reference)
    assert "Uppföljning ska göras" not in row and "Genomförande" in row


def test_a_beslut_not_followed_up_within_a_year_is_overdue_until_one_is_scheduled(eva, decided, db, officer):
    db.delete(decided.follow_up)
    decided.decision.decided_on = date.today() - timedelta(days=366)
    db.commit()
    row = _row(eva, decided.application.reference)
    assert "Uppföljning är försenad" in row and "Uppföljning förfaller" in row
    db.add(FollowUp(citizen_id=decided.citizen.id, application_id=decided.application.id,
                    decision_id=decided.decision.id, unit_id=officer.unit_id,
                    due_on=date.today() + timedelta(days=20)))
    db.commit()
    row = _row(eva, decided.application.reference)
    assert "Uppföljning är försenad" not in row and "Genomförande" in row


def test_a_follow_up_is_overdue_from_the_earliest_goal_date(eva, decided, db):
    db.delete(decided.follow_up)
    decided.goals[1].follow_up_on = date.today() + timedelta(days=90)
    decided.goals[0].follow_up_on = date.today() + timedelta(days=1)
    db.commit()
    assert "Uppföljning är försenad" not in _row(eva, decided.application.reference)
    decided.goals[0].follow_up_on = date.today() - timedelta(days=1)
    db.commit()
    assert "Uppföljning är försenad" in _row(eva, decided.application.reference)


def test_an_answered_follow_up_restarts_the_yearly_interval(eva, decided, db):
    decided.decision.decided_on = date.today() - timedelta(days=500)
    decided.follow_up.status, decided.follow_up.answered_at = "answered", utcnow() - timedelta(days=60)
    decided.follow_up.reviewed_at = utcnow()
    db.commit()
    assert "Uppföljning är försenad" not in _row(eva, decided.application.reference)
    decided.follow_up.answered_at = utcnow() - timedelta(days=370)
    db.commit()
    assert "Uppföljning är försenad" in _row(eva, decided.application.reference)


def test_a_closed_case_is_never_overdue(eva, decided, db):
    db.delete(decided.follow_up)
    decided.decision.decided_on = date.today() - timedelta(days=800)
    decided.application.status = ApplicationStatus.CLOSED.value
    db.commit()
    row = _row(eva, decided.application.reference)
    assert "Avslutad" in row and "Uppföljning är försenad" not in row


@pytest.mark.parametrize("on_the_case", [True, False])
def test_a_need_change_waits_until_handled(eva, decided, db, officer, on_the_case):
    change = NeedChange(citizen_id=decided.citizen.id, unit_id=officer.unit_id, reference="BA-1",
                        application_id=decided.application.id if on_the_case else None)
    db.add(change)
    db.commit()
    row = _row(eva, decided.application.reference)
    assert "Behovet har ändrats" in row and "#uppfoljning" in row
    change.handled_at, change.handled_by_id = utcnow(), officer.id
    db.commit()
    assert "Behovet har ändrats" not in _row(eva, decided.application.reference)


@pytest.mark.parametrize("sender", ["citizen", "proxy"])
def test_a_message_from_the_person_side_waits_until_someone_answers(eva, decided, db, officer, sender):
    db.add(Message(citizen_id=decided.citizen.id, unit_id=officer.unit_id, sender_kind=sender, body="Hej!",
                   application_id=decided.application.id))
    db.commit()
    row = _row(eva, decided.application.reference)
    assert "Obesvarat meddelande" in row and f'href="/handlaggare/meddelanden/{decided.citizen.id}"' in row
    db.add(Message(citizen_id=decided.citizen.id, unit_id=officer.unit_id, sender_kind="staff", body="Hej Anna.",
                   sender_staff_id=officer.id, created_at=utcnow() + timedelta(seconds=1)))
    db.commit()
    assert "Obesvarat meddelande" not in _row(eva, decided.application.reference)


def test_another_units_items_never_show(eva, db, make_citizen, foreign_officer):
    foreign = build_case(db, make_citizen("Olle", "Okänd"), foreign_officer)
    db.add(Message(citizen_id=foreign.citizen.id, unit_id=foreign_officer.unit_id, sender_kind="citizen", body="Hej"))
    db.commit()
    page = _needs_action_view(eva)
    assert foreign.application.reference not in page and "Olle" not in page
    assert "Inget behöver åtgärd just nu." in page
    assert "Inget behöver åtgärd just nu." in eva.get("/handlaggare/").get_data(as_text=True)


def test_the_start_page_counts_what_needs_action_and_links_to_it(eva, decided, make_case, make_citizen, db):
    make_case(make_citizen("Nina", "Ny"))
    make_case(make_citizen("Nils", "Ny"))
    decided.follow_up.due_on = date.today()
    db.commit()
    home = eva.get("/handlaggare/").get_data(as_text=True)
    assert re.search(r'href="/handlaggare/inkorg\?visa=atgard&amp;atgard=new_case">Ny ansökan att ta emot</a>: 2', home)
    assert re.search(r">Uppföljning ska göras</a>: 1", home)
    assert "Överklagande att hantera" not in home  # kinds with nothing waiting are left out
    filtered = eva.get(f"{INBOX}?visa=atgard&atgard=new_case").get_data(as_text=True)
    assert "Nina Ny" in filtered and "Anna Andersson" not in filtered
