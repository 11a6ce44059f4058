"""A submitted case with the person's own words, levels and goals, and officers to work on it."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from portal.applications.models import Goal, SelfAssessment
from portal.domain.states import ApplicationStatus
from portal.modelbase import utcnow
from portal.people.models import Unit


@pytest.fixture
def officer(make_staff):
    return make_staff("Eva", "Ek", unit_code="norr")


@pytest.fixture
def colleague(make_staff):
    return make_staff("Gustav", "Gran", unit_code="norr")


@pytest.fixture
def foreign_officer(make_staff):
    return make_staff("Fredrik", "Falk", unit_code="soder")


@pytest.fixture
def make_case(db, make_citizen, make_application, officer):
    """A submitted application in unit "norr" with d5 and d6, self-assessments and goals."""

    def make(citizen=None, status=ApplicationStatus.SUBMITTED, unit=None, words=None, **fields):
        citizen = citizen or make_citizen("Bertil", "Berg")
        unit = unit or db.get(Unit, officer.unit_id)
        fields.setdefault("reference", f"MS-T-{citizen.id:04d}")
        fields.setdefault("submitted_at", utcnow() - timedelta(days=2))
        fields.setdefault("filled_in_by", "self_with_help")
        application = make_application(citizen, status, unit, ("d5", "d6"), **fields)
        d5 = application.needs[0]
        d5.today_text = words or "Jag duschar bara när min son kommer."
        d5.difficulties_text = "Jag är rädd att ramla."
        application.needs[1].today_text = "Jag orkar inte handla."
        db.add_all(
            [
                SelfAssessment(
                    citizen_id=citizen.id,
                    application_id=application.id,
                    life_area="d5",
                    current_level=2,
                    wanted_level=1,
                ),
                SelfAssessment(
                    citizen_id=citizen.id,
                    application_id=application.id,
                    life_area="d6",
                    current_level=3,
                    wanted_level=2,
                ),
                Goal(
                    citizen_id=citizen.id,
                    application_id=application.id,
                    life_area="d5",
                    position=0,
                    text="Jag vill duscha själv två gånger i veckan.",
                    wanted_level=1,
                    follow_up_on=date.today() + timedelta(days=180),
                ),
            ]
        )
        db.commit()
        return application

    return make


def post(client, url, data=None, **kwargs):
    """A form POST with a CSRF token taken from the inbox page."""
    from tests.conftest import csrf_token

    data = dict(data or {})
    data["csrf_token"] = csrf_token(client, "/handlaggare/inkorg")
    return client.post(url, data=data, **kwargs)
