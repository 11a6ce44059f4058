"""The utförare's own system: its unit's active uppdrag, and their plans, with scopes per unit."""

from __future__ import annotations

import base64
from datetime import date, timedelta

import pytest

from portal.api.auth import new_client
from portal.plans.models import ImplementationPlan
from tests.plans.provider.conftest import send_assignment

PLAN = {
    "participation_text": "Anna och Karin skrev planen hemma hos Anna.",
    "publish": True,
    "sub_goals": [{"life_area": "d5", "text": "Duscha tryggt.",
                   "due_on": (date.today() + timedelta(days=60)).isoformat(),
                   "activities": [{"what": "Hjälp in i duschen", "when_text": "Tis 9", "who": "Hemtjänsten"}]}],
}


@pytest.fixture
def token_for_unit(client, db):
    def make(unit_id, scopes=("assignments:read", "plans:read", "plans:write")):
        api_client, secret = new_client("Utförarsystemet", unit_id, list(scopes))
        db.commit()
        basic = base64.b64encode(f"{api_client.client_id}:{secret}".encode()).decode()
        answer = client.post("/api/v1/token", data={"grant_type": "client_credentials"},
                             headers={"Authorization": f"Basic {basic}"})
        return {"Authorization": f"Bearer {answer.json['access_token']}"}

    return make


def test_the_unit_reads_its_uppdrag_and_records_a_shared_plan(db, client, provider_case, staff_client, token_for_unit):
    assignment = send_assignment(staff_client, provider_case)
    own = token_for_unit(provider_case.karin.unit_id)
    listed = client.get("/api/v1/assignments", headers=own).json["assignments"]
    assert [a["id"] for a in listed] == [assignment.id]
    assert listed[0]["shared_life_areas"] == ["d5", "d6"] and listed[0]["life_areas"][0]["intended_level"] == 1

    created = client.post(f"/api/v1/assignments/{assignment.id}/plans", json=PLAN, headers=own)
    assert created.status_code == 201, created.json
    plan = db.get(ImplementationPlan, created.json["id"])
    assert plan.status == "published" and plan.assignment_id == assignment.id
    assert client.get(f"/api/v1/plans/{plan.id}", headers=own).json["participation_text"] == PLAN["participation_text"]


def test_another_unit_and_the_case_unit_see_nothing(db, client, provider_case, staff_client, token_for_unit):
    assignment = send_assignment(staff_client, provider_case)
    own = token_for_unit(provider_case.karin.unit_id)
    plan_id = client.post(f"/api/v1/assignments/{assignment.id}/plans", json=PLAN, headers=own).json["id"]
    for unit_id in (provider_case.maria.unit_id, provider_case.officer.unit_id):
        other = token_for_unit(unit_id)
        assert client.get("/api/v1/assignments", headers=other).json["assignments"] == []
        assert client.get(f"/api/v1/assignments/{assignment.id}", headers=other).status_code == 404
        assert client.get(f"/api/v1/plans/{plan_id}", headers=other).status_code == 404
        assert client.post(f"/api/v1/assignments/{assignment.id}/plans", json=PLAN, headers=other).status_code == 404


def test_an_ended_uppdrag_is_gone_and_the_scope_is_needed(db, client, provider_case, staff_client, token_for_unit):
    assignment = send_assignment(staff_client, provider_case)
    read_only = token_for_unit(provider_case.karin.unit_id, scopes=("assignments:read",))
    assert client.post(f"/api/v1/assignments/{assignment.id}/plans", json=PLAN, headers=read_only).status_code == 403
    assignment.status = "ended"
    db.commit()
    assert client.get(f"/api/v1/assignments/{assignment.id}", headers=read_only).status_code == 404
