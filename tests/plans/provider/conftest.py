"""A decided case, an utförare unit with a kontaktperson and an enhetschef, another
utförare unit, and a browser (test client) per person."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from tests.fixtures.person_case import build_case, staff_client, token_for  # noqa: F401
from tests.fixtures.person_case import citizen_client as browser_for  # noqa: F401


@pytest.fixture
def provider_case(db, make_citizen, make_staff):
    """Anna's decided case (Eva), Hemtjänsten (Karin, kontaktperson; Lars, enhetschef) and Boendestödet (Maria)."""
    from portal.applications.models import NeedDescription
    from portal.people.models import Unit

    anna, eva = make_citizen("Anna", "Andersson"), make_staff("Eva", "Ek", unit_code="norr")
    karin = make_staff("Karin", "Kvist", role="provider", unit_code="hemtjanst")
    lars = make_staff("Lars", "Lund", role="provider_manager", unit_code="hemtjanst")
    maria = make_staff("Maria", "Månsson", role="provider", unit_code="boendestod")
    for unit_id in {karin.unit_id, maria.unit_id}:
        db.get(Unit, unit_id).kind = "provider"
    db.commit()
    case = build_case(db, anna, eva)
    case.application.needs = [
        NeedDescription(life_area="d5", position=0, today_text="Jag duschar sällan.",
                        resources_text="Jag tvättar mig själv om någon står bredvid.",
                        wanted_help_text="Hjälp att duscha två gånger i veckan.",
                        what_matters_text="Att jag får duscha på morgonen."),
        NeedDescription(life_area="d6", position=1, today_text="Jag orkar inte handla.",
                        wanted_help_text="Hjälp att handla.", what_matters_text="Att jag väljer maten själv."),
    ]
    db.commit()
    return SimpleNamespace(**vars(case), karin=karin, lars=lars, maria=maria)


def send_assignment(open_staff, case, **fields):
    """Eva sends the uppdrag from the published beslut to Hemtjänsten; returns the Assignment."""
    from sqlalchemy import select

    from portal.db import get_session
    from portal.plans.models import Assignment

    eva = open_staff(case.officer)
    path = f"/handlaggare/arenden/{case.application.id}"
    data = {"csrf_token": token_for(eva, path), "decision_item_id": case.decision.items[0].id,
            "provider_unit_id": case.karin.unit_id, "description": "Hjälp att duscha två gånger i veckan.",
            "goals_text": "Anna duschar själv med lite hjälp.", **fields}
    response = eva.post(f"{path}/uppdrag", data=data)
    assert response.status_code == 303, response.get_data(as_text=True)[:2000]
    return get_session().scalars(select(Assignment).order_by(Assignment.id.desc())).first()
