"""Export as JSON (validated against the shipped schema) and as PDF; both logged."""

from __future__ import annotations

import json

import jsonschema
from sqlalchemy import select

from portal.audit.models import AccessLogEntry
from portal.investigation.export import application_schema
from tests.fixtures.staff_case import post


def test_json_export_validates_and_carries_levels(client, login_as, officer, make_case, db):
    case = make_case()
    login_as(officer, staff=True)
    post(
        client,
        f"/handlaggare/arenden/{case.id}/bedomning/d5",
        {
            "assessed_level": "3",
            "intended_level": "1",
            "support_kind": "compensatory",
            "factor_kind": ["aid"],
            "factor_effect": ["facilitating"],
            "factor_text": ["Rollator"],
        },
    )
    response = client.get(f"/handlaggare/arenden/{case.id}/export.json")
    assert response.status_code == 200 and "attachment" in response.headers["Content-Disposition"]
    document = json.loads(response.get_data(as_text=True))
    jsonschema.Draft202012Validator(application_schema()).validate(document)
    d5 = next(area for area in document["life_areas"] if area["code"] == "d5")
    assert d5["icf_chapter"] == "d5"
    assert d5["self_assessment"]["current_level"] == 2 and d5["assessment"]["assessed_level"] == 3
    assert d5["levels_differ"] is True
    assert d5["own_words"]["today"] == "Jag duschar bara när min son kommer."
    assert d5["assessment"]["related_factors"] == [{"kind": "aid", "effect": "facilitating", "description": "Rollator"}]
    assert len(document["person"]["personnummer"]) == 12
    exports = db.scalars(select(AccessLogEntry).where(AccessLogEntry.action == "export",
                                                      AccessLogEntry.record_type == "application")).all()  # fmt: skip
    assert [(e.record_id, e.actor_staff_id) for e in exports] == [(case.id, officer.id)]


def test_the_json_export_logs_the_full_personnummer_as_the_case_page_does(client, login_as, officer, make_case, db):
    case = make_case()
    login_as(officer, staff=True)
    assert client.get(f"/handlaggare/arenden/{case.id}/export.json").status_code == 200
    shown = db.scalars(select(AccessLogEntry).where(AccessLogEntry.record_type == "personnummer")).all()
    assert [(e.action, e.reason_code, e.record_id, e.subject_citizen_id, e.actor_staff_id) for e in shown] == [
        ("export", "json", case.citizen_id, case.citizen_id, officer.id)
    ]


def test_schema_is_valid_and_rejects_a_level_off_the_icf_scale():
    schema = application_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    # The life-area part alone, with the shared definitions it refers to.
    validator = jsonschema.Draft202012Validator(schema["$defs"]["life_area"] | {"$defs": schema["$defs"]})
    area = {
        "code": "d5",
        "icf_chapter": "d5",
        "name": "x",
        "own_words": dict.fromkeys(("today", "resources", "difficulties", "wanted_help", "what_matters"), ""),
        "self_assessment": {"icf_category": None, "current_level": 5, "wanted_level": 1, "recorded_at": None},
        "goals": [],
        "assessment": None,
        "levels_differ": False,
    }
    assert not list(validator.iter_errors(area | {"self_assessment": None}))
    assert list(validator.iter_errors(area))


def test_pdf_export_is_a_pdf_with_injection_inert(client, login_as, officer, make_case, db, monkeypatch):
    import portal.pdf

    case = make_case(words='<img src="https://evil.example/x.png"><script>alert(1)</script>')
    rendered = {}
    real = portal.pdf.render_template

    def spy(template, **context):
        rendered["html"] = real(template, **context)
        return rendered["html"]

    monkeypatch.setattr(portal.pdf, "render_template", spy)
    login_as(officer, staff=True)
    response = client.get(f"/handlaggare/arenden/{case.id}/export.pdf")
    assert response.status_code == 200 and response.data.startswith(b"%PDF")
    assert "<img" not in rendered["html"] and "<script>" not in rendered["html"]
    assert "&lt;img src=&#34;https://evil.example/x.png&#34;&gt;" in rendered["html"]
    assert db.scalars(select(AccessLogEntry).where(AccessLogEntry.action == "export")).one()
