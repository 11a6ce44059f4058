"""The access gate: who may read or change what, and that every answer is logged."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select
from werkzeug.exceptions import NotFound

from portal.access import Actor, Permission, is_allowed, load_for
from portal.access.actor import set_actor
from portal.access.gate import own_records, unit_records
from portal.applications.models import Application
from portal.audit.models import AccessLogEntry
from portal.db import get_session
from portal.decisions.models import Decision
from portal.domain.states import ApplicationStatus
from portal.domain.vocabulary import ProxyScope


def citizen_actor(citizen):
    return Actor(kind="citizen", citizen_id=citizen.id, subject_citizen_id=citizen.id)


def proxy_actor(proxy, authority):
    return Actor(
        kind="proxy", citizen_id=proxy.id, subject_citizen_id=authority.citizen_id,
        proxy_authority_id=authority.id, scopes=frozenset(ProxyScope(s) for s in authority.scopes),
    )


def staff_actor(staff):
    return Actor(kind="staff", staff_id=staff.id, unit_id=staff.unit_id, role=staff.role)


@pytest.fixture
def people(make_citizen, make_staff, make_application):
    anna, bertil = make_citizen("Anna"), make_citizen("Bertil", "Berg")
    eva = make_staff("Eva", unit_code="norr")
    application = make_application(anna, ApplicationStatus.SUBMITTED, unit=eva.unit)
    return anna, bertil, eva, application


def test_citizen_reads_own_application_and_it_is_logged(app, db, people):
    anna, _, _, application = people
    with app.test_request_context():
        set_actor(citizen_actor(anna))
        assert load_for(Application, application.id, Permission.READ_APPLICATION).id == application.id
        entry = get_session().scalars(select(AccessLogEntry)).one()
        assert (entry.actor_citizen_id, entry.subject_citizen_id) == (anna.id, anna.id)
        assert (entry.action, entry.record_type, entry.record_id) == ("read", "application", application.id)


def test_other_citizen_changing_the_id_gets_404_and_a_denied_entry(app, db, people):
    _, bertil, _, application = people
    with app.test_request_context():
        set_actor(citizen_actor(bertil))
        with pytest.raises(NotFound):
            load_for(Application, application.id, Permission.READ_APPLICATION)
        entry = get_session().scalars(select(AccessLogEntry)).one()
        assert entry.outcome == "denied"
        # The refused person learns nothing, and the log does not tie Bertil to Anna.
        assert entry.subject_citizen_id is None


def test_missing_and_foreign_records_look_the_same(app, db, people):
    _, bertil, _, application = people
    with app.test_request_context():
        set_actor(citizen_actor(bertil))
        with pytest.raises(NotFound) as foreign:
            load_for(Application, application.id, Permission.READ_APPLICATION)
        with pytest.raises(NotFound) as missing:
            load_for(Application, application.id + 999, Permission.READ_APPLICATION)
    assert foreign.value.code == missing.value.code == 404


@pytest.mark.parametrize(
    ("scopes", "permission", "allowed"),
    [
        ([ProxyScope.READ_DECISIONS], Permission.READ_APPLICATION, False),
        ([ProxyScope.APPLY], Permission.READ_APPLICATION, True),
        ([ProxyScope.APPLY], Permission.EDIT_APPLICATION, True),
        ([ProxyScope.ANSWER_FOLLOW_UPS], Permission.EDIT_APPLICATION, False),
        ([ProxyScope.APPLY, ProxyScope.MESSAGES], Permission.MANAGE_PROXIES, False),
        ([ProxyScope.APPLY], Permission.OPEN_CASE, False),
    ],
)
def test_proxy_gets_exactly_its_scopes(app, people, make_citizen, make_proxy_authority, scopes, permission, allowed):
    anna, _, _, application = people
    david = make_citizen("David")
    authority = make_proxy_authority(anna, david, scopes)
    assert is_allowed(proxy_actor(david, authority), permission, application) is allowed


def test_proxy_never_reaches_a_third_person(app, people, make_citizen, make_application, make_proxy_authority):
    anna, bertil, _, _ = people
    david = make_citizen("David")
    authority = make_proxy_authority(anna, david, list(ProxyScope))
    bertils = make_application(bertil, ApplicationStatus.SUBMITTED)
    assert not is_allowed(proxy_actor(david, authority), Permission.READ_APPLICATION, bertils)


def test_staff_see_submitted_applications_of_their_unit_only(app, people, make_staff, make_application):
    anna, _, eva, application = people
    fredrik = make_staff("Fredrik", unit_code="soder")
    draft = make_application(anna, ApplicationStatus.DRAFT, unit=eva.unit)
    assert is_allowed(staff_actor(eva), Permission.OPEN_CASE, application)
    assert not is_allowed(staff_actor(fredrik), Permission.OPEN_CASE, application)
    assert not is_allowed(staff_actor(eva), Permission.OPEN_CASE, draft)
    # Staff permissions are not citizen permissions and the other way round.
    assert not is_allowed(staff_actor(eva), Permission.READ_APPLICATION, application)
    assert not is_allowed(citizen_actor(anna), Permission.OPEN_CASE, application)


def test_analyst_and_anonymous_open_nothing(app, people, make_staff):
    anna, _, _, application = people
    analyst = make_staff("Ada", role="analyst", unit_code="norr")
    assert not is_allowed(staff_actor(analyst), Permission.OPEN_CASE, application)
    assert not is_allowed(Actor(kind="anonymous"), Permission.READ_APPLICATION, application)


def test_citizen_sees_a_decision_only_once_published(app, db, people):
    anna, _, eva, application = people
    decision = Decision(application_id=application.id, citizen_id=anna.id, officer_id=eva.id, unit_id=eva.unit_id)
    db.add(decision)
    db.commit()
    assert not is_allowed(citizen_actor(anna), Permission.READ_DECISION, decision)
    decision.status = "published"
    db.commit()
    assert is_allowed(citizen_actor(anna), Permission.READ_DECISION, decision)


def test_scoped_queries_return_only_the_acting_context(app, db, people, make_application):
    anna, bertil, eva, application = people
    draft = make_application(anna, ApplicationStatus.DRAFT, unit=eva.unit)
    make_application(bertil, ApplicationStatus.SUBMITTED, unit=eva.unit)
    with app.test_request_context():
        own = db.scalars(own_records(Application, citizen_actor(anna))).all()
        unit = db.scalars(unit_records(Application, staff_actor(eva))).all()
    assert {a.id for a in own} == {application.id, draft.id}
    assert draft.id not in {a.id for a in unit} and application.id in {a.id for a in unit}
    assert len(unit) == 2


def test_expired_or_revoked_authority_stops_at_once(
    app, db, client, login_as, people, make_citizen, make_proxy_authority
):
    from portal.access.actor import current_actor

    anna = people[0]
    david = make_citizen("David")
    authority = make_proxy_authority(anna, david, [ProxyScope.APPLY])
    login_as(david, acting_for=authority)
    with client:
        client.get("/healthz")
        assert current_actor().kind == "proxy"
    authority.valid_to = date.today() - timedelta(days=1)
    db.commit()
    with client:
        client.get("/healthz")
        actor = current_actor()
        assert actor.kind == "citizen" and actor.subject_citizen_id == david.id
