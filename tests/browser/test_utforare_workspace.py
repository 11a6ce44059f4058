"""The uppdrag and the genomförandeplan across roles, each person in their own browser.

Eva Ek (handläggare) sends an uppdrag from Anna's published beslut to Hemtjänsten
Centrum. Karin Kvist (kontaktperson) accepts it on a phone-sized screen (375 px),
writes the plan pre-filled from Anna's own words and shares it. Anna, without
JavaScript, reads it, asks for a change on one delmål (and so agrees to the rest);
Karin revises; Anna agrees. Karin records a missed visit that Anna then sees. Eva
sees the plan, Anna's answers and the visit. Lars Lund (enhetschef) sees a plan that
is overdue. axe runs on every page in the JavaScript browsers, and Anna's pages are
checked with axe at the end (axe needs JavaScript). The time to write the plan and
the page weights at 375 px go to test-artifacts/utforare-metrics.json.
"""

from __future__ import annotations

import json
import re
import time

import pytest
from playwright.sync_api import Browser, expect
from sqlalchemy import select

from portal.db import get_session
from tests.browser.conftest import ARTIFACTS
from tests.browser.helpers import BrowserPerson

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 800}
WHEN = "Tisdag och fredag klockan 9"
CHANGE = "Jag vill duscha på kvällen i stället."


class Someone(BrowserPerson):
    shot_prefix = "utforare"

    def weight(self) -> dict:
        """Bytes of the page's HTML and of everything it loads, uncompressed and uncached."""
        return self.page.evaluate("""async () => {
            const size = async (url) => (await (await fetch(url, {cache: 'no-store'})).arrayBuffer()).byteLength;
            const urls = performance.getEntriesByType('resource').map(e => e.name);
            const html = await size(location.href);
            let total = html;
            for (const url of new Set(urls)) total += await size(url);
            return {html, total};
        }""")


def _arrange(app) -> dict:
    """The demo municipality (it has Ingrid's uppdrag to Hemtjänsten, 15 days old, with no plan)."""
    from portal.decisions.models import Decision
    from portal.demo import seed
    from portal.people.models import Citizen

    with app.app_context():
        db = get_session()
        seed()
        anna = db.scalars(select(Citizen).where(Citizen.given_name == "Anna")).one()
        anna_case = db.scalars(select(Decision).where(Decision.citizen_id == anna.id)).one().application_id
        db.commit()
        return {"anna_case": anna_case}


def eva_sends_the_uppdrag(eva: Someone, case_id: int) -> None:
    page = eva.go(f"/handlaggare/arenden/{case_id}")
    form = page.locator("form", has=page.get_by_role("heading", name="Skicka uppdrag till utförare"))
    form.get_by_label("Utförare", exact=True).select_option(label="Hemtjänsten Centrum")
    form.get_by_label("Vad ska utföraren göra?").fill("Hjälp Anna att duscha och att handla.")
    form.get_by_label("Övergripande mål").fill("Anna duschar tryggt och lagar sin egen mat.")
    eva.looks_right("eva-sends")
    form.get_by_role("button", name="Skicka uppdraget").click()
    expect(page.get_by_text("Uppdraget är skickat till utföraren.")).to_be_visible()


def karin_accepts_and_writes_the_plan(karin: Someone) -> float:
    page = karin.go("/handlaggare/")
    expect(page).to_have_url(re.compile(r"/utforare/$"))
    karin.looks_right("karin-home")
    page.get_by_role("link", name=re.compile("Anna Andersson")).click()
    expect(page.get_by_role("heading", name="Så vill jag ha det")).to_have_count(0)
    karin.looks_right("karin-uppdrag")
    page.get_by_role("button", name="Ta emot uppdraget").click()
    expect(page.get_by_text("Uppdraget är ditt.")).to_be_visible()
    started = time.monotonic()
    page.get_by_role("button", name="Skriv planen").click()
    # Pre-filled from Anna's own words in the ansökan.
    expect(page.get_by_label("Delmål med personens ord").first).to_have_value(
        "Jag vill kunna duscha själv med lite hjälp två gånger i veckan.")
    expect(page.get_by_label("Det här gör personen själv").first).to_have_value(
        "Jag klär mig själv om kläderna ligger framme.")
    karin.looks_right("karin-plan-editor")
    for field in page.get_by_label("När?").all()[:2]:
        field.fill(WHEN)
    for field in page.get_by_label("Vem gör det?").all()[:2]:
        field.fill("Karin från hemtjänsten")
    page.get_by_role("button", name="Dela planen med personen").click()
    expect(page.get_by_role("alert").get_by_role("link", name="Skriv hur personen var delaktig")).to_be_visible()
    karin.looks_right("karin-plan-refused")
    page.get_by_label("Så var personen med och önskemål som togs hänsyn till").fill(
        "Anna och Karin skrev planen hemma hos Anna. Anna ville duscha på morgonen.")
    page.get_by_role("button", name="Dela planen med personen").click()
    expect(page.get_by_text("Planen är delad med personen.")).to_be_visible()
    return time.monotonic() - started


def anna_asks_for_a_change(anna: Someone) -> None:
    page = anna.go("/mitt-stod")
    page.get_by_role("link", name="Dina uppdrag").click()
    page.get_by_role("link", name="Hemtjänst").click()
    expect(page.get_by_text("Hjälp Anna att duscha och att handla.")).to_be_visible()
    expect(page.get_by_text("Karin Kvist")).to_be_visible()
    page.get_by_role("link", name="Läs din genomförandeplan").click()
    expect(page.get_by_text(WHEN).first).to_be_visible()
    page.get_by_role("link", name="Jag vill ändra något").click()
    page.get_by_label(re.compile("^Delmål 1:")).fill(CHANGE)
    page.get_by_role("button", name="Skicka").click()
    expect(page.get_by_text("Tack! Vi har skickat det du vill ändra.")).to_be_visible()


