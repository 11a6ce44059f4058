"""Every endpoint, with good and bad input, the unit rule and the access log."""

from __future__ import annotations

from datetime import date, timedelta

import jsonschema
import openapi_spec_validator
from sqlalchemy import select

from portal.applications.models import Application, Goal
from portal.audit.models import AccessLogEntry
from portal.domain.states import ApplicationStatus
from portal.followups.models import FollowUp
from portal.investigation.export import application_schema
from portal.messages.models import Notification
from portal.modelbase import utcnow
from tests.fixtures.staff_case import post as form_post

DECISION = {
    "plain_summary": "Du får hjälp att duscha två gånger i veckan.",
    "publish": True,
    "items": [
        {
            "service": "home_help",
            "outcome": "granted",
            "motivation": "Behov vid personlig vård.",
            "support_kind": "supportive",
            "valid_from": "2026-01-01",
            "valid_to": "2026-12-31",
            "life_areas": [{"life_area": "d5", "assessed_level": 3, "intended_level": 1}],
        }
    ],
}


def _plan(decision_id: int, goal_id: int | None = None) -> dict:
    return {
        "decision_id": decision_id,
        "participation_text": "Bertil var med och bestämde tiderna.",
        "wishes_text": "Duscha på morgonen.",
        "next_review_on": "2026-06-01",
        "publish": True,
        "sub_goals": [
            {
                "life_area": "d5",
                "goal_id": goal_id,
                "text": "Duscha tryggt.",
                "activities": [
                    {
                        "what": "Hjälp in i duschen",
                        "when_text": "Tis, fre 9",
                        "who": "Hemtjänsten",
                        "own_part": "Tvättar sig själv",
                    }
                ],
            }
        ],
    }


def test_list_new_applications_since(client, bearer, make_case, make_citizen, foreign_officer, db):
    old = make_case(submitted_at=utcnow() - timedelta(days=10))
    new = make_case(make_citizen("Nina", "Ny"), submitted_at=utcnow() - timedelta(hours=1))
    foreign = make_case(make_citizen("Frans", "Främling"), unit=foreign_officer.unit)
    draft = make_case(make_citizen("Dora", "Draft"), status=ApplicationStatus.DRAFT)
    headers = bearer()
    since = (utcnow() - timedelta(days=1)).isoformat() + "Z"
    listed = client.get(f"/api/v1/applications?since={since}", headers=headers).json["applications"]
    assert [a["id"] for a in listed] == [new.id]
    assert listed[0]["life_areas"] == ["d5", "d6"]
    everything = {a["id"] for a in client.get("/api/v1/applications", headers=headers).json["applications"]}
    assert old.id in everything and foreign.id not in everything and draft.id not in everything
    bad = client.get("/api/v1/applications?since=yesterday", headers=headers)
    assert bad.status_code == 422 and bad.json["errors"][0] == {
        "field": "since",
        "code": "invalid_datetime",
        "message": "Use an RFC 3339 date-time with an offset, e.g. 2026-01-01T00:00:00Z.",
    }


def test_fetch_one_application_validates_against_schema(client, bearer, make_case, db):
    case = make_case()
    response = client.get(f"/api/v1/applications/{case.id}", headers=bearer(["applications:read"]))
    assert response.status_code == 200
    jsonschema.Draft202012Validator(application_schema()).validate(response.json)
    assert response.json["reference"] == case.reference
    entry = db.scalars(
        select(AccessLogEntry).where(AccessLogEntry.record_type == "application", AccessLogEntry.record_id == case.id)
    ).one()
    assert entry.actor_kind == "api" and entry.actor_client_id.startswith("msc_")
    assert entry.actor_unit_id == case.unit_id and entry.subject_citizen_id == case.citizen_id


def test_foreign_unknown_and_draft_ids_are_404(client, bearer, make_case, make_citizen, foreign_officer):
    foreign = make_case(make_citizen("Frans", "Främling"), unit=foreign_officer.unit)
    draft = make_case(make_citizen("Dora", "Draft"), status=ApplicationStatus.DRAFT)
    headers = bearer()
    for application_id in (foreign.id, draft.id, 987654):
        assert client.get(f"/api/v1/applications/{application_id}", headers=headers).status_code == 404
        for path, body in (
            ("decisions", DECISION),
            ("plans", _plan(1)),
            ("follow-ups", {"due_on": "2030-01-01", "questionnaires": ["life"]}),
        ):
            response = client.post(f"/api/v1/applications/{application_id}/{path}", json=body, headers=headers)
            assert response.status_code == 404 and response.json["error"] == "not_found"
        assert client.get(f"/api/v1/applications/{application_id}/follow-ups", headers=headers).status_code == 404


