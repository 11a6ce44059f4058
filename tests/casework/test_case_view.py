"""The case view: the person's words next to the officer's assessment, notes, history."""

from __future__ import annotations

from sqlalchemy import select

from portal.audit.models import AccessLogEntry
from portal.investigation.models import Assessment, InternalNote
from tests.fixtures.staff_case import post


def test_case_shows_own_words_levels_and_goals(client, login_as, officer, make_case):
    case = make_case()
    login_as(officer, staff=True)
    page = client.get(f"/handlaggare/arenden/{case.id}").get_data(as_text=True)
    assert "Jag duschar bara när min son kommer." in page
    assert "2 – Måttliga svårigheter" in page and "1 – Lätta svårigheter" in page
    assert "Jag vill duscha själv två gånger i veckan." in page
    assert "Personlig vård" in page and "Hemliv" in page


def test_personnummer_is_masked_until_asked_for_and_that_is_logged(client, login_as, officer, make_case, db):
    case = make_case()
    login_as(officer, staff=True)
    page = client.get(f"/handlaggare/arenden/{case.id}").get_data(as_text=True)
    assert "-****" in page
    shown = client.get(f"/handlaggare/arenden/{case.id}?personnummer=visa").get_data(as_text=True)
    assert "-****" not in shown
    assert db.scalars(select(AccessLogEntry).where(AccessLogEntry.record_type == "personnummer")).first()


def test_assessment_saved_and_difference_is_visible(client, login_as, officer, make_case, db):
    case = make_case()
    login_as(officer, staff=True)
    response = post(
        client,
        f"/handlaggare/arenden/{case.id}/bedomning/d5",
        {
            "assessed_level": "3",
            "intended_level": "1",
            "support_kind": "supportive",
            "factor_kind": ["environment", "aid"],
            "factor_effect": ["hindering", "facilitating"],
            "factor_text": ["Hög tröskel till duschen", ""],
        },
    )
    assert response.status_code == 303
    assessment = db.scalars(select(Assessment).where(Assessment.application_id == case.id)).one()
    assert (assessment.assessed_level, assessment.intended_level) == (3, 1)
    assert [f.description for f in assessment.related_factors] == ["Hög tröskel till duschen"]
    page = client.get(f"/handlaggare/arenden/{case.id}").get_data(as_text=True)
    assert "Skillnad mellan personens och din bedömning." in page
    assert "personen anger 2 – Måttliga svårigheter (25–49 %). Du bedömer 3 – Stora" in page
    assert "Bedömning sparad" in page  # history


def test_assessment_errors_are_shown_and_input_kept(client, login_as, officer, make_case):
    case = make_case()
    login_as(officer, staff=True)
    response = post(
        client,
        f"/handlaggare/arenden/{case.id}/bedomning/d5",
        {"assessed_level": "7", "intended_level": "", "support_kind": "supportive"},
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "<title>Fel:" in page
    assert 'href="#field-d5-intended_level"' in page and "Välj avsett funktionstillstånd" in page
    assert "Välj en nivå i listan" in page


def test_unknown_life_area_is_404(client, login_as, officer, make_case):
    case = make_case()
    login_as(officer, staff=True)
    assert post(client, f"/handlaggare/arenden/{case.id}/bedomning/d99", {}).status_code == 404


def test_internal_note_is_marked_and_kept(client, login_as, officer, make_case, db):
    case = make_case()
    login_as(officer, staff=True)
    assert (
        post(client, f"/handlaggare/arenden/{case.id}/anteckningar", {"body": "Ring sonen först."}).status_code == 303
    )
    page = client.get(f"/handlaggare/arenden/{case.id}").get_data(as_text=True)
    assert "Ring sonen först." in page and "Bara för personal." in page, page[page.find('anteckningar"') :][:1500]
    assert db.scalars(select(InternalNote)).one().author_id == officer.id
    assert post(client, f"/handlaggare/arenden/{case.id}/anteckningar", {"body": " "}).status_code == 422


def test_injection_in_the_persons_words_is_inert(client, login_as, officer, make_case):
    attack = "<script>alert(1)</script><img src=x onerror=alert(2)>"
    case = make_case(words=attack)
    login_as(officer, staff=True)
    page = client.get(f"/handlaggare/arenden/{case.id}").get_data(as_text=True)
    assert "<script>alert(1)" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    post(client, f"/handlaggare/arenden/{case.id}/anteckningar", {"body": attack})
    page = client.get(f"/handlaggare/arenden/{case.id}").get_data(as_text=True)
    assert "<script>alert(1)" not in page and "<img src=x" not in page
