"""The demo citizen reads her beslut, answers her plan and follow-up, sees the chart change,
and writes to her handläggare, who answers. Every page passes axe, with and without JavaScript."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select

from portal.db import get_session
from tests.browser.conftest import check_a11y
from tests.browser.helpers import login_in_browser

pytestmark = pytest.mark.browser


def log_in(page: Page, base_url: str, name: str, staff: bool = False) -> None:
    login_in_browser(page, base_url, name, staff=staff)


def seed_anna(app) -> dict:
    """The demo data, with an appeal deadline still ahead and a third life area for the star."""
    from portal.applications.models import SelfAssessment
    from portal.decisions.models import Decision
    from portal.demo import seed
    from portal.followups.models import FollowUp
    from portal.people.models import Citizen
    from portal.plans.models import ImplementationPlan

    with app.app_context():
        db = get_session()
        seed()
        anna = db.scalars(select(Citizen).where(Citizen.given_name == "Anna")).one()
        decision = db.scalars(select(Decision).where(Decision.citizen_id == anna.id)).one()
        decision.appeal_deadline = date.today() + timedelta(days=5)
        first = db.scalars(select(SelfAssessment).where(SelfAssessment.citizen_id == anna.id)).first()
        db.add(SelfAssessment(citizen_id=anna.id, application_id=first.application_id, life_area="d4",
                              current_level=1, wanted_level=1, recorded_at=first.recorded_at))
        ids = {
            "decision": decision.id,
            "plan": db.scalars(select(ImplementationPlan.id).where(ImplementationPlan.citizen_id == anna.id)).one(),
            "follow_up": db.scalars(select(FollowUp.id).where(FollowUp.citizen_id == anna.id)).one(),
        }
        db.commit()
        return ids


def self_markers(page: Page, area: str) -> int:
    return page.locator(f'svg[aria-labelledby^="chart-{area}-"] [data-series="self"]').count()


def read_the_beslut(page: Page, base: str, decision_id: int) -> None:
    page.goto(f"{base}/beslut/{decision_id}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Ditt beslut")
    main = page.locator("main")
    expect(main).to_contain_text("Du får hjälp att duscha två gånger i veckan.")
    expect(main).to_contain_text("Du behöver hjälp för att duscha tryggt och för att handla.")
    expect(main).to_contain_text("Du sa: Måttliga svårigheter")
    expect(main).to_contain_text("Handläggaren bedömde: Stora svårigheter")
    expect(page.locator("#appeal-deadline")).to_contain_text("5 dagar kvar")
    check_a11y(page, "citizen-case-decision")
    with page.expect_download() as download:
        page.get_by_role("link", name="Ladda ner beslutet (PDF)").click()
    assert download.value.suggested_filename.endswith(".pdf")
    page.get_by_role("link", name="Skriv ett överklagande").click()
    check_a11y(page, "citizen-case-appeal")
    page.get_by_role("button", name="Skicka överklagandet").click()
    expect(page).to_have_title(re.compile("^Fel:"))
    expect(page.get_by_role("alert")).to_be_focused()
    check_a11y(page, "citizen-case-appeal-error")
    page.get_by_label("Vad vill du ändra i beslutet, och varför?").fill("Jag behöver hjälp tre gånger i veckan.")
    page.get_by_role("button", name="Skicka överklagandet").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Överklagandet är skickat")
    check_a11y(page, "citizen-case-appeal-receipt")


def answer_the_plan(page: Page, base: str, plan_id: int, js: bool = True) -> None:
    page.goto(f"{base}/plan/{plan_id}")
    expect(page.locator("main")).to_contain_text("Personal hjälper Anna in och ur duschen.")
    if js:
        check_a11y(page, "citizen-case-plan")
    page.get_by_role("button", name="Jag håller med").focus()
    page.keyboard.press("Enter")  # keyboard only
    expect(page.locator("main")).to_contain_text("Du höll med om planen.")
    page.get_by_role("link", name="Jag vill ändra något").click()
    if js:
        check_a11y(page, "citizen-case-plan-change")
    page.get_by_label(re.compile("^Delmål 1")).fill("Jag vill hellre duscha på onsdagar.")
    page.get_by_role("button", name="Skicka").click()
    expect(page.locator("main")).to_contain_text("Du bad om en ändring.")
    expect(page.locator("main")).to_contain_text("Jag vill hellre duscha på onsdagar.")


def choose(page: Page, question: str, answer: str) -> None:
    page.get_by_role("group", name=question).get_by_label(answer, exact=True).check()


def answer_the_follow_up(page: Page, base: str, follow_up_id: int, js: bool = True) -> None:
    page.goto(f"{base}/uppfoljning/{follow_up_id}")
    if js:
        check_a11y(page, "citizen-case-followup-start")
    page.get_by_role("group", name="Vem svarar på frågorna?").get_by_label("Jag svarar själv").focus()
    page.keyboard.press("Space")
    page.keyboard.press("Tab")  # a radio group is one stop: the next is the button
    expect(page.get_by_role("button", name="Börja")).to_be_focused()
    page.keyboard.press("Enter")
    for attainment, level in (("Delvis", "Lätta svårigheter"), ("Ja", "Vet inte")):
        expect(page.get_by_role("heading", level=1)).to_contain_text("Ditt mål")
        choose(page, "Blev det som du ville?", attainment)
        choose(page, "Hur svårt är det i dag?", level)
        if js and attainment == "Delvis":
            check_a11y(page, "citizen-case-followup-goal")
        page.get_by_role("button", name="Fortsätt").click()
    page.get_by_label("Skriv med egna ord").fill("Det hjälper att det är samma person.")
    if js:
        check_a11y(page, "citizen-case-followup-helped")
    page.get_by_role("button", name="Fortsätt").click()
    for question in ("Är personalen vänlig mot dig?", "Lyssnar personalen på vad du vill?",
                     "Får du veta när något ändras?", "Har personalen tid för dig?",
                     "Känner du dig trygg med personalen?"):
        choose(page, question, "Oftast")
    choose(page, "Litar du på personalen?", "Vet inte eller vill inte svara")
    choose(page, "Hur nöjd är du med stödet, allt som allt?", "Ganska nöjd")
    if js:
        check_a11y(page, "citizen-case-followup-quality")
    page.get_by_role("button", name="Fortsätt").click()
    for question in ("Hur mår du de flesta dagar?", "Hur är ditt liv just nu, allt som allt?"):
        choose(page, question, "Ganska bra")
    for question in ("Får du göra saker som du tycker om?", "Har du någon att prata med när du vill?",
                     "Känner du dig trygg hemma?", "Bestämmer du själv över din dag?"):
        choose(page, question, "Ibland")
    if js:
        check_a11y(page, "citizen-case-followup-life")
    page.get_by_role("button", name="Fortsätt").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kontrollera dina svar")
    if js:
        check_a11y(page, "citizen-case-followup-check")
    page.get_by_role("button", name="Skicka svaren").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Dina svar är skickade")
    if js:
        check_a11y(page, "citizen-case-followup-receipt")


def test_the_demo_citizen_takes_part_from_beslut_to_follow_up(page: Page, browser, live_server):
    ids = seed_anna(live_server.app)
    base = live_server.url
    log_in(page, base, "Anna Andersson")
    read_the_beslut(page, base, ids["decision"])
    answer_the_plan(page, base, ids["plan"])

    page.goto(f"{base}/min-utveckling")
    assert self_markers(page, "d5") == 1
    check_a11y(page, "citizen-case-progress-before")
    answer_the_follow_up(page, base, ids["follow_up"])
    page.goto(f"{base}/min-utveckling")
    assert self_markers(page, "d5") == 2
    expect(page.locator("#table-d5")).to_contain_text("Lätta svårigheter")
    check_a11y(page, "citizen-case-progress-after")

    page.goto(f"{base}/meddelanden")
    page.get_by_label("Ditt meddelande").fill("Kan hemtjänsten komma klockan tio i stället?")
    page.get_by_role("button", name="Skicka meddelandet").click()
    expect(page.locator("main")).to_contain_text("Ditt meddelande är skickat.")
    check_a11y(page, "citizen-case-messages")

    staff_context = browser.new_context(locale="sv-SE", viewport={"width": 1100, "height": 900})
    staff = staff_context.new_page()
    log_in(staff, base, "Eva", staff=True)
    staff.goto(f"{base}/handlaggare/meddelanden")
    check_a11y(staff, "citizen-case-staff-inbox")
    staff.get_by_role("link", name="Anna Andersson", exact=True).click()
    expect(staff.locator("main")).to_contain_text("Kan hemtjänsten komma klockan tio i stället?")
    staff.get_by_label("Ditt svar").fill("Ja, från nästa vecka.")
    staff.get_by_role("button", name="Skicka svaret").click()
    check_a11y(staff, "citizen-case-staff-thread")
    staff_context.close()

    page.goto(f"{base}/meddelanden")
    expect(page.locator("main")).to_contain_text("Ja, från nästa vecka.")


def test_the_pages_work_without_javascript(no_js_page: Page, live_server):
    """Plain forms and links only. (axe cannot run in a page without JavaScript; the test above checks it.)"""
    ids = seed_anna(live_server.app)
    base = live_server.url
    page = no_js_page
    log_in(page, base, "Anna Andersson")
    page.goto(f"{base}/beslut/{ids['decision']}")
    expect(page.locator("#appeal-deadline")).to_contain_text("5 dagar kvar")
    expect(page.get_by_role("button", name="Lyssna")).to_have_count(0)
    page.screenshot(path="test-artifacts/citizen-case-decision-nojs.png", full_page=True)
    answer_the_plan(page, base, ids["plan"], js=False)
    answer_the_follow_up(page, base, ids["follow_up"], js=False)
    page.goto(f"{base}/min-utveckling")
    assert self_markers(page, "d5") == 2
    page.goto(f"{base}/meddelanden")
    page.get_by_label("Ditt meddelande").fill("Hej utan JavaScript.")
    page.get_by_role("button", name="Skicka meddelandet").click()
    expect(page.locator("main")).to_contain_text("Hej utan JavaScript.")
