"""Every scope × every capability: what an ombud may do, first at the gate, then on the real pages.

The expected table is written out by hand (not derived from PROXY_SCOPE_FOR),
so a change to the gate's mapping shows up here as a failing row.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from portal.access.actor import Actor
from portal.access.gate import Permission, is_allowed
from portal.applications.models import Application
from portal.decisions.models import Decision
from portal.domain.vocabulary import ProxyScope
from portal.followups.models import FollowUp
from portal.messages.models import Message
from portal.plans.models import ImplementationPlan

S = ProxyScope
NONE = None  # never given to an ombud, whatever the fullmakt says

# Permission → the one scope that grants it.
EXPECTED_SCOPE = {
    Permission.READ_APPLICATION: S.APPLY,
    Permission.EDIT_APPLICATION: S.APPLY,
    Permission.READ_DECISION: S.READ_DECISIONS,
    Permission.APPEAL_DECISION: S.ACT_ON_DECISIONS,
    Permission.READ_PLAN: S.READ_DECISIONS,
    Permission.RESPOND_PLAN: S.ACT_ON_DECISIONS,
    Permission.READ_FOLLOW_UP: S.ANSWER_FOLLOW_UPS,
    Permission.ANSWER_FOLLOW_UP: S.ANSWER_FOLLOW_UPS,
    Permission.READ_MESSAGES: S.MESSAGES,
    Permission.SEND_MESSAGE: S.MESSAGES,
    Permission.READ_ACCESS_LOG: S.READ_ACCESS_LOG,
    Permission.MANAGE_PROXIES: NONE,
    Permission.OPEN_CASE: NONE,
    Permission.EDIT_CASE: NONE,
}


def _record(permission: Permission, citizen_id: int):
    """A record of the kind the permission is about, belonging to `citizen_id`."""
    name = permission.value.split(".")[0]
    make = {
        "application": lambda: Application(citizen_id=citizen_id, status="draft"),
        "decision": lambda: Decision(citizen_id=citizen_id, status="published"),
        "plan": lambda: ImplementationPlan(citizen_id=citizen_id, status="published"),
        "follow_up": lambda: FollowUp(citizen_id=citizen_id),
        "message": lambda: Message(citizen_id=citizen_id),
    }.get(name, lambda: Application(citizen_id=citizen_id, status="draft", unit_id=1))
    return make()


ANNA, DAVID, OLLE = 1, 2, 3


@pytest.mark.parametrize("scope", list(ProxyScope))
@pytest.mark.parametrize("permission", list(EXPECTED_SCOPE))
def test_gate_scope_table(scope, permission):
    ombud = Actor(kind="proxy", citizen_id=DAVID, subject_citizen_id=ANNA, proxy_authority_id=7,
                  scopes=frozenset({scope}))
    expected = EXPECTED_SCOPE[permission] == scope
    assert is_allowed(ombud, permission, _record(permission, ANNA)) is expected
    # Never another person's record, whatever the scope.
    assert is_allowed(ombud, permission, _record(permission, OLLE)) is False


def test_a_fullmakt_with_every_scope_still_gives_no_drafts_of_staff():
    ombud = Actor(kind="proxy", citizen_id=DAVID, subject_citizen_id=ANNA, proxy_authority_id=7,
                  scopes=frozenset(ProxyScope))
    assert not is_allowed(ombud, Permission.READ_DECISION, Decision(citizen_id=ANNA, status="draft"))
    assert not is_allowed(ombud, Permission.READ_PLAN, ImplementationPlan(citizen_id=ANNA, status="draft"))


# -- the same table on the real pages ----------------------------------------------------

ALLOWED = 200
# (route template, scope that opens it; NONE = only the person themselves, "any" = every ombud)
ROUTES = [
    ("/ansokan/{draft}/kontrollera", S.APPLY),
    ("/ansokan/{submitted}/kvitto", S.APPLY),
    ("/beslut/{decision}", S.READ_DECISIONS),
    ("/beslut/{decision}.pdf", S.READ_DECISIONS),
    ("/beslut/{decision}/overklaga", S.ACT_ON_DECISIONS),
    ("/plan/{plan}/andra", S.ACT_ON_DECISIONS),
    ("/plan/{plan}", S.READ_DECISIONS),
    ("/min-utveckling", S.READ_DECISIONS),
    ("/uppfoljning/{follow_up}", S.ANSWER_FOLLOW_UPS),
    ("/meddelanden", S.MESSAGES),
    ("/mina-uppgifter", S.READ_ACCESS_LOG),
    ("/mina-uppgifter/logg", S.READ_ACCESS_LOG),
    ("/mina-uppgifter/utdrag.json", NONE),
    ("/fullmakter", NONE),
    ("/fullmakter/ny", NONE),
    ("/mitt-stod", "any"),
]


@pytest.fixture
def anna_case(make_case, make_citizen, make_staff, make_application, db):
    from portal.domain.states import ApplicationStatus
    from portal.modelbase import utcnow

    anna, olle, david = make_citizen("Anna"), make_citizen("Olle"), make_citizen("David")
    officer = make_staff()
    case = make_case(citizen=anna, officer=officer)
    other = make_case(citizen=olle, officer=officer)
    ids = {"decision": case.decision.id, "plan": case.plan.id, "follow_up": case.follow_up.id,
           "submitted": case.application.id,
           "draft": make_application(anna, status=ApplicationStatus.DRAFT).id}
    olle_ids = {"decision": other.decision.id, "plan": other.plan.id, "follow_up": other.follow_up.id,
                "submitted": other.application.id,
                "draft": make_application(olle, status=ApplicationStatus.DRAFT).id}
    case.application.submitted_at = case.application.submitted_at or utcnow()
    db.commit()
    return anna, david, ids, olle_ids


def _status(client, route: str, ids: dict) -> int:
    return client.get(route.format(**ids)).status_code


@pytest.mark.parametrize("scope", list(ProxyScope))
def test_route_scope_table(client, anna_case, make_proxy_authority, login_as, scope):
    anna, david, ids, _olle = anna_case
    authority = make_proxy_authority(anna, david, [scope])
    login_as(david, acting_for=authority)
    outcome = {route: _status(client, route, ids) for route, _ in ROUTES}
    expected = {route: ALLOWED if needed in ("any", scope) else "denied" for route, needed in ROUTES}
    actual = {route: ALLOWED if code == ALLOWED else "denied" for route, code in outcome.items()}
    assert actual == expected
    assert all(code in (ALLOWED, 403, 404) for code in outcome.values()), outcome


def test_the_person_themselves_opens_every_route(client, anna_case, login_as):
    anna, _david, ids, _olle = anna_case
    login_as(anna)
    assert {route: _status(client, route, ids) for route, _ in ROUTES} == {r: ALLOWED for r, _ in ROUTES}


def test_no_route_shows_another_persons_data_through_an_ombud(client, anna_case, make_proxy_authority,
                                                               login_as):
    anna, david, _ids, olle_ids = anna_case
    authority = make_proxy_authority(anna, david, list(ProxyScope))
    login_as(david, acting_for=authority)
    for route, _scope in ROUTES:
        if "{" in route:
            assert _status(client, route, olle_ids) == 404, route


def test_an_ombud_acting_as_themselves_sees_nothing_of_the_person(client, anna_case,
                                                                  make_proxy_authority, login_as):
    anna, david, ids, _olle = anna_case
    make_proxy_authority(anna, david, list(ProxyScope))
    login_as(david)  # logged in, but has not chosen to act for Anna
    for route, _scope in ROUTES:
        if "{" in route:
            assert _status(client, route, ids) == 404, route


def test_an_expired_fullmakt_opens_nothing(client, anna_case, make_proxy_authority, login_as):
    anna, david, ids, _olle = anna_case
    authority = make_proxy_authority(anna, david, list(ProxyScope),
                                     valid_from=date.today() - timedelta(days=30),
                                     valid_to=date.today() - timedelta(days=1))
    login_as(david, acting_for=authority)
    for route, _scope in ROUTES:
        if "{" in route:
            assert _status(client, route, ids) in (303, 404), route
