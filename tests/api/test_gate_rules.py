"""The gate's rules for API clients and for opening a colleague's case, on their own."""

from __future__ import annotations

from portal.access.actor import Actor
from portal.access.gate import OPEN_CASE_REASONS, Permission, is_allowed, needs_reason
from portal.domain.states import ApplicationStatus


def api(unit_id, *scopes):
    return Actor(kind="api", client_id="msc_test", unit_id=unit_id, scopes=frozenset(scopes))


def staff(person):
    return Actor(kind="staff", staff_id=person.id, unit_id=person.unit_id, role=person.role)


def test_api_client_needs_the_scope_and_the_unit(make_case, officer, foreign_officer, make_citizen):
    case = make_case()
    draft = make_case(make_citizen("Dora", "Draft"), status=ApplicationStatus.DRAFT)
    assert is_allowed(api(officer.unit_id, "applications:read"), Permission.OPEN_CASE, case)
    assert not is_allowed(api(officer.unit_id, "decisions:write"), Permission.OPEN_CASE, case)
    assert is_allowed(api(officer.unit_id, "decisions:write"), Permission.RECORD_DECISION, case)
    assert not is_allowed(api(foreign_officer.unit_id, "applications:read"), Permission.OPEN_CASE, case)
    assert not is_allowed(api(officer.unit_id, "applications:read"), Permission.OPEN_CASE, draft)
    # Permissions with no API scope are never given to a client.
    assert not is_allowed(api(officer.unit_id, *OPEN_CASE_REASONS), Permission.EDIT_CASE, case)


def test_colleagues_case_needs_a_listed_reason(make_case, officer, colleague):
    case = make_case(assigned_officer_id=colleague.id)
    assert needs_reason(staff(officer), case) and not needs_reason(staff(colleague), case)
    assert not is_allowed(staff(officer), Permission.OPEN_CASE, case)
    assert not is_allowed(staff(officer), Permission.OPEN_CASE, case, "because I want to")
    assert is_allowed(staff(officer), Permission.OPEN_CASE, case, "supervision")
    assert is_allowed(staff(colleague), Permission.OPEN_CASE, case)


def test_unassigned_case_is_the_units_shared_queue(make_case, officer, foreign_officer):
    case = make_case()
    assert not needs_reason(staff(officer), case)
    assert is_allowed(staff(officer), Permission.EDIT_CASE, case)
    assert not is_allowed(staff(foreign_officer), Permission.OPEN_CASE, case, "supervision")
