""""Fortsätt med ansökan" continues where the person was; the printed documents stand alone."""

from __future__ import annotations

import re
import subprocess
from datetime import date

import pytest


def _continue_link(client) -> str:
    page = client.get("/mitt-stod").get_data(as_text=True)
    return re.search(r'<a class="button" href="([^"]+)">Fortsätt med ansökan', page).group(1)


def test_continue_goes_to_the_step_after_the_last_saved_one(flow, client):
    application_id = flow.start()
    flow.choose(application_id, "d5", "d6")
    flow.answer(application_id, "d5")
    flow.assess(application_id, "d5")
    # The browser never showed the next page (closed, or lost the connection).
    assert _continue_link(client) == f"/ansokan/{application_id}/omrade/d6"


def test_continue_after_goals_goes_to_contact(flow, client):
    application_id = flow.start()
    flow.choose(application_id, "d5")
    flow.answer(application_id, "d5")
    flow.assess(application_id, "d5")
    flow.add_goal(application_id, action="continue")
    assert _continue_link(client) == f"/ansokan/{application_id}/kontakt"
    assert client.get(f"/ansokan/{application_id}").headers["Location"] == f"/ansokan/{application_id}/kontakt"


def test_a_step_with_errors_is_where_the_person_continues(flow, client):
    application_id = flow.start()
    flow.choose(application_id, "d5")
    flow.answer(application_id, "d5")
    assert flow.assess(application_id, "d5", current="", wanted="").status_code != 303
    assert _continue_link(client) == f"/ansokan/{application_id}/omrade/d5/skattning"


def test_the_ombud_continues_where_they_left_off(client, login_as, make_citizen, make_proxy_authority):
    from portal.domain.vocabulary import ProxyScope
    from tests.applications.conftest import Flow

    anna, david = make_citizen("Anna", "Andersson"), make_citizen("David", "Andersson")
    login_as(david, acting_for=make_proxy_authority(anna, david, [ProxyScope.APPLY]))
    flow = Flow(client)
    application_id = flow.start()
    flow.choose(application_id, "d5")
    flow.answer(application_id, "d5")
    assert _continue_link(client) == f"/ansokan/{application_id}/omrade/d5/skattning"


def _pdf_text(data: bytes) -> str:
    result = subprocess.run(["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True)
    return " ".join(result.stdout.decode().split())


@pytest.mark.parametrize("document", ["kvitto.pdf", "ansokan.pdf"])
def test_a_printed_document_says_whose_it_is(client, sent, citizen, load, document):
    text = _pdf_text(client.get(f"/ansokan/{sent}/{document}").data)
    application = load(sent)
    assert "Namn Bertil Berg" in text
    assert f"Personnummer {citizen.personnummer[:8]}-XXXX" in text
    assert citizen.personnummer[8:] not in text.replace(citizen.personnummer[:8], "")
    assert "Kommun Exempelkommunen" in text and "Enhet Enhet norr" in text
    assert f"Ansökans nummer {application.reference}" in text
    assert re.search(rf"Skickad {application.submitted_at.day} \w+ {application.submitted_at.year} kl \d\d\.\d\d", text)
    assert f"skrevs ut {date.today().day} " in text
    for on_screen in ("klicka", "Klicka", "knappen", "här i Mitt stöd", "Ändra", "tecken till"):
        assert on_screen not in text, on_screen


def test_the_receipt_says_what_happens_next_and_whom_to_ask(client, sent, load):
    text = _pdf_text(client.get(f"/ansokan/{sent}/kvitto.pdf").data)
    reference = load(sent).reference
    assert "Vad händer nu?" in text and "Handläggaren kontaktar dig senast" in text
    assert f"Kontakta Exempelkommunen. Säg numret på din ansökan: {reference}." in text


def test_another_person_gets_404_for_the_documents(client, sent, log_in_as_other, make_citizen):
    log_in_as_other(make_citizen("Greta", "Gran"))
    for document in ("kvitto.pdf", "ansokan.pdf"):
        assert client.get(f"/ansokan/{sent}/{document}").status_code == 404
