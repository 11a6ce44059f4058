"""A whole ansökan and a whole follow-up with the keyboard alone (issue 18, WCAG 2.1.1):
Tab to move, Space to tick or choose, arrow keys inside a radio group, Enter to go on.
No click, no fill, no focus() from the test."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page, expect
from sqlalchemy import select

from portal.db import get_session
from tests.browser.helpers import login_in_browser
from tests.browser.test_focus_and_reflow import seed_demo

pytestmark = pytest.mark.browser

MAX_TABS = 200  # per step: far more than any page needs, but a dead end still ends the test

_FOCUSED = """() => {
  const el = document.activeElement;
  const clean = text => (text || '').replace(/\\s+/g, ' ').trim();
  if (!el || el === document.body) return {name: '', group: '', type: '', checked: false};
  const fieldset = el.closest('fieldset');
  const legend = fieldset && fieldset.querySelector('legend');
  const label = el.labels && el.labels.length ? el.labels[0].innerText : '';
  return {name: clean(el.getAttribute('aria-label') || label || el.innerText), group: clean(legend && legend.innerText),
          type: el.type || el.tagName.toLowerCase(), checked: !!el.checked};
}"""


class Keyboard:
    """A person who only uses the keyboard, moving forward through each page."""

    def __init__(self, page: Page):
        self.page = page
        self.presses = 0

    def focused(self) -> dict:
        for _ in range(3):
            try:
                return self.page.evaluate(_FOCUSED)
            except PlaywrightError:  # the page was being replaced by the one Enter asked for
                self.page.wait_for_load_state("load")
        return self.page.evaluate(_FOCUSED)

    def tab_to(self, name: str, group: str | None = None, kind: str | None = None) -> dict:
        wanted = re.compile(name)
        for _ in range(MAX_TABS):
            self.page.keyboard.press("Tab")
            self.presses += 1
            now = self.focused()
            if (wanted.search(now["name"]) and (group is None or now["group"].startswith(group))
                    and (kind is None or now["type"] == kind)):
                return now
            if group and now["type"] == "radio" and now["group"].startswith(group):
                return now  # a radio group is one Tab stop: the arrows do the rest
        raise AssertionError(f"Tab never reached {name!r} on {self.page.url}")

    def follow(self, name: str) -> None:
        self.tab_to(name)
        self.page.keyboard.press("Enter")
        self.page.wait_for_load_state("networkidle")  # a new page, or an htmx swap, has settled

    def type_into(self, label: str, text: str) -> None:
        self.tab_to(f"^{re.escape(label)}")
        self.page.keyboard.type(text)

    def tick(self, label: str) -> None:
        now = self.tab_to(f"^{re.escape(label)}", kind="checkbox")
        if not now["checked"]:
            self.page.keyboard.press("Space")
        assert self.focused()["checked"], label

    def choose(self, question: str, answer: str) -> None:
        now = self.tab_to(f"^{re.escape(answer)}$", group=question)
        for _ in range(12):
            if now["name"] == answer:
                break
            self.page.keyboard.press("ArrowDown")
            now = self.focused()
        if not now["checked"]:
            self.page.keyboard.press("Space")
        now = self.focused()
        assert now["name"] == answer and now["checked"], (question, answer, now)

    def go_on(self, button: str = "Spara och fortsätt") -> None:
        self.follow(f"^{re.escape(button)}$")


ANSWERS = {
    "Hur fungerar det i dag?": "Jag bor själv.",
    "Vad klarar du själv?": "Jag klär på mig.",
    "Vad är svårt?": "Att kliva in i duschen.",
    "Vilken hjälp vill du ha?": "Hjälp att duscha.",
    "Vad är viktigast för dig?": "Att jag får välja tid.",
}


def heading(page: Page):
    return page.get_by_role("heading", level=1)


def test_a_whole_ansokan_with_the_keyboard_only(page, live_server):
    seed_demo(live_server.app)
    login_in_browser(page, live_server.url, "Bertil Berg")
    page.goto(live_server.url + "/mitt-stod")
    person = Keyboard(page)
    person.follow("^Ansök om stöd")
    person.choose("Vem fyller i ansökan?", "Jag fyller i själv")
    person.go_on("Börja")

    expect(heading(page)).to_have_text("Vad vill du ha stöd med?")
    person.tick("Sköta din kropp")
    person.tick("Sköta hemmet")
    person.go_on()
    for area, now, wanted in (("Sköta din kropp", "Stora svårigheter", "Lätta svårigheter"),
                              ("Sköta hemmet", "Måttliga svårigheter", "Vet inte")):
        expect(heading(page)).to_have_text(area)
        for question, text in ANSWERS.items():
            person.type_into(question, text)
        person.go_on()
        person.choose("Hur svårt är det i dag?", now)
        person.choose("Hur vill du att det ska vara?", wanted)
        person.go_on()

    expect(heading(page)).to_have_text("Dina mål")
    for text, area, when in (("Jag vill duscha själv.", "Sköta din kropp", "Om 3 månader"),
                             ("Jag vill laga middag.", "Sköta hemmet", "Om 1 år")):
        person.type_into("Ditt mål", text)
        person.choose("Vilket område gäller målet?", area)
        person.choose("När vill du prata om hur det har gått?", when)
        person.go_on("Lägg till målet")
        expect(page.get_by_text(text)).to_be_visible()
    person.go_on()

    expect(heading(page)).to_have_text("Kontakt och samtycke")
    person.type_into("Telefonnummer", "070 123 45 67")
    person.type_into("Namn", "Karin Berg")
    person.tick("Ja, kommunen får kontakta dem")
    person.go_on()

    expect(heading(page)).to_have_text("Kontrollera dina svar")
    person.go_on("Skicka ansökan")
    expect(heading(page)).to_have_text("Ansökan är skickad")
    assert person.presses < 400, person.presses


def _anna_follow_up(app) -> int:
    from portal.followups.models import FollowUp
    from portal.people.models import Citizen

    with app.app_context():
        db = get_session()
        anna = db.scalars(select(Citizen).where(Citizen.given_name == "Anna")).one()
        return db.scalars(select(FollowUp.id).where(FollowUp.citizen_id == anna.id)).one()


def test_a_whole_follow_up_with_the_keyboard_only(page, live_server):
    seed_demo(live_server.app)
    follow_up = _anna_follow_up(live_server.app)
    login_in_browser(page, live_server.url, "Anna Andersson")
    page.goto(live_server.url + "/mitt-stod")
    person = Keyboard(page)
    person.follow("^Svara på uppföljningen")
    assert page.url.endswith(f"/uppfoljning/{follow_up}")
    person.choose("Vem svarar på frågorna?", "Jag svarar själv")
    person.go_on("Börja")
    for attainment, level in (("Delvis", "Lätta svårigheter"), ("Ja", "Vet inte")):
        expect(heading(page)).to_contain_text("Ditt mål")
        person.choose("Blev det som du ville?", attainment)
        person.choose("Hur svårt är det i dag?", level)
        person.go_on("Fortsätt")
    person.type_into("Skriv med egna ord", "Det hjälper att det är samma person.")
    person.go_on("Fortsätt")
    for question in ("Är personalen vänlig mot dig?", "Lyssnar personalen på vad du vill?",
                     "Får du veta när något ändras?", "Har personalen tid för dig?",
                     "Känner du dig trygg med personalen?"):
        person.choose(question, "Oftast")
    person.choose("Litar du på personalen?", "Vet inte eller vill inte svara")
    person.choose("Hur nöjd är du med stödet, allt som allt?", "Ganska nöjd")
    person.go_on("Fortsätt")
    for question in ("Hur mår du de flesta dagar?", "Hur är ditt liv just nu, allt som allt?"):
        person.choose(question, "Ganska bra")
    for question in ("Får du göra saker som du tycker om?", "Har du någon att prata med när du vill?",
                     "Känner du dig trygg hemma?", "Bestämmer du själv över din dag?"):
        person.choose(question, "Ibland")
    person.go_on("Fortsätt")
    expect(heading(page)).to_have_text("Kontrollera dina svar")
    person.go_on("Skicka svaren")
    expect(heading(page)).to_have_text("Dina svar är skickade")
