"""What the person gave reaches staff intact: the area's level (never a detailed answer as if it
were the area's), consent, interpreter and communication needs, on the page, in both exports
and through the API."""

from __future__ import annotations

import json
import re
import subprocess

import pytest

from portal.applications.models import Application
from portal.investigation.services import latest_levels
from tests.applications.conftest import Flow
from tests.fixtures.staff_case import post

# Area level 3 now / 1 wanted; the detailed answers are 0 and 4 so any mix-up shows.
AREA_NOW, AREA_WANTED = "3 – Stora svårigheter (50–95 %)", "1 – Lätta svårigheter (5–24 %)"


def pdf_text(data: bytes) -> str:
    result = subprocess.run(["pdftotext", "-", "-"], input=data, capture_output=True, check=True)
    return result.stdout.decode()


@pytest.fixture
def sent(client, login_as, make_citizen, officer, db):
    """Bertil answers the detailed questions too, gives consent and asks for an interpreter, and sends."""
    login_as(make_citizen("Bertil", "Berg"))
    flow = Flow(client)
    application_id = flow.start()
    flow.choose(application_id, "d5")
    flow.answer(application_id, "d5")
    flow.assess(application_id, "d5", current="3", wanted="1", d510="0", d520="4")
    flow.add_goal(application_id, area="d5")
    flow.contact(application_id, interpreter_language="arabiska",
                 communication_support="Jag hör dåligt. Prata långsamt.")  # fmt: skip
    assert flow.send(application_id).status_code == 303
    login_as(officer, staff=True)
    return db.get(Application, application_id)


def _own_levels(page: str) -> tuple[str, str]:
    block = page[page.index('id="area-d5"'):]
    now = re.search(r"Personens egen skattning nu</dt>\s*<dd>([^<]*)</dd>", block).group(1)
    wanted = re.search(r"Nivå personen vill nå</dt>\s*<dd>([^<]*)</dd>", block).group(1)
    return now, wanted


def test_latest_levels_is_the_area_row_not_a_detailed_answer(sent, db):
    own, _assessed = latest_levels(sent)
    assert own["d5"].icf_category is None
    assert (own["d5"].current_level, own["d5"].wanted_level) == (3, 1)


def test_case_page_shows_the_area_level_and_no_false_difference(client, sent):
    url = f"/handlaggare/arenden/{sent.id}"
    post(client, f"{url}/bedomning/d5", {"assessed_level": "3", "intended_level": "1"})
    page = client.get(url).get_data(as_text=True)
    assert _own_levels(page) == (AREA_NOW, AREA_WANTED)
    assert "Skillnad mellan personens och din bedömning." not in page
    detailed = page[page.index("Personens svar per kategori"):]
    assert re.search(r"Att tvätta sig</dt>\s*<dd>0 – Inga svårigheter", detailed)
    assert re.search(r"Kroppsvård</dt>\s*<dd>4 – Totala svårigheter", detailed)


def test_a_real_difference_still_shows(client, sent):
    url = f"/handlaggare/arenden/{sent.id}"
    post(client, f"{url}/bedomning/d5", {"assessed_level": "2", "intended_level": "1"})
    page = client.get(url).get_data(as_text=True)
    assert f"Nu: personen anger {AREA_NOW}. Du bedömer 2 – Måttliga" in page
    assert "Mål: personen vill nå" not in page


def test_json_export_carries_the_area_level(client, sent):
    post(client, f"/handlaggare/arenden/{sent.id}/bedomning/d5", {"assessed_level": "3", "intended_level": "1"})
    document = json.loads(client.get(f"/handlaggare/arenden/{sent.id}/export.json").get_data(as_text=True))
    d5 = document["life_areas"][0]
    assert d5["self_assessment"]["icf_category"] is None
    assert (d5["self_assessment"]["current_level"], d5["self_assessment"]["wanted_level"]) == (3, 1)
    assert d5["levels_differ"] is False
    assert document["contact"]["interpreter_language"] == "arabiska"
    assert {"kind": "relative", "name": "Karin Berg", "contact": "070 765 43 21", "given": True} in document["consents"]


def test_pdf_export_shows_the_area_level_and_what_the_person_gave(client, sent):
    post(client, f"/handlaggare/arenden/{sent.id}/bedomning/d5", {"assessed_level": "3", "intended_level": "1"})
    text = pdf_text(client.get(f"/handlaggare/arenden/{sent.id}/export.pdf").data)
    flat = " ".join(text.split())
    own = flat[flat.index("Egen skattning nu"):flat.index("Bedömt / avsett")]  # the label wraps in the cell
    assert f"{AREA_NOW} / 1 – Lätta" in own
    assert "Inte angivet" not in flat and "Skillnad" not in flat
    assert "Att tvätta sig 0 – Inga svårigheter" in flat and "Kroppsvård 4 – Totala svårigheter" in flat
    assert "Tolk Ja: arabiska" in flat
    assert "Jag hör dåligt. Prata långsamt." in flat
    assert "Samtycke: Någon nära personen Ja, får kontaktas: Karin Berg (070 765 43 21)" in flat
    assert "Samtycke: Vården Nej" in flat
    assert "Ifylld av Personen själv" in flat
    assert "relative" not in flat and "health_care" not in flat


def test_api_document_carries_the_area_level(client, sent, bearer):
    headers = bearer(["applications:read"])
    document = client.get(f"/api/v1/applications/{sent.id}", headers=headers).json
    d5 = document["life_areas"][0]
    assert d5["self_assessment"]["icf_category"] is None
    assert (d5["self_assessment"]["current_level"], d5["self_assessment"]["wanted_level"]) == (3, 1)


def test_case_page_shows_consent_interpreter_and_who_filled_it_in(client, sent):
    page = client.get(f"/handlaggare/arenden/{sent.id}").get_data(as_text=True)
    section = page[page.index('id="kontakt-och-stod"'):page.index('id="area-d5"')]
    assert 'href="#kontakt-och-stod"' in page
    assert re.search(r"Ifylld av</dt>\s*<dd>Personen själv</dd>", section)
    assert re.search(r"Tolk</dt>\s*<dd>Ja: arabiska</dd>", section)
    assert "Jag hör dåligt. Prata långsamt." in section
    assert re.search(r"Någon nära personen</dt>\s*<dd>Ja, får kontaktas: Karin Berg \(070 765 43 21\)</dd>", section)
    assert re.search(r"Vården</dt>\s*<dd>Nej</dd>", section)


def test_an_ombud_who_filled_it_in_is_named(client, login_as, make_citizen, make_proxy_authority, officer):
    from portal.domain.vocabulary import ProxyScope

    anna, david = make_citizen("Anna", "Andersson"), make_citizen("David", "Andersson")
    authority = make_proxy_authority(anna, david, [ProxyScope.APPLY])
    login_as(david, acting_for=authority)
    flow = Flow(client)
    application_id = flow.complete_draft()
    assert flow.send(application_id).status_code == 303
    login_as(officer, staff=True)
    page = client.get(f"/handlaggare/arenden/{application_id}").get_data(as_text=True)
    assert re.search(r"Ifylld av</dt>\s*<dd>Ombud: David Andersson</dd>", page)


@pytest.mark.parametrize("suffix", ["", "/export.json", "/export.pdf"])
def test_another_units_officer_gets_404(client, sent, login_as, foreign_officer, suffix):
    login_as(foreign_officer, staff=True)
    assert client.get(f"/handlaggare/arenden/{sent.id}{suffix}").status_code == 404
