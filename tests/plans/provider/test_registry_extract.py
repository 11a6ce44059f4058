"""The registerutdrag holds the person's uppdrag, sharing choice, missed visits and card."""

from __future__ import annotations

from datetime import date

from portal.dataright.extract import build_extract
from portal.plans.models import CareCard, VisitDeviation
from tests.plans.provider.conftest import send_assignment


def test_the_extract_has_the_uppdrag_visits_sharing_and_card(db, app, provider_case, staff_client):
    assignment = send_assignment(staff_client, provider_case)
    db.add(VisitDeviation(assignment_id=assignment.id, citizen_id=provider_case.citizen.id, visit_on=date.today(),
                          kind="missed", reason="Ingen kom.", reported_by="citizen"))
    db.add(CareCard(citizen_id=provider_case.citizen.id, text="Prata lugnt."))
    db.commit()
    with app.test_request_context():
        extract = build_extract(provider_case.citizen.id)
    [uppdrag] = extract["assignments"]
    assert uppdrag["shared_life_areas"] == ["d5", "d6"]
    assert [v["reason"] for v in uppdrag["visits_not_done"]] == ["Ingen kom."]
    assert [c["text"] for c in extract["care_card"]] == ["Prata lugnt."]