def karin_revises(karin: Someone, weights: dict) -> None:
    page = karin.go("/utforare/")
    page.get_by_role("link", name=re.compile("Anna Andersson")).click()
    page.get_by_role("button", name="Gör en ny version").click()
    expect(page.get_by_text(CHANGE)).to_be_visible()
    weights["kontaktperson plan editor"] = karin.weight()
    # Keyboard only: change the time and share with Enter.
    when = page.get_by_label("När?").first
    when.focus()
    page.keyboard.press("Control+A")
    page.keyboard.type("Tisdag och fredag klockan 19")
    page.get_by_role("button", name="Dela planen med personen").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_text("Planen är delad med personen.")).to_be_visible()


def anna_agrees(anna: Someone) -> None:
    page = anna.go("/mitt-stod")
    page.get_by_role("link", name="Dina uppdrag").click()
    page.get_by_role("link", name="Hemtjänst").click()
    page.get_by_role("link", name="Läs din genomförandeplan").click()
    expect(page.get_by_text("Tisdag och fredag klockan 19").first).to_be_visible()
    page.get_by_role("button", name="Jag håller med").click()
    expect(page.get_by_text("Tack! Du har sagt att du håller med om planen.")).to_be_visible()


def karin_records_a_missed_visit(karin: Someone) -> None:
    page = karin.go("/utforare/")
    page.get_by_role("link", name=re.compile("Anna Andersson")).click()
    form = page.locator("form", has=page.get_by_role("button", name="Spara besöket"))
    form.get_by_label("Dag för besöket").fill(time.strftime("%Y-%m-%d"))
    form.get_by_label("Besöket blev inte av").check()
    form.get_by_label(re.compile("^Varför?")).fill("Vår bil gick sönder. Vi ber om ursäkt.")
    form.get_by_role("button", name="Spara besöket").click()
    expect(page.get_by_text("Besöket är sparat.")).to_be_visible()


def anna_sees_the_visit(anna: Someone) -> None:
    page = anna.go("/mina-uppdrag")
    page.get_by_role("link", name="Hemtjänst").click()
    expect(page.get_by_text("Vår bil gick sönder. Vi ber om ursäkt.")).to_be_visible()


def eva_reviews(eva: Someone, case_id: int) -> None:
    page = eva.go(f"/handlaggare/arenden/{case_id}")
    page.locator("#planer").locator("..").get_by_role("link", name="Hemtjänst").first.click()
    expect(page.get_by_text("Tisdag och fredag klockan 19").first).to_be_visible()
    expect(page.get_by_text("Håller med (version 2)")).to_be_visible()
    expect(page.get_by_text("Vill ändra (version 1)")).to_be_visible()
    expect(page.get_by_text(CHANGE)).to_be_visible()
    expect(page.get_by_text(re.compile("Vår bil gick sönder"))).to_be_visible()
    eva.looks_right("eva-review")


def lars_sees_the_overdue_plan(lars: Someone) -> None:
    page = lars.go("/utforare/")
    late = page.locator('section[aria-labelledby="sena"]')
    expect(late.get_by_text(re.compile("Ingrid Nyberg"))).to_be_visible()
    expect(late.get_by_text(re.compile("Anna Andersson"))).to_have_count(0)
    lars.looks_right("lars-overdue")


def anna_pages_pass_axe(browser: Browser, base: str, weights: dict) -> None:
    anna = Someone(browser, base, "Anna Andersson", viewport=PHONE).log_in()
    try:
        page = anna.go("/mina-uppdrag")
        anna.looks_right("anna-uppdrag-list")
        page.get_by_role("link", name="Hemtjänst").click()
        anna.looks_right("anna-uppdrag")
        weights["person uppdrag page"] = anna.weight()
        page.get_by_role("link", name="Läs din genomförandeplan").click()
        anna.looks_right("anna-plan")
        weights["person plan page"] = anna.weight()
        page.go_back()
        page.get_by_role("link", name="Ändra vad utföraren får läsa").click()
        anna.looks_right("anna-sharing")
        anna.go("/sa-vill-jag-ha-det")
        anna.looks_right("anna-card")
    finally:
        anna.close()


def test_uppdrag_and_plan_across_roles(browser, live_server):
    ids = _arrange(live_server.app)
    base = live_server.url
    eva = Someone(browser, base, "Eva Ek", staff=True).log_in()
    karin = Someone(browser, base, "Karin Kvist", staff=True, viewport=PHONE).log_in()
    anna = Someone(browser, base, "Anna Andersson", js=False).log_in()
    lars = Someone(browser, base, "Lars Lund", staff=True, viewport=PHONE).log_in()
    weights: dict[str, dict] = {}
    try:
        eva_sends_the_uppdrag(eva, ids["anna_case"])
        seconds = karin_accepts_and_writes_the_plan(karin)
        anna_asks_for_a_change(anna)
        karin_revises(karin, weights)
        anna_agrees(anna)
        karin_records_a_missed_visit(karin)
        anna_sees_the_visit(anna)
        eva_reviews(eva, ids["anna_case"])
        lars_sees_the_overdue_plan(lars)
        anna_pages_pass_axe(browser, base, weights)
    finally:
        for person in (eva, karin, anna, lars):
            person.close()
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "utforare-metrics.json").write_text(json.dumps(
        {"seconds_to_write_and_share_plan": round(seconds, 2), "bytes_at_375px": weights}, indent=2))
