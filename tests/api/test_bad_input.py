"""Whatever a client sends, the API answers in its own error shape and never with a 500."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from portal.audit.models import AccessLogEntry
from portal.decisions.models import Decision
from portal.domain.states import ApplicationStatus
from tests.api.conftest import basic
from tests.api.test_endpoints import DECISION

HUGE = [2**31, 2**32, 2**63, 2**64, 10**30, -(2**63) - 1]
NOT_INTEGERS = [True, False, 1.9, "1", "9223372036854775808", None, [], {}, "", -1, 0]
DEEP = "[" * 100_000 + "]" * 100_000
RAW_BODIES = [
    "",
    "null",
    "[]",
    '"text"',
    "{",
    '{"decision_id": Infinity}',
    '{"decision_id": NaN}',
    '{"decision_id": -Infinity}',
    '{"decision_id": 1e400}',
    '{"goal_ids": [1e400], "due_on": "2099-01-01"}',
    '{"items": ' + DEEP + "}",
    DEEP,
    '{"a": 1, "a": 2}',
]
BAD_IDS = [
    *(str(number) for number in (2**31, 2**32, 2**63, 2**64, 10**40)),
    *("-1", "0", "abc", "1.5", "1e3", "%20"),
]


def assert_api_error(response, *statuses: int) -> dict:
    assert response.status_code != 500, response.get_data(as_text=True)
    assert response.status_code in statuses, (response.status_code, response.get_data(as_text=True))
    body = response.get_json()
    assert isinstance(body["error"], str) and isinstance(body["error_description"], str), body
    if response.status_code == 422:
        assert body["errors"] and all(isinstance(e["field"], str) and e["code"] for e in body["errors"])
    assert response.headers["Cache-Control"] == "no-store"
    return body


@pytest.fixture
def case(make_case, officer):
    return make_case(assigned_officer_id=officer.id)


@pytest.fixture
def headers(bearer):
    return bearer()


def _routes(application_id) -> list[tuple[str, str]]:
    base = f"/api/v1/applications/{application_id}"
    return [
        ("get", base),
        ("post", f"{base}/decisions"),
        ("post", f"{base}/plans"),
        ("post", f"{base}/follow-ups"),
        ("get", f"{base}/follow-ups"),
    ]


@pytest.mark.parametrize("bad_id", BAD_IDS)
def test_bad_path_ids_are_the_apis_404(client, headers, bad_id):
    for method, url in _routes(bad_id):
        body = assert_api_error(getattr(client, method)(url, headers=headers, json={}), 404)
        assert body["error"] == "not_found"


def test_unknown_api_paths_are_the_apis_404(client, headers):
    for url in ("/api/v1/nothing", "/api/v1/applications/1/nothing", "/api/v1/applications//decisions"):
        assert_api_error(client.get(url, headers=headers), 404)


def test_wrong_methods_answer_405_with_allow(client, headers, case):
    wrong = [
        ("delete", f"/api/v1/applications/{case.id}", "GET, HEAD, OPTIONS"),
        ("put", f"/api/v1/applications/{case.id}/decisions", "OPTIONS, POST"),
        ("patch", f"/api/v1/applications/{case.id}/follow-ups", "GET, HEAD, OPTIONS, POST"),
        ("get", "/api/v1/token", "OPTIONS, POST"),
        ("post", "/api/v1/applications", "GET, HEAD, OPTIONS"),
    ]
    for method, url, allow in wrong:
        response = getattr(client, method)(url, headers=headers)
        assert assert_api_error(response, 405)["error"] == "method_not_allowed"
        assert response.headers["Allow"] == allow


@pytest.mark.parametrize(
    "since",
    [
        "",
        "2026-01-01",
        "20260101T000000",
        "2026-01-01T00:00:00",
        "2026-01-01 00:00:00Z",
        "0001-01-01T00:00:00+01:00",
        "9999-12-31T23:59:59-01:00",
        "2026-13-01T00:00:00Z",
        "2026-01-01T00:00:00+24:00",
        "yesterday",
        "\x00",
    ],
)
def test_since_must_be_one_rfc3339_date_time(client, headers, since):
    response = client.get("/api/v1/applications", query_string={"since": since}, headers=headers)
    body = assert_api_error(response, 422)
    assert body["errors"][0]["field"] == "since" and body["errors"][0]["code"] == "invalid_datetime"
    assert "RFC 3339" in body["errors"][0]["message"]


def test_since_accepts_offsets_and_refuses_repeats(client, headers):
    ok = client.get("/api/v1/applications?since=2026-01-01T01:00:00%2B01:00", headers=headers)
    assert ok.status_code == 200
    repeated = client.get("/api/v1/applications?since=2026-01-01T00:00:00Z&since=2026-01-02T00:00:00Z", headers=headers)
    assert_api_error(repeated, 422)


@pytest.mark.parametrize("raw", RAW_BODIES, ids=range(len(RAW_BODIES)))
def test_raw_bodies_on_every_write(client, headers, case, raw):
    for _method, url in _routes(case.id)[1:4]:
        response = client.post(url, data=raw, content_type="application/json", headers=headers)
        assert_api_error(response, 400, 422)


def test_a_body_that_is_not_json_is_400(client, headers, case):
    response = client.post(f"/api/v1/applications/{case.id}/plans", data="decision_id=1", headers=headers)
    assert assert_api_error(response, 400)["error"] == "invalid_request"


def _decision_with_area(**area) -> dict:
    item = DECISION["items"][0] | {"life_areas": [{"life_area": "d5"} | area]}
    return DECISION | {"items": [item]}


def _first_code(response, field: str) -> str:
    return {e["field"]: e["code"] for e in assert_api_error(response, 422)["errors"]}[field]


@pytest.mark.parametrize("value", [*HUGE, True, False, 1.9, "1", "9223372036854775808", [], "abc", 0, -1])
def test_decision_goal_ids_must_be_json_integers(client, headers, case, value):
    response = client.post(
        f"/api/v1/applications/{case.id}/decisions", json=_decision_with_area(goal_id=value), headers=headers
    )
    assert _first_code(response, "items[0].life_areas[0].goal_id") in {"invalid", "unknown_goal"}


@pytest.mark.parametrize("value", ["3", True, 3.5, [3], {"level": 3}, 5, -1, 2**64])
def test_levels_must_be_json_integers_on_the_scale(client, headers, case, value):
    response = client.post(
        f"/api/v1/applications/{case.id}/decisions", json=_decision_with_area(assessed_level=value), headers=headers
    )
    assert _first_code(response, "items[0].life_areas[0].assessed_level") in {"invalid", "out_of_range"}


@pytest.mark.parametrize(
    "changes",
    [
        {"publish": "yes"},
        {"publish": 1},
        {"items": None},
        {"items": {"service": "home_help"}},
        {"items": [None, 1, "x", []]},
        {"decided_on": "20260101"},
        {"decided_on": 20260101},
        {"decided_on": "2026-02-30"},
        {"plain_summary": 42},
        {"plain_summary": "x" * 10_001},
    ],
)
def test_decision_body_with_wrong_types(client, headers, case, changes):
    response = client.post(f"/api/v1/applications/{case.id}/decisions", json=DECISION | changes, headers=headers)
    assert_api_error(response, 422)


def _plan(decision_id) -> dict:
    return {
        "decision_id": decision_id,
        "participation_text": "Bertil var med.",
        "sub_goals": [
            {"life_area": "d5", "text": "Duscha", "activities": [{"what": "a", "when_text": "b", "who": "c"}]}
        ],
    }


@pytest.mark.parametrize("decision_id", [*HUGE, *NOT_INTEGERS, 1e300, "1e400"])
def test_plan_decision_id_must_be_a_json_integer(client, headers, case, decision_id):
    response = client.post(f"/api/v1/applications/{case.id}/plans", json=_plan(decision_id), headers=headers)
    assert _first_code(response, "decision_id") in {"invalid", "required", "unknown_decision"}


def test_a_numeric_string_id_is_refused_though_a_beslut_has_it(client, headers, case):
    decision_id = client.post(f"/api/v1/applications/{case.id}/decisions", json=DECISION, headers=headers).json["id"]
    as_text = client.post(f"/api/v1/applications/{case.id}/plans", json=_plan(str(decision_id)), headers=headers)
    assert _first_code(as_text, "decision_id") == "invalid"
    as_float = client.post(f"/api/v1/applications/{case.id}/plans", json=_plan(decision_id + 0.9), headers=headers)
    assert _first_code(as_float, "decision_id") == "invalid"
    as_integer = client.post(f"/api/v1/applications/{case.id}/plans", json=_plan(decision_id), headers=headers)
    assert as_integer.status_code == 201


@pytest.mark.parametrize(
    "body, field",
    [
        ({"due_on": "20300101", "questionnaires": ["life"]}, "due_on"),
        ({"due_on": 20300101, "questionnaires": ["life"]}, "due_on"),
        ({"due_on": "2030-01-01T00:00:00Z", "questionnaires": ["life"]}, "due_on"),
        ({"due_on": "2030-01-01", "questionnaires": None}, "questionnaires"),
        ({"due_on": "2030-01-01", "questionnaires": "life"}, "questionnaires"),
        ({"due_on": "2030-01-01", "goal_ids": ["1"]}, "goal_ids[0]"),
        ({"due_on": "2030-01-01", "goal_ids": [True]}, "goal_ids[0]"),
        ({"due_on": "2030-01-01", "goal_ids": [1.9]}, "goal_ids[0]"),
        ({"due_on": "2030-01-01", "goal_ids": [2**64]}, "goal_ids[0]"),
        ({"due_on": "2030-01-01", "goal_ids": [2**31]}, "goal_ids[0]"),
        ({"due_on": "2030-01-01", "goal_ids": None}, "goal_ids"),
        ({"due_on": "2030-01-01", "questionnaires": ["life"], "decision_id": 2**63}, "decision_id"),
        ({"due_on": "2030-01-01", "questionnaires": ["life"], "decision_id": 2**31}, "decision_id"),
        ({"due_on": "2030-01-01", "questionnaires": ["life"], "decision_id": "12"}, "decision_id"),
        ({"due_on": "2030-01-01"}, "goal_ids"),
        ({"due_on": "2030-01-01", "goal_ids": [], "questionnaires": []}, "goal_ids"),
        ({"due_on": None, "questionnaires": ["life"]}, "due_on"),
    ],
)
def test_follow_up_body_with_wrong_types(client, headers, case, body, field):
    response = client.post(f"/api/v1/applications/{case.id}/follow-ups", json=body, headers=headers)
    assert field in {e["field"] for e in assert_api_error(response, 422)["errors"]}


@pytest.mark.parametrize("status", [ApplicationStatus.WITHDRAWN, ApplicationStatus.CLOSED])
def test_a_beslut_on_a_withdrawn_or_closed_case_is_409_and_leaves_nothing(client, headers, case, db, status):
    case.status = status.value
    db.commit()
    response = client.post(f"/api/v1/applications/{case.id}/decisions", json=DECISION, headers=headers)
    assert assert_api_error(response, 409)["error"] == "conflict"
    assert db.scalar(select(func.count()).select_from(Decision)) == 0


def test_a_refused_write_is_logged_as_denied_not_as_a_create(client, headers, case, db):
    bad = client.post(f"/api/v1/applications/{case.id}/decisions", json={"items": []}, headers=headers)
    assert_api_error(bad, 422)
    not_json = client.post(f"/api/v1/applications/{case.id}/follow-ups", data="{", headers=headers,
                           content_type="application/json")  # fmt: skip
    assert_api_error(not_json, 400)
    entries = db.scalars(select(AccessLogEntry).where(AccessLogEntry.actor_kind == "api")).all()
    assert {(e.action, e.outcome) for e in entries} == {("denied", "denied")}
    assert len(entries) == 2 and {e.record_id for e in entries} == {case.id}
    good = client.post(f"/api/v1/applications/{case.id}/decisions", json=DECISION, headers=headers)
    assert good.status_code == 201
    creates = db.scalars(select(AccessLogEntry).where(AccessLogEntry.action == "create")).all()
    assert [e.record_type for e in creates] == ["application", "decision"]


def test_token_refuses_repeated_and_missing_parameters(client, make_api_client):
    auth = basic(*make_api_client())
    cases = [
        ("grant_type=client_credentials&grant_type=client_credentials", "invalid_request"),
        ("grant_type=client_credentials&scope=a&scope=b", "invalid_request"),
        ("", "invalid_request"),
        ("scope=applications:read", "invalid_request"),
        ("grant_type=", "invalid_request"),
        ("grant_type=password", "unsupported_grant_type"),
        ("grant_type=client_credentials&scope=" + "x" * 5000, "invalid_scope"),
    ]
    form_type = "application/x-www-form-urlencoded"
    for form, error in cases:
        response = client.post("/api/v1/token", data=form, headers=auth, content_type=form_type)
        assert assert_api_error(response, 400)["error"] == error, form
    issued = client.post("/api/v1/token", data={"grant_type": "client_credentials"}, headers=auth)
    assert json.loads(issued.data)["token_type"] == "Bearer"


def test_a_fault_answers_in_the_apis_error_shape(client, headers, case, monkeypatch):
    def broken(*_args, **_kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr("portal.decisions.api.record_decision", broken)
    response = client.post(f"/api/v1/applications/{case.id}/decisions", json=DECISION, headers=headers)
    assert response.status_code == 500 and response.json["error"] == "server_error"


@pytest.mark.parametrize("text", ["a\u0000b", "a\udb2cb"], ids=["nul", "half surrogate pair"])
def test_text_no_database_can_store_is_a_422_not_a_500(client, headers, case, text):
    """JSON allows NUL and half a surrogate pair in a string; PostgreSQL refuses both."""
    body = DECISION | {"plain_summary": text}
    response = client.post(f"/api/v1/applications/{case.id}/decisions", headers=headers, json=body)
    assert assert_api_error(response, 422)["errors"][0]["field"] == "plain_summary"
