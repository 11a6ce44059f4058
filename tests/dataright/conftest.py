"""A person with a little of everything, and people who read it."""

from __future__ import annotations

from datetime import date, timedelta

import pytest


@pytest.fixture
def anna_case(db, make_citizen, make_staff, make_application, make_proxy_authority):
    from portal.access.actor import Actor
    from portal.applications.models import Goal, SelfAssessment
    from portal.audit.services import log_access
    from portal.decisions.models import Decision, DecisionItem
    from portal.domain.states import ApplicationStatus
    from portal.domain.vocabulary import AccessAction, ProxyScope
    from portal.followups.models import FollowUp, SurveyAnswer
    from portal.investigation.models import InternalNote
    from portal.messages.models import Message
    from portal.modelbase import utcnow
    from portal.plans.models import ImplementationPlan, PlanSubGoal

    anna, david, other = make_citizen("Anna"), make_citizen("David"), make_citizen("Olle", "Okänd")
    eva = make_staff("Eva", "Ek")
    application = make_application(anna, status=ApplicationStatus.SUBMITTED, unit=eva.unit,
                                   life_areas=("d5", "d6"), reference="MS-2025-0001",
                                   submitted_at=utcnow())
    application.needs[0].today_text = "Jag duschar en gång i veckan."
    db.add_all([
        Goal(citizen_id=anna.id, application_id=application.id, life_area="d5",
             text="Duscha själv två gånger i veckan."),
        SelfAssessment(citizen_id=anna.id, application_id=application.id, life_area="d5",
                       current_level=2, wanted_level=1),
        InternalNote(application_id=application.id, citizen_id=anna.id, author_id=eva.id,
                     body="INTERN-ANTECKNING-HEMLIG"),
    ])
    published = Decision(application_id=application.id, citizen_id=anna.id, officer_id=eva.id,
                         unit_id=eva.unit_id, status="published", decided_on=date.today(),
                         plain_summary="Du får hjälp att duscha.")
    published.items = [DecisionItem(service="home_help", outcome="granted",
                                    plain_reason="Du behöver hjälp.")]
    draft = Decision(application_id=application.id, citizen_id=anna.id, officer_id=eva.id,
                     unit_id=eva.unit_id, status="draft", plain_summary="UTKAST-BESLUT")
    plan = ImplementationPlan(citizen_id=anna.id, unit_id=eva.unit_id, status="published",
                              created_by_id=eva.id, participation_text="Anna var med.")
    plan.sub_goals = [PlanSubGoal(life_area="d5", text="Duscha tryggt.")]
    follow_up = FollowUp(citizen_id=anna.id, unit_id=eva.unit_id, due_on=date.today(),
                         status="answered", answered_at=utcnow(), filled_in_by="proxy",
                         helped_text="Personalen var snälla.")
    follow_up.survey_answers = [SurveyAnswer(questionnaire="quality", version="v1",
                                             question_key="treatment", value=4)]
    db.add_all([published, draft, plan, follow_up,
                Message(citizen_id=anna.id, sender_kind="citizen", body="Hej, när kommer ni?"),
                Message(citizen_id=other.id, sender_kind="citizen", body="OLLES-MEDDELANDE")])
    authority = make_proxy_authority(anna, david, [ProxyScope.READ_DECISIONS, ProxyScope.ANSWER_FOLLOW_UPS])
    db.commit()

    staff = Actor(kind="staff", staff_id=eva.id, unit_id=eva.unit_id, role=eva.role)
    ombud = Actor(kind="proxy", citizen_id=david.id, subject_citizen_id=anna.id,
                  proxy_authority_id=authority.id)
    herself = Actor(kind="citizen", citizen_id=anna.id, subject_citizen_id=anna.id)
    log_access(staff, AccessAction.READ, "application", application.id, anna.id)
    log_access(ombud, AccessAction.READ, "decision", published.id, anna.id)
    log_access(ombud, AccessAction.UPDATE, "follow_up", follow_up.id, anna.id)
    log_access(herself, AccessAction.READ, "decision", published.id, anna.id)
    log_access(staff, AccessAction.READ, "application", 999, other.id)  # someone else's
    db.commit()
    return {"anna": anna, "david": david, "other": other, "eva": eva, "authority": authority,
            "application": application, "decision": published, "follow_up": follow_up}


@pytest.fixture
def many_log_rows(db, anna_case):
    """Anna has been read 20 000 times: a long life of support."""
    from datetime import datetime

    from portal.audit.models import AccessLogEntry

    anna, eva = anna_case["anna"], anna_case["eva"]
    start = datetime(2020, 1, 1)
    rows = [
        {"at": start + timedelta(minutes=i), "actor_kind": "staff", "actor_staff_id": eva.id,
         "actor_unit_id": eva.unit_id, "subject_citizen_id": anna.id, "action": "read",
         "record_type": "application", "record_id": i, "outcome": "ok"}
        for i in range(20_000)
    ]
    db.execute(AccessLogEntry.__table__.insert(), rows)
    db.commit()
    return anna_case
