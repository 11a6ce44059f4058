"""A demo municipality for development: people, one whole IBIC case, a draft, and a
caseload for Eva Ek's unit with cases in several stages and things that need action.

Running `seed()` twice changes nothing the second time: people are looked up
by personnummer and cases are only created for a person who has none.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from portal.applications.models import Application, Goal, NeedDescription, SelfAssessment
from portal.db import get_session
from portal.decisions.models import Appeal, Communication, Decision, DecisionItem, DecisionItemLifeArea
from portal.devidp.identities import DEMO_IDENTITIES
from portal.domain import clock
from portal.domain.personnummer import make_test_personnummer, parse_personnummer
from portal.domain.states import ApplicationStatus
from portal.domain.vocabulary import DecisionOutcome, FilledInBy, ProxyKind, ProxyScope, StaffRole, SupportKind
from portal.followups.models import FollowUp
from portal.investigation.models import Assessment
from portal.messages.models import Message
from portal.modelbase import utcnow
from portal.people.models import Citizen
from portal.people.services import find_or_create_citizen, get_or_create_unit, upsert_staff
from portal.plans.models import ImplementationPlan, PlanActivity, PlanSubGoal
from portal.proxies.models import ProxyAuthority

# Staff: (unit code, unit name, unit kind, role). Utförare units are kind "provider".
UNITS = {
    "eva": ("norr", "Biståndsenheten Norr", "case_management", StaffRole.CASE_OFFICER),
    "fredrik": ("soder", "Biståndsenheten Söder", "case_management", StaffRole.CASE_OFFICER),
    "karin": ("hemtjanst-centrum", "Hemtjänsten Centrum", "provider", StaffRole.PROVIDER),
    "lars": ("hemtjanst-centrum", "Hemtjänsten Centrum", "provider", StaffRole.PROVIDER_MANAGER),
    "maria": ("boendestod-vaster", "Boendestödet Väster", "provider", StaffRole.PROVIDER),
}


def _people() -> dict[str, object]:
    people = {}
    for identity in DEMO_IDENTITIES:
        pnr = parse_personnummer(identity.personnummer)
        if identity.kind == "staff":
            code, name, kind, role = UNITS[identity.key]
            unit = get_or_create_unit(code, name, kind)
            people[identity.key] = upsert_staff(pnr, identity.given_name, identity.family_name, role.value, unit)
        else:
            people[identity.key] = find_or_create_citizen(
                pnr, identity.given_name, identity.family_name
            )
    return people


def _has_application(citizen: Citizen) -> bool:
    query = select(Application.id).where(Application.citizen_id == citizen.id)
    return get_session().scalars(query).first() is not None


def _anna_case(anna: Citizen, officer, david: Citizen) -> None:
    db = get_session()
    today = clock.today()
    submitted = utcnow() - timedelta(days=60)
    application = Application(
        citizen_id=anna.id, reference="MS-DEMO-0001", status=ApplicationStatus.DECIDED.value,
        filled_in_by=FilledInBy.SELF_WITH_HELP.value, unit_id=officer.unit_id,
        assigned_officer_id=officer.id, submitted_at=submitted,
        received_at=submitted + timedelta(days=1), decided_at=submitted + timedelta(days=20),
        contact_phone="070-000 00 00",
    )
    application.needs = [
        NeedDescription(
            life_area="d5", position=0,
            today_text="Jag duschar när min son är här. Det blir en gång i veckan.",
            resources_text="Jag klär mig själv om kläderna ligger framme.",
            difficulties_text="Jag är rädd att ramla i duschen.",
            wanted_help_text="Hjälp att duscha två gånger i veckan.",
            what_matters_text="Att jag får duscha på morgonen.",
        ),
        NeedDescription(
            life_area="d6", position=1,
            today_text="Jag orkar inte handla. Grannen hjälper mig ibland.",
            resources_text="Jag kan laga enkel mat.",
            difficulties_text="Att bära kassar och städa golven.",
            wanted_help_text="Hjälp med att handla och städa.",
            what_matters_text="Att jag själv väljer vad jag äter.",
        ),
    ]
    db.add(application)
    db.flush()
    shower_goal = Goal(
        citizen_id=anna.id, application_id=application.id, life_area="d5", position=0,
        text="Jag vill kunna duscha själv med lite hjälp två gånger i veckan.",
        wanted_level=1, follow_up_on=today,
    )
    food_goal = Goal(
        citizen_id=anna.id, application_id=application.id, life_area="d6", position=1,
        text="Jag vill laga min egen middag tre dagar i veckan.", wanted_level=2,
        follow_up_on=today,
    )
    db.add_all([shower_goal, food_goal])
    db.add_all([
        SelfAssessment(citizen_id=anna.id, application_id=application.id, life_area="d5",
                       current_level=2, wanted_level=1, recorded_at=submitted),
        SelfAssessment(citizen_id=anna.id, application_id=application.id, life_area="d6",
                       current_level=3, wanted_level=2, recorded_at=submitted),
        # A third area, so /min-utveckling draws the star chart.
        SelfAssessment(citizen_id=anna.id, application_id=application.id, life_area="d4",
                       current_level=1, wanted_level=1, recorded_at=submitted),
    ])
    decision = Decision(
        application_id=application.id, citizen_id=anna.id, officer_id=officer.id,
        unit_id=officer.unit_id, status="published", decided_on=today - timedelta(days=10),
        published_at=utcnow() - timedelta(days=10), appeal_deadline=today + timedelta(days=11),
        plain_summary="Du får hjälp att duscha två gånger i veckan. Du får hjälp att handla "
        "en gång i veckan. Stödet gäller i ett år.",
    )
    item = DecisionItem(
        service="home_help", outcome=DecisionOutcome.GRANTED.value, legal_basis="4 kap. 1 § SoL",
        motivation="Behov av stöd vid personlig hygien och inköp.",
        plain_reason="Du behöver hjälp för att duscha tryggt och för att handla.",
        support_kind=SupportKind.SUPPORTIVE.value, extent="3 timmar per vecka",
        valid_from=today - timedelta(days=10), valid_to=today + timedelta(days=355),
    )
    item.life_areas = [
        DecisionItemLifeArea(life_area="d5", assessed_level=3, intended_level=1, goal_id=shower_goal.id),
        DecisionItemLifeArea(life_area="d6", assessed_level=3, intended_level=2, goal_id=food_goal.id),
    ]
    decision.items = [item]
    db.add(decision)
    db.flush()
    plan = ImplementationPlan(
        citizen_id=anna.id, decision_id=decision.id, unit_id=officer.unit_id, status="published",
        participation_text="Anna och hennes son David var med på mötet.",
        wishes_text="Anna vill duscha på morgonen.", next_review_on=today + timedelta(days=90),
        created_by_id=officer.id, published_at=utcnow() - timedelta(days=5),
    )
    sub_goal = PlanSubGoal(life_area="d5", goal_id=shower_goal.id, text="Duscha tryggt två gånger i veckan.")
    sub_goal.activities = [
        PlanActivity(what="Personal hjälper Anna in och ur duschen.", when_text="Tisdag och fredag kl 9",
                     who="Hemtjänsten", own_part="Anna tvättar sig själv."),
    ]
    plan.sub_goals = [sub_goal]
    db.add(plan)
    db.add(FollowUp(citizen_id=anna.id, application_id=application.id, decision_id=decision.id,
                    unit_id=officer.unit_id, due_on=today, created_by_id=officer.id))
    db.add(ProxyAuthority(
        citizen_id=anna.id, proxy_id=david.id, kind=ProxyKind.POWER_OF_ATTORNEY.value,
        scopes=[ProxyScope.READ_DECISIONS.value, ProxyScope.ANSWER_FOLLOW_UPS.value],
        valid_from=today - timedelta(days=60), valid_to=today + timedelta(days=3 * 365),
    ))


def _cecilia_draft(cecilia: Citizen) -> None:
    application = Application(
        citizen_id=cecilia.id, status=ApplicationStatus.DRAFT.value, filled_in_by=FilledInBy.SELF.value,
        draft_expires_on=clock.today() + timedelta(days=30),
    )
    application.needs = [NeedDescription(life_area="d8", today_text="Jag vill börja arbeta igen.")]
    get_session().add(application)


# More people in Eva Ek's caseload (they have no demo login): (key, birth, given, family).
CASELOAD_PEOPLE = (
    ("gunnar", date(1941, 4, 2), "Gunnar", "Holm"),
    ("helena", date(1956, 8, 19), "Helena", "Lind"),
    ("ingrid", date(1937, 11, 5), "Ingrid", "Nyberg"),
    ("johan", date(1962, 2, 14), "Johan", "Sjöberg"),
)


def _caseload_people() -> dict[str, Citizen]:
    return {
        key: find_or_create_citizen(parse_personnummer(make_test_personnummer(birth, "984")), given, family)
        for key, birth, given, family in CASELOAD_PEOPLE
    }


def _case(citizen: Citizen, officer, reference: str, status: ApplicationStatus, days_ago: int,
          area: str, words: str, assigned: bool = True) -> Application:
    submitted = utcnow() - timedelta(days=days_ago)
    application = Application(
        citizen_id=citizen.id, reference=reference, status=status.value, filled_in_by=FilledInBy.SELF.value,
        unit_id=officer.unit_id, assigned_officer_id=officer.id if assigned else None, submitted_at=submitted,
        received_at=None if status == ApplicationStatus.SUBMITTED else submitted + timedelta(days=1),
    )
    application.needs = [NeedDescription(life_area=area, today_text=words)]
    get_session().add(application)
    get_session().flush()
    return application


def _decision(application: Application, officer, decided_on: date, area: str, summary: str) -> Decision:
    decision = Decision(
        application_id=application.id, citizen_id=application.citizen_id, officer_id=officer.id,
        unit_id=officer.unit_id, status="published", decided_on=decided_on, plain_summary=summary,
        published_at=utcnow() - timedelta(days=(clock.today() - decided_on).days),
        appeal_deadline=decided_on + timedelta(days=21),
    )
    item = DecisionItem(service="home_help", outcome=DecisionOutcome.PARTLY_GRANTED.value,
                        legal_basis="4 kap. 1 § SoL", motivation="Behov av stöd.", plain_reason=summary,
                        support_kind=SupportKind.SUPPORTIVE.value, valid_from=decided_on)
    item.life_areas = [DecisionItemLifeArea(life_area=area, assessed_level=3, intended_level=2)]
    decision.items = [item]
    application.decided_at = decision.published_at
    get_session().add(decision)
    get_session().flush()
    return decision


def _gunnar_new(gunnar: Citizen, officer) -> None:
    """Ny: sent two days ago, nobody has taken it up."""
    _case(gunnar, officer, "MS-DEMO-0002", ApplicationStatus.SUBMITTED, 2, "d4",
          "Jag kommer inte ut. Trappan är för brant.", assigned=False)


def _helena_communicating(helena: Citizen, officer) -> None:
    """Kommunicering: the utredning was sent to her, and she has answered."""
    application = _case(helena, officer, "MS-DEMO-0003", ApplicationStatus.INVESTIGATING, 20, "d6",
                        "Jag orkar inte städa längre.")
    db = get_session()
    db.add(Assessment(application_id=application.id, citizen_id=helena.id, officer_id=officer.id, life_area="d6",
                      assessed_level=2, intended_level=1, recorded_at=utcnow() - timedelta(days=6)))
    db.add(Communication(
        application_id=application.id, citizen_id=helena.id, unit_id=officer.unit_id, sent_by_id=officer.id,
        sent_at=utcnow() - timedelta(days=5), answer_by=clock.today() + timedelta(days=9),
        proposal_text="Du får hjälp att städa varannan vecka.", response="comment",
        response_text="Jag behöver hjälp varje vecka.", responded_at=utcnow() - timedelta(days=1),
    ))


def _ingrid_overdue(ingrid: Citizen, officer) -> None:
    """Beslutad for more than a year, never followed up, and she has written a message."""
    application = _case(ingrid, officer, "MS-DEMO-0004", ApplicationStatus.DECIDED, 420, "d5",
                        "Jag behöver hjälp att duscha.")
    _decision(application, officer, clock.today() - timedelta(days=400), "d5",
              "Du får hjälp att duscha en gång i veckan.")
    get_session().add(Message(citizen_id=ingrid.id, unit_id=officer.unit_id, application_id=application.id,
                              sender_kind="citizen", body="Kan hjälpen komma på förmiddagen i stället?"))


def _johan_appealed(johan: Citizen, officer) -> None:
    """Överklagad: he appealed the beslut last week; the rättidsprövning is not done."""
    application = _case(johan, officer, "MS-DEMO-0005", ApplicationStatus.DECIDED, 40, "d9",
                        "Jag vill komma ut och träffa folk.")
    decision = _decision(application, officer, clock.today() - timedelta(days=15), "d9",
                         "Du får ledsagning två timmar i månaden.")
    get_session().add(Appeal(decision_id=decision.id, citizen_id=johan.id, reference="OK-DEMO-0001",
                             text="Två timmar räcker inte. Jag vill ha fyra timmar.",
                             created_at=utcnow() - timedelta(days=6)))


CASELOAD_CASES = {"gunnar": _gunnar_new, "helena": _helena_communicating, "ingrid": _ingrid_overdue,
                  "johan": _johan_appealed}


def _ingrid_uppdrag(ingrid: Citizen, karin) -> bool:
    """Hemtjänsten Centrum took Ingrid's uppdrag 15 days ago and has shared no plan: the
    enhetschef (Lars Lund) sees it among the late plans."""
    from portal.plans.models import Assignment, AssignmentSharedArea

    db = get_session()
    if db.scalars(select(Assignment.id).where(Assignment.citizen_id == ingrid.id)).first() is not None:
        return False
    decision = db.scalars(select(Decision).where(Decision.citizen_id == ingrid.id)).first()
    if decision is None:
        return False
    assignment = Assignment(decision_item_id=decision.items[0].id, provider_unit_id=karin.unit_id,
                            citizen_id=ingrid.id, description="Hjälp att duscha en gång i veckan.",
                            status="accepted", contact_staff_id=karin.id, created_by_id=decision.officer_id,
                            created_at=utcnow() - timedelta(days=15), accepted_at=utcnow() - timedelta(days=14),
                            starts_on=decision.decided_on)
    assignment.shared_areas = [AssignmentSharedArea(life_area=a.life_area) for a in decision.items[0].life_areas]
    db.add(assignment)
    return True


def seed() -> str:
    people = _people()
    created = []
    if not _has_application(people["anna"]):
        _anna_case(people["anna"], people["eva"], people["david"])
        created.append("Anna's case")
    if not _has_application(people["cecilia"]):
        _cecilia_draft(people["cecilia"])
        created.append("Cecilia's draft")
    caseload = _caseload_people()
    for key, make in CASELOAD_CASES.items():
        if not _has_application(caseload[key]):
            make(caseload[key], people["eva"])
            created.append(f"{caseload[key].given_name}'s case")
    get_session().flush()
    if _ingrid_uppdrag(caseload["ingrid"], people["karin"]):
        created.append("Ingrid's uppdrag")
    count = len(people) + len(caseload)
    return f"Demo data ready ({count} people; new: {', '.join(created) or 'nothing'})."