def test_post_decision_then_plan_shows_in_case_view(client, bearer, make_case, officer, login_as, db):
    case = make_case(assigned_officer_id=officer.id)
    goal = db.scalars(select(Goal)).one()
    headers = bearer()
    document = client.get(f"/api/v1/applications/{case.id}", headers=headers).json
    assert document["life_areas"][0]["goals"][0]["id"] == goal.id
    decision = client.post(f"/api/v1/applications/{case.id}/decisions", json=DECISION, headers=headers)
    assert decision.status_code == 201, decision.json
    assert decision.json["status"] == "published" and decision.json["appeal_deadline"]
    assert decision.json["items"][0]["legal_basis"] == "4 kap. 1 § SoL"
    plan = client.post(
        f"/api/v1/applications/{case.id}/plans", json=_plan(decision.json["id"], goal.id), headers=headers
    )
    assert plan.status_code == 201, plan.json
    assert plan.json["status"] == "published" and plan.json["sub_goals"][0]["goal_id"] == goal.id
    db.expire_all()
    assert db.get(Application, case.id).status == "decided"
    assert {n.kind for n in db.scalars(select(Notification))} == {"decision", "plan"}
    login_as(officer, staff=True)
    page = client.get(f"/handlaggare/arenden/{case.id}").get_data(as_text=True)
    assert f"Beslut {decision.json['id']}" in page and "Hemtjänst: Beviljad" in page
    assert "Genomförandeplan för Hemtjänst" in page and "version 1" in page
    assert "Verksamhetssystem (msc_" in page  # the history says the API did it


def test_bad_decision_answers_422_with_field_errors(client, bearer, make_case, officer):
    case = make_case(assigned_officer_id=officer.id)
    headers = bearer()
    bad = {
        "publish": True,
        "plain_summary": "",
        "items": [
            {
                "service": "spa_weekend",
                "outcome": "maybe",
                "motivation": "",
                "valid_from": "2026-05-01",
                "valid_to": "2026-01-01",
                "life_areas": [{"life_area": "d42", "assessed_level": 6}],
            }
        ],
    }
    response = client.post(f"/api/v1/applications/{case.id}/decisions", json=bad, headers=headers)
    assert response.status_code == 422
    codes = {e["field"]: e["code"] for e in response.json["errors"]}
    assert codes == {
        "plain_summary": "required",
        "items[0].service": "invalid_choice",
        "items[0].outcome": "invalid_choice",
        "items[0].motivation": "required",
        "items[0].valid_to": "date_order",
        "items[0].life_areas[0].life_area": "invalid_choice",
        "items[0].life_areas[0].assessed_level": "out_of_range",
    }
    empty = client.post(f"/api/v1/applications/{case.id}/decisions", json={"items": []}, headers=headers)
    assert empty.status_code == 422 and empty.json["errors"][0]["field"] == "items"
    not_json = client.post(f"/api/v1/applications/{case.id}/decisions", data="items=1", headers=headers)
    assert not_json.status_code == 400
    wrong_types = client.post(
        f"/api/v1/applications/{case.id}/decisions",
        headers=headers,
        json={
            "items": [{"service": ["home_help"], "outcome": {}, "motivation": 5, "life_areas": "d5"}],
            "publish": "yes",
        },
    )
    assert wrong_types.status_code == 422


def test_bad_plan_answers_422(client, bearer, make_case, officer, make_citizen, db):
    case = make_case(assigned_officer_id=officer.id)
    other = make_case(make_citizen("Olga", "Other"), assigned_officer_id=officer.id)
    headers = bearer()
    other_decision = client.post(
        f"/api/v1/applications/{other.id}/decisions", json=DECISION | {"publish": False}, headers=headers
    ).json["id"]
    response = client.post(
        f"/api/v1/applications/{case.id}/plans",
        headers=headers,
        json={
            "decision_id": other_decision,
            "participation_text": "",
            "sub_goals": [{"life_area": "d5", "goal_id": 99999, "text": "x", "activities": [{"what": ""}]}],
        },
    )
    codes = {e["field"]: e["code"] for e in response.json["errors"]}
    assert response.status_code == 422
    assert codes["decision_id"] == "unknown_decision" and codes["participation_text"] == "required"
    assert codes["sub_goals[0].goal_id"] == "unknown_goal"
    assert codes["sub_goals[0].activities[0].what"] == "required"


