"""Recording and publishing a beslut from the staff pages."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from portal.applications.models import Application
from portal.decisions.models import Decision
from portal.decisions.services import appeal_deadline
from portal.messages.models import Notification
from tests.fixtures.staff_case import post

ITEM = {
    "service": "home_help",
    "outcome": "granted",
    "life_area_codes": ["d5"],
    "assessed_d5": "3",
    "intended_d5": "1",
    "motivation": "Behöver stöd vid dusch.",
    "support_kind": "supportive",
    "valid_from": "2026-01-01",
    "valid_to": "2026-12-31",
}


def _draft(client, case):
    response = post(client, f"/handlaggare/arenden/{case.id}/beslut")
    assert response.status_code == 303
    return response.location


def test_appeal_deadline_is_three_weeks_moved_off_weekends():
    assert appeal_deadline(date(2026, 3, 2)) == date(2026, 3, 23)  # Monday → Monday
    assert appeal_deadline(date(2026, 3, 7)) == date(2026, 3, 30)  # Saturday → Monday


def test_record_and_publish_a_decision(client, login_as, officer, make_case, db):
    case = make_case(assigned_officer_id=officer.id)
    login_as(officer, staff=True)
    url = _draft(client, case)
    assert post(client, f"{url}/insatser", ITEM).status_code == 303
    summary = {"plain_summary": "Du får hjälp att duscha. Det är två gånger i veckan."}
    assert post(client, f"{url}/sammanfattning", summary).status_code == 303
    page = client.get(url).get_data(as_text=True)
    assert "Hemtjänst: Beviljad" in page and "4 kap. 1 § SoL" in page  # default legal basis
    assert "LIX:" in page
    confirm = client.get(f"{url}/publicera").get_data(as_text=True)
    assert "Du får hjälp att duscha. Det är två gånger i veckan." in confirm  # what the person will see
    assert "Beviljat" in confirm and "Publicera beslutet" in confirm
    assert post(client, f"{url}/publicera", {"confirm": "yes"}).status_code == 303
    db.expire_all()
    decision = db.scalars(select(Decision)).one()
    assert decision.status == "published" and decision.appeal_deadline == appeal_deadline(date.today())
    assert db.get(Application, case.id).status == "decided"
    notification = db.scalars(select(Notification)).one()
    assert notification.kind == "decision" and notification.citizen_id == case.citizen_id
    page = client.get(url).get_data(as_text=True)
    assert "Sista dag för överklagande" in page and "Lägg till en insats" not in page
    assert post(client, f"{url}/insatser", ITEM).status_code == 422  # published: locked


def test_publish_needs_an_insats_and_a_summary(client, login_as, officer, make_case, db):
    case = make_case()
    login_as(officer, staff=True)
    url = _draft(client, case)
    response = post(client, f"{url}/publicera")
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Lägg till minst en insats" in page and "Skriv en sammanfattning på lätt svenska" in page
    assert db.get(Application, case.id).status == "submitted"


def test_item_errors_keep_input(client, login_as, officer, make_case):
    case = make_case()
    login_as(officer, staff=True)
    url = _draft(client, case)
    bad = dict(ITEM, outcome="", motivation="Min motivering", valid_to="2025-01-01", life_area_codes=[])
    response = post(client, f"{url}/insatser", bad)
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Välj om insatsen beviljas eller inte" in page and "Välj minst ett livsområde" in page
    assert "Slutdatumet måste vara efter startdatumet" in page and "Min motivering" in page


def test_lix_fragment_warns_above_40(client, login_as, officer):
    login_as(officer, staff=True)
    easy = post(
        client, "/handlaggare/lix", {"plain_summary": "Du får hjälp. Det är bra."}, headers={"HX-Request": "true"}
    ).get_data(as_text=True)
    hard = post(
        client,
        "/handlaggare/lix",
        {
            "plain_summary": (
                "Biståndshandläggningen konstaterade sammanfattningsvis kompletterande behovsbedömningar "
                "avseende omvårdnadsinsatser och tillsynsbehov"
            )
        },
        headers={"HX-Request": "true"},
    ).get_data(as_text=True)
    assert "lätt att läsa" in easy and "svår att läsa" not in easy and "<html" not in easy
    assert "Texten är svår att läsa." in hard


def test_decision_of_another_case_is_404(client, login_as, officer, make_case, make_citizen):
    first, second = make_case(), make_case(make_citizen("Cilla", "Ceder"))
    login_as(officer, staff=True)
    url = _draft(client, first)
    decision_id = url.rsplit("/", 1)[-1]
    assert client.get(f"/handlaggare/arenden/{second.id}/beslut/{decision_id}").status_code == 404
    assert post(client, f"/handlaggare/arenden/{second.id}/beslut/{decision_id}/publicera").status_code == 404


def test_write_new_decision_twice_opens_the_one_draft(client, login_as, officer, make_case, db):
    case = make_case()
    login_as(officer, staff=True)
    assert _draft(client, case) == _draft(client, case)
    assert len(db.scalars(select(Decision)).all()) == 1
    assert "Fortsätt med utkastet" in client.get(f"/handlaggare/arenden/{case.id}").get_data(as_text=True)


def test_publishing_needs_the_confirmation(client, login_as, officer, make_case, db):
    case = make_case()
    login_as(officer, staff=True)
    url = _draft(client, case)
    post(client, f"{url}/insatser", ITEM)
    post(client, f"{url}/sammanfattning", {"plain_summary": "Du får hjälp att duscha."})
    refused = post(client, f"{url}/publicera")
    assert refused.status_code == 422
    assert "Bekräfta att du vill publicera beslutet" in refused.get_data(as_text=True)
    db.expire_all()
    assert db.scalars(select(Decision)).one().status == "draft"
    assert not db.scalars(select(Notification)).all()
    assert post(client, f"{url}/publicera", {"confirm": "yes"}).status_code == 303
    db.expire_all()
    assert db.scalars(select(Decision)).one().status == "published"
    # Published: the confirmation page only leads back, and a new draft is a new beslut.
    assert client.get(f"{url}/publicera").status_code == 303
    assert post(client, f"{url}/sammanfattning", {"plain_summary": "Ändrad."}).status_code == 422
    assert _draft(client, case) != url
