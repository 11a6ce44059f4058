"""Anna gives David a fullmakt for "read beslut and answer follow-ups"; David acts for her;
Anna takes it back and sees everything David did, in the log and in her registerutdrag."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import delete, select

from portal.db import get_session
from tests.browser.conftest import check_a11y
from tests.browser.helpers import login_in_browser

pytestmark = pytest.mark.browser

DAVID_PNR = "19700208-9832"


def log_in(page: Page, base_url: str, name: str) -> None:
    login_in_browser(page, base_url, name)


def seed_without_davids_fullmakt(app) -> dict:
    """The demo data, minus the fullmakt the demo gives David: Anna gives it in the test."""
    from portal.decisions.models import Decision
    from portal.demo import seed
    from portal.followups.models import FollowUp
    from portal.messages.models import Message
    from portal.people.models import Citizen
    from portal.proxies.models import ProxyAuthority

    with app.app_context():
        db = get_session()
        seed()
        db.execute(delete(ProxyAuthority))
        anna = db.scalars(select(Citizen).where(Citizen.given_name == "Anna")).one()
        db.add(Message(citizen_id=anna.id, sender_kind="staff", body="Välkommen, Anna."))
        ids = {
            "decision": db.scalars(select(Decision.id).where(Decision.citizen_id == anna.id)).one(),
            "follow_up": db.scalars(select(FollowUp.id).where(FollowUp.citizen_id == anna.id)).one(),
        }
        db.commit()
        return ids


def anna_gives_david_a_fullmakt(page: Page, base: str) -> None:
    page.goto(base + "/fullmakter")
    check_a11y(page, "proxies-overview-empty")
    page.get_by_role("link", name="Ge en fullmakt").click()
    page.get_by_role("button", name="Fortsätt").click()  # nothing filled in: errors
    expect(page).to_have_title(re.compile("^Fel:"))
    check_a11y(page, "proxies-give-errors")
    page.get_by_label("Förnamn").fill("David")
    page.get_by_label("Efternamn").fill("Andersson")
    page.get_by_label("Personnummer").fill(DAVID_PNR)
    page.get_by_label("Läsa beslut och planer").check()
    page.get_by_label("Svara på uppföljningar").check()
    check_a11y(page, "proxies-give-filled")
    page.get_by_role("button", name="Fortsätt").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kontrollera fullmakten")
    check_a11y(page, "proxies-give-check")
    page.get_by_role("button", name="Ge fullmakten").click()
    expect(page.locator("main")).to_contain_text("Klart! Fullmakten är sparad.")
    # Until David logs in, Anna sees the name she typed, never one stored for the number.
    expect(page.get_by_role("heading", level=1)).to_have_text("Väntar på att personen loggar in")
    expect(page.locator("main")).to_contain_text("David Andersson (namnet du skrev)")
    check_a11y(page, "proxies-waiting")


def david_chooses_anna(page: Page, base: str) -> None:
    page.goto(base + "/vem-agerar-jag-for")
    expect(page.locator("main")).to_contain_text("Svara på uppföljningar")
    check_a11y(page, "proxies-chooser")
    button = page.get_by_role("button", name="Agera för Anna Andersson")
    button.focus()
    page.keyboard.press("Enter")  # a real button: works from the keyboard
    page.wait_for_url(re.compile(r"/mitt-stod$"))
    expect(page.get_by_role("region", name="Du agerar för någon annan")).to_contain_text(
        "Du agerar för Anna Andersson.")


def choose(page: Page, question: str, answer: str) -> None:
    page.get_by_role("group", name=question).get_by_label(answer, exact=True).check()


def david_answers_the_follow_up(page: Page, base: str, follow_up_id: int) -> None:
    page.goto(f"{base}/uppfoljning/{follow_up_id}")
    expect(page.locator("main")).to_contain_text("Du svarar som ombud för Anna Andersson.")
    page.get_by_role("button", name="Börja").click()
    while "/mal/" in page.url:
        choose(page, "Blev det som du ville?", "Delvis")
        choose(page, "Hur svårt är det i dag?", "Lätta svårigheter")
        page.get_by_role("button", name="Fortsätt").click()
    page.get_by_label("Skriv med egna ord").fill("Hon tycker om personalen.")
    page.get_by_role("button", name="Fortsätt").click()
    for group in page.get_by_role("group").all():  # the support, then my life: "Vet inte" everywhere
        group.get_by_label("Vet inte eller vill inte svara", exact=True).check()
    page.get_by_role("button", name="Fortsätt").click()
    for group in page.get_by_role("group").all():
        group.get_by_label("Vet inte eller vill inte svara", exact=True).check()
    page.get_by_role("button", name="Fortsätt").click()
    page.get_by_role("button", name="Skicka svaren").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Dina svar är skickade")


def test_fullmakt_from_giving_to_taking_back(page: Page, browser, live_server):
    ids = seed_without_davids_fullmakt(live_server.app)
    base = live_server.url
    log_in(page, base, "Anna Andersson")
    anna_gives_david_a_fullmakt(page, base)

    david_context = browser.new_context(locale="sv-SE", viewport={"width": 1100, "height": 900})
    david = david_context.new_page()
    log_in(david, base, "David Andersson")
    david_chooses_anna(david, base)
    david.goto(f"{base}/beslut/{ids['decision']}")
    expect(david.locator("main")).to_contain_text("Du får hjälp att duscha två gånger i veckan.")
    check_a11y(david, "proxies-ombud-reads-decision")
    david_answers_the_follow_up(david, base, ids["follow_up"])
    for closed in ("/meddelanden", "/mina-uppgifter/logg", "/fullmakter/ny"):
        response = david.goto(base + closed)
        assert response.status in (403, 404), closed
        expect(david.locator("main")).not_to_contain_text("Välkommen, Anna.")

    page.goto(base + "/fullmakter")
    page.get_by_role("link", name=re.compile("^David Andersson")).click()
    page.get_by_role("button", name="Ta bort fullmakten").click()
    expect(page.locator("main")).to_contain_text("Klart! Fullmakten gäller inte längre.")

    david.goto(f"{base}/beslut/{ids['decision']}")  # David's next request
    expect(david).to_have_url(re.compile(r"/vem-agerar-jag-for$"))
    expect(david.locator("main")).to_contain_text("Du kan inte agera för den personen längre.")
    expect(david.get_by_role("button", name="Agera för Anna Andersson")).to_have_count(0)
    assert david.goto(f"{base}/beslut/{ids['decision']}").status == 404
    david_context.close()

    page.goto(base + "/mina-uppgifter/logg")
    log = page.locator("table.access-log")
    expect(log).to_contain_text("David Andersson (ombud)")
    expect(log.locator("tr", has_text="David Andersson (ombud)").filter(has_text="Beslut")).not_to_have_count(0)
    expect(log.locator("tr", has_text="Började agera för dig")).not_to_have_count(0)
    check_a11y(page, "dataright-access-log")

    page.goto(base + "/mina-uppgifter")
    check_a11y(page, "dataright-overview")
    with page.expect_download() as download:
        page.get_by_role("link", name="Ladda ner som JSON").click()
    extract = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    [follow_up] = extract["follow_ups"]
    assert follow_up["filled_in_by"] == "proxy" and follow_up["helped_text"] == "Hon tycker om personalen."
    [fullmakt] = extract["proxy_authorities"]["given"]
    assert fullmakt["proxy_name"] == "David Andersson (namnet du skrev)" and fullmakt["ended_by"] == "citizen"
    by_david = [row for row in extract["access_log"] if row["who"] == "David Andersson (ombud)"]
    assert {"decision", "follow_up", "acting_session"} <= {row["record_type"] for row in by_david}
    with page.expect_download() as download:
        page.get_by_role("link", name="Ladda ner som PDF").click()
    assert Path(download.value.path()).read_bytes()[:5] == b"%PDF-"


def ombud_asks_and_anna_says_yes(page: Page, anna: Page, base: str, a11y) -> None:
    """David asks for a fullmakt, Anna says yes to less, David acts and switches back."""
    log_in(page, base, "David Andersson")
    page.goto(base + "/narstaende")
    expect(page.locator("main")).to_contain_text("En fullmakt är när en person ger dig rätt")
    a11y(page, "proxies-guide")
    page.get_by_role("link", name="Be om en fullmakt").click()
    a11y(page, "proxies-ask")
    page.get_by_label("Förnamn").fill("Anna")
    page.get_by_label("Efternamn").fill("Andersson")
    page.get_by_label("Personnummer").fill("19420517-9825")
    page.get_by_label("Läsa beslut och planer").check()
    page.get_by_label("Svara på uppföljningar").check()
    page.get_by_role("button", name="Skicka frågan").click()
    expect(page.locator("main")).to_contain_text("Du har frågat om en fullmakt.")
    expect(page.locator("main")).to_contain_text("Anna Andersson (namnet du skrev)")
    a11y(page, "proxies-detail-asker")

    log_in(anna, base, "Anna Andersson")
    anna.goto(base + "/fullmakter")
    expect(anna.locator("main")).to_contain_text("David Andersson vill bli ditt ombud.")
    a11y(anna, "proxies-overview-request")
    anna.get_by_role("link", name="Svara David Andersson").click()
    a11y(anna, "proxies-answer-request")
    anna.get_by_label("Svara på uppföljningar").uncheck()
    anna.get_by_role("button", name="Ja, ge fullmakten").click()
    expect(anna.locator("main")).to_contain_text("Klart! Fullmakten gäller nu.")

    page.goto(base + "/vem-agerar-jag-for")
    expect(page.locator("main")).not_to_contain_text("Svara på uppföljningar")  # Anna said no to it
    page.get_by_role("button", name="Agera för Anna Andersson").click()
    page.goto(base + "/fullmakter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Byt till dig själv först")
    a11y(page, "proxies-self-only")
    page.get_by_role("button", name="Byt till dig själv").click()
    page.goto(base + "/fullmakter")
    expect(page.locator("main")).to_contain_text("Du är ombud för")
    a11y(page, "proxies-overview-ombud")


def test_ombud_asks_for_a_fullmakt(page: Page, browser, live_server):
    seed_without_davids_fullmakt(live_server.app)
    anna_context = browser.new_context(locale="sv-SE", viewport={"width": 1100, "height": 900})
    ombud_asks_and_anna_says_yes(page, anna_context.new_page(), live_server.url, check_a11y)
    anna_context.close()


def test_the_same_without_javascript(no_js_page: Page, browser, live_server):
    # axe needs JavaScript, so these pages are checked with it on, in the test above.
    seed_without_davids_fullmakt(live_server.app)
    anna_context = browser.new_context(java_script_enabled=False, locale="sv-SE")
    ombud_asks_and_anna_says_yes(no_js_page, anna_context.new_page(), live_server.url,
                                 lambda page, name: None)
    anna_context.close()