def test_follow_up_request_and_results(client, bearer, make_case, officer, db):
    case = make_case(assigned_officer_id=officer.id)
    goal = db.scalars(select(Goal)).one()
    headers = bearer()
    due = (date.today() + timedelta(days=90)).isoformat()
    created = client.post(
        f"/api/v1/applications/{case.id}/follow-ups",
        headers=headers,
        json={"due_on": due, "goal_ids": [goal.id], "questionnaires": ["quality"]},
    )
    assert created.status_code == 201, created.json
    assert created.json["questionnaires"] == ["quality"] and created.json["status"] == "scheduled"
    follow_up = db.scalars(select(FollowUp)).one()
    follow_up.status, follow_up.answered_at = "answered", utcnow()
    follow_up.goal_evaluations[0].attainment, follow_up.goal_evaluations[0].level_now = "achieved", 1
    db.commit()
    results = client.get(f"/api/v1/applications/{case.id}/follow-ups", headers=headers).json["follow_ups"]
    assert results[0]["goal_evaluations"] == [{"goal_id": goal.id, "attainment": "achieved", "level_now": 1}]
    bad = client.post(
        f"/api/v1/applications/{case.id}/follow-ups",
        headers=headers,
        json={"due_on": "2001-01-01", "goal_ids": [424242], "questionnaires": ["mood"]},
    )
    codes = {e["field"]: e["code"] for e in bad.json["errors"]}
    assert bad.status_code == 422
    assert codes == {"due_on": "in_past", "goal_ids": "unknown_goal", "questionnaires": "invalid_choice"}


def test_decision_needs_an_assigned_officer(client, bearer, make_case):
    case = make_case()
    response = client.post(f"/api/v1/applications/{case.id}/decisions", json=DECISION, headers=bearer())
    assert response.status_code == 422 and response.json["errors"][0]["field"] == "officer"


def test_injection_in_api_input_is_inert_in_the_staff_view(client, bearer, make_case, officer, login_as):
    case = make_case(assigned_officer_id=officer.id)
    attack = "<script>alert('x')</script>"
    body = DECISION | {"publish": False, "items": [DECISION["items"][0] | {"motivation": attack}]}
    decision = client.post(f"/api/v1/applications/{case.id}/decisions", json=body, headers=bearer()).json
    login_as(officer, staff=True)
    page = client.get(f"/handlaggare/arenden/{case.id}/beslut/{decision['id']}").get_data(as_text=True)
    assert "<script>alert" not in page and "&lt;script&gt;" in page


def test_openapi_document(client):
    document = client.get("/api/v1/openapi.json").json
    assert document["openapi"].startswith("3.1")
    openapi_spec_validator.validate(document)
    paths = document["paths"]
    assert set(paths) == {
        "/token",
        "/applications",
        "/applications/{application_id}",
        "/applications/{application_id}/decisions",
        "/applications/{application_id}/plans",
        "/applications/{application_id}/follow-ups",
        "/assignments",
        "/assignments/{assignment_id}",
        "/assignments/{assignment_id}/plans",
        "/plans/{plan_id}",
    }
    scopes = document["components"]["securitySchemes"]["clientCredentials"]["flows"]["clientCredentials"]["scopes"]
    assert set(scopes) == {"applications:read", "decisions:write", "plans:write", "followups:read", "followups:write",
                           "assignments:read", "plans:read"}
    for schema in document["components"]["schemas"].values():
        jsonschema.Draft202012Validator.check_schema(schema)
    created = paths["/applications/{application_id}/decisions"]["post"]["responses"]["201"]
    assert created["links"]["RecordPlan"]["requestBody"] == {"decision_id": "$response.body#/id"}


def test_openapi_document_says_what_the_server_enforces(client):
    schemas = client.get("/api/v1/openapi.json").json["components"]["schemas"]
    item = schemas["DecisionInput"]["properties"]["items"]["items"]["properties"]
    assert "home_help" in item["service"]["enum"]
    assert "d5" in item["life_areas"]["items"]["properties"]["life_area"]["enum"]
    assert item["legal_basis"]["maxLength"] == 100 and item["motivation"]["minLength"] == 1
    assert schemas["FollowUpInput"]["anyOf"][0]["required"] == ["goal_ids"]
    assert schemas["DecisionInput"]["examples"] and schemas["FollowUpInput"]["examples"]


def test_staff_form_post_is_not_accepted_by_api_without_token(client, make_case, officer, login_as):
    """A logged-in officer's cookie is not an API credential (no CSRF hole through the API)."""
    case = make_case(assigned_officer_id=officer.id)
    login_as(officer, staff=True)
    form_post(client, "/handlaggare/inkorg")
    response = client.post(f"/api/v1/applications/{case.id}/decisions", json=DECISION)
    assert response.status_code == 401


def test_the_api_marks_skyddad_identitet(client, bearer, make_case, make_citizen):
    hidden = make_case(citizen=make_citizen("Hanna", "Holm", protected_identity=True))
    response = client.get(f"/api/v1/applications/{hidden.id}", headers=bearer(["applications:read"]))
    jsonschema.Draft202012Validator(application_schema()).validate(response.json)
    assert response.json["person"]["protected_identity"] is True
