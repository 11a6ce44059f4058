"""A whole ansökan in real Chromium, as the demo citizen Bertil Berg (no case yet).

Log in, choose two areas, answer, self-assess, add two goals, leave, come
back to the draft, check, change one answer, send, download the receipt.
With JavaScript every page must pass axe; without it the same flow works.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import check_a11y
from tests.browser.helpers import login_in_browser

pytestmark = pytest.mark.browser


ANSWERS = {
    "Hur fungerar det i dag?": "Jag bor själv. Jag duschar sällan.",
    "Vad klarar du själv?": "Jag kan klä på mig om jag sitter ner.",
    "Vad är svårt?": "Det är svårt att kliva in i duschen.",
    "Vilken hjälp vill du ha?": "Hjälp att duscha två gånger i veckan.",
    "Vad är viktigast för dig?": "Att jag får bestämma tiden själv.",
}


def log_in(page: Page, base_url: str, name: str) -> None:
    login_in_browser(page, base_url, name)
    page.goto(base_url + "/mitt-stod")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mitt stöd")


class Person:
    """Walks the pages by their visible labels; checks axe when JavaScript is on."""

    def __init__(self, page: Page, js: bool):
        self.page = page
        self.js = js

    def looks_right(self, name: str) -> None:
        if self.js:
            check_a11y(self.page, name=f"application-{name}")

    def go_on(self, label="Spara och fortsätt") -> None:
        self.page.get_by_role("button", name=label).click()

    def answer_area(self, heading: str, screenshot: str | None = None) -> None:
        expect(self.page.get_by_role("heading", level=1)).to_have_text(heading)
        for question, text in ANSWERS.items():
            self.page.get_by_label(question).fill(text)
        if self.js:
            expect(self.page.locator("#save-status")).to_contain_text("Sparat kl")
        if screenshot:
            self.looks_right(screenshot)
        self.go_on()

    def assess(self, now: str, wanted: str, screenshot: str | None = None) -> None:
        self.page.get_by_role("group", name="Hur svårt är det i dag?").get_by_label(now).check()
        self.page.get_by_role("group", name="Hur vill du att det ska vara?").get_by_label(wanted).check()
        if screenshot:
            self.page.get_by_text("Vill du svara mer noga?").click()
            self.page.get_by_label("Tvätta dig").select_option(label="Stora svårigheter")
            self.looks_right(screenshot)
        self.go_on()

    def add_goal(self, text: str, area: str, when: str) -> None:
        self.page.get_by_label("Ditt mål").fill(text)
        self.page.get_by_role("group", name="Vilket område gäller målet?").get_by_label(area).check()
        self.page.get_by_role("group", name="När vill du prata om hur det har gått?").get_by_label(when).check()
        self.go_on("Lägg till målet")


def walk_through_an_application(page: Page, base_url: str, js: bool) -> None:
    person = Person(page, js)
    log_in(page, base_url, "Bertil Berg")
    person.looks_right("home-empty")
    page.get_by_role("link", name="Ansök om stöd").click()
    person.looks_right("start")
    page.get_by_label("Jag fyller i själv").check()
    person.go_on("Börja")

    expect(page.get_by_role("heading", level=1)).to_have_text("Vad vill du ha stöd med?")
    person.go_on()
    expect(page.get_by_role("alert")).to_contain_text("Välj minst ett område.")
    person.looks_right("areas-error")
    page.get_by_role("button", name="Visa inte bilder").click()
    expect(page.locator(".area-choices .pictogram").first).to_be_hidden()
    page.get_by_role("button", name="Visa bilder").click()
    page.get_by_role("link", name=re.compile("Få hjälp att välja")).click()
    person.looks_right("help-choose")
    page.get_by_label("Det är svårt att tvätta mig, klä mig eller äta.").check()
    page.get_by_label("Det är svårt att handla, laga mat eller städa.").check()
    person.go_on("Visa förslag")
    expect(page.get_by_label("Sköta din kropp")).to_be_checked()
    expect(page.get_by_label("Sköta hemmet")).to_be_checked()
    expect(page.get_by_label("Röra dig")).not_to_be_checked()
    person.looks_right("areas")
    person.go_on()

    person.answer_area("Sköta din kropp", screenshot="area-d5")
    person.assess("Stora svårigheter", "Lätta svårigheter", screenshot="assessment-d5")
    if js:  # a failed autosave says so, and "Spara nu" tries again
        page.route("**/spara", lambda route: route.abort())
        page.get_by_label("Hur fungerar det i dag?").fill("Jag handlar en gång i veckan.")
        expect(page.locator("#save-status")).to_contain_text("Inte sparat – försök igen")
        page.unroute("**/spara")
        page.get_by_role("button", name="Spara nu").click()
        expect(page.locator("#save-status")).to_contain_text("Sparat kl")
    person.answer_area("Sköta hemmet")
    person.assess("Måttliga svårigheter", "Vet inte")

    expect(page.get_by_role("heading", level=1)).to_have_text("Dina mål")
    person.looks_right("goals-empty")
    person.add_goal("Jag vill duscha själv två gånger i veckan.", "Sköta din kropp", "Om 3 månader")
    person.add_goal("Jag vill laga min egen middag tre dagar i veckan.", "Sköta hemmet", "Om 1 år")
    expect(page.get_by_role("heading", name=re.compile("^Mål \\d$"))).to_have_count(2)
    person.looks_right("goals")
    person.go_on()

    # Leave, and find the draft again from the home page.
    expect(page.get_by_role("heading", level=1)).to_have_text("Kontakt och samtycke")
    page.get_by_role("navigation", name="Meny").get_by_role("link", name="Mitt stöd").click()
    expect(page.get_by_text(re.compile(r"Utkastet sparas till \d+ \w+ \d{4}\."))).to_be_visible()
    person.looks_right("home-draft")
    page.get_by_role("link", name=re.compile("Fortsätt med ansökan")).click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Kontakt och samtycke")
    page.get_by_label("Telefonnummer").fill("070 123 45 67")
    page.get_by_label("Namn").first.fill("Karin Berg")
    page.get_by_label("Ja, kommunen får kontakta dem").first.check()
    person.looks_right("contact")
    person.go_on()

    expect(page.get_by_role("heading", level=1)).to_have_text("Kontrollera dina svar")
    person.looks_right("check")
    page.get_by_role("link", name="Ändra Vad är svårt?").first.click()
    page.get_by_label("Vad är svårt?").fill("Det är svårt att kliva över duschkanten.")
    person.go_on()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kontrollera dina svar")
    expect(page.get_by_text("Det är svårt att kliva över duschkanten.")).to_be_visible()

    person.go_on("Skicka ansökan")
    expect(page.get_by_role("heading", level=1)).to_have_text("Ansökan är skickad")
    reference = page.locator(".reference").inner_text()
    assert re.fullmatch(r"MS-\d{4}-\d{6}", reference)
    person.looks_right("receipt")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Ladda ner kvittot (PDF)").click()
    download = download_info.value
    assert download.suggested_filename == f"kvitto-{reference}.pdf"
    with open(download.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"

    page.goto(base_url + "/mitt-stod")
    expect(page.get_by_text(f"Ansökan {reference}")).to_be_visible()
    person.looks_right("home-sent")


def test_a_citizen_applies_with_javascript(page, live_server):
    walk_through_an_application(page, live_server.url, js=True)


def test_a_citizen_applies_without_javascript(no_js_page, live_server):
    walk_through_an_application(no_js_page, live_server.url, js=False)
