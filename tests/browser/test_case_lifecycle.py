"""One case through its whole life, passing from person to person, each in their own browser.

Bertil Berg applies (with the detailed sub-answers), Eva Ek (handläggare) finds
the case, assesses and sends kommunicering, Bertil answers, Eva publishes the
beslut, David Andersson (ombud for Bertil) reads it and appeals, Eva sees the
appeal in "Behöver åtgärd" and handles it, Eva schedules a follow-up that
Bertil answers, the plan is published, revised and answered, Bertil reports
that his needs have changed, and Eva finds the case by search at every stage.
At each hand-over the next person must see exactly what the previous one did,
with the right actor named. Every page passes axe; the citizen's steps run a
second time with JavaScript off.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from playwright.sync_api import Browser, Page, expect
from sqlalchemy import select

from portal.db import get_session
from tests.browser.helpers import BrowserPerson

pytestmark = pytest.mark.browser

WORDS = {
    "Hur fungerar det i dag?": "Jag bor själv. Jag duschar sällan.",
    "Vad klarar du själv?": "Jag kan klä på mig om jag sitter ner.",
    "Vad är svårt?": "Det är svårt att kliva in i duschen.",
    "Vilken hjälp vill du ha?": "Hjälp att duscha två gånger i veckan.",
    "Vad är viktigast för dig?": "Att jag får bestämma tiden själv.",
}
GOAL = "Jag vill duscha själv två gånger i veckan."
PROPOSAL = "Du får hjälp att duscha. Det är två gånger i veckan."
COMMENT = "Jag vill hellre duscha på morgonen."
APPEAL = "Jag behöver hjälp tre gånger i veckan. Två gånger räcker inte."
NEED_CHANGE = "Jag har ramlat. Nu går jag med rollator."


class Person(BrowserPerson):
    shot_prefix = "lifecycle"

    def main(self):
        return self.page.locator("main")


def section(page: Page, heading_id: str):
    """A section of a page, found by the id of its heading (aria-labelledby)."""
    return page.locator(f'section[aria-labelledby="{heading_id}"]')


def seed_people(app) -> None:
    """The demo people, and a fullmakt from Bertil to David (read and answer beslut, answer follow-ups)."""
    from portal.demo import seed
    from portal.domain.vocabulary import ProxyKind
    from portal.people.models import Citizen
    from portal.proxies.models import ProxyAuthority

    with app.app_context():
        db = get_session()
        seed()
        bertil = db.scalars(select(Citizen).where(Citizen.given_name == "Bertil")).one()
        david = db.scalars(select(Citizen).where(Citizen.given_name == "David")).one()
        db.add(ProxyAuthority(
            citizen_id=bertil.id, proxy_id=david.id, kind=ProxyKind.POWER_OF_ATTORNEY.value,
            scopes=["read_decisions", "act_on_decisions", "answer_follow_ups"],
            valid_from=date.today() - timedelta(days=1),
            valid_to=date.today() + timedelta(days=365),
        ))
        db.commit()


# -- the brukare applies ----------------------------------------------------------


def bertil_applies(bertil: Person) -> str:
    page = bertil.go("/mitt-stod")
    page.get_by_role("link", name="Ansök om stöd").click()
    page.get_by_label("Jag fyller i själv").check()
    page.get_by_role("button", name="Börja").click()
    page.get_by_label("Sköta din kropp").check()
    bertil.looks_right("areas")
    page.get_by_role("button", name="Spara och fortsätt").click()
    for question, text in WORDS.items():
        page.get_by_label(question).fill(text)
    page.get_by_role("button", name="Spara och fortsätt").click()
    # The area level is Måttliga; the detailed answer for washing is Stora. Staff must see Måttliga.
    page.get_by_role("group", name="Hur svårt är det i dag?").get_by_label("Måttliga svårigheter").check()
    page.get_by_role("group", name="Hur vill du att det ska vara?").get_by_label("Lätta svårigheter").check()
    page.get_by_text("Vill du svara mer noga?").click()
    page.get_by_label("Tvätta dig").select_option(label="Stora svårigheter")
    bertil.looks_right("assessment-with-details")
    page.get_by_role("button", name="Spara och fortsätt").click()
    page.get_by_label("Ditt mål").fill(GOAL)
    page.get_by_role("group", name="Vilket område gäller målet?").get_by_label("Sköta din kropp").check()
    page.get_by_role("group", name="När vill du prata om hur det har gått?").get_by_label("Om 3 månader").check()
    page.get_by_role("button", name="Lägg till målet").click()
    page.get_by_role("button", name="Spara och fortsätt").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kontakt och samtycke")
    page.get_by_label("Telefonnummer").fill("070 123 45 67")
    page.get_by_role("button", name="Spara och fortsätt").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kontrollera dina svar")
    bertil.looks_right("check")
    page.get_by_role("button", name="Skicka ansökan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ansökan är skickad")
    bertil.looks_right("receipt")
    return page.locator(".reference").inner_text()


# -- the handläggare ----------------------------------------------------------------


def eva_finds(eva: Person, search: str, reference: str, stage: str) -> None:
    """Search the whole unit by name or personnummer (POSTed, never in a URL); the row shows the stage."""
    page = eva.go("/handlaggare/inkorg")
    page.get_by_label("Sök på namn eller personnummer").fill(search)
    page.get_by_role("search").get_by_role("button", name="Sök").click()
    row = page.get_by_role("row", name=re.compile(re.escape(reference)))
    expect(row).to_contain_text("Bertil Berg")
    expect(row).to_contain_text(stage)
    assert search not in page.url
    eva.looks_right(f"caseload-{stage.split()[0].lower()}")
    if stage == "Ny":  # a new case in the unit's queue: Eva takes it
        row.get_by_role("button", name=re.compile("^Ta ärendet")).click()
        expect(page.get_by_text("Ärendet har fått en handläggare.")).to_be_visible()


def eva_opens(eva: Person, reference: str) -> Page:
    page = eva.go("/handlaggare/inkorg?visa=alla")
    page.get_by_role("link", name=reference, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Bertil Berg")
    return page


def eva_assesses_and_communicates(eva: Person, reference: str) -> None:
    page = eva_opens(eva, reference)
    area = page.get_by_role("article", name=re.compile("Personlig vård"))
    # Hand-over 1: the person's own words and the AREA-level answer, not the detailed one.
    expect(area).to_contain_text(WORDS["Vad är svårt?"])
    expect(area.locator(".own-words")).to_contain_text("2 – Måttliga svårigheter")
    expect(area).to_contain_text(GOAL)
    eva.looks_right("case-new")
    area.get_by_label("Bedömt funktionstillstånd").select_option("3")
    area.get_by_label("Avsett funktionstillstånd").select_option("1")
    area.get_by_role("button", name=re.compile("Spara bedömning")).click()
    expect(page.get_by_text("Bedömningen är sparad.")).to_be_visible()
    page.get_by_role("link", name="Kommunicera utredningen").click()
    eva.looks_right("communication-form")
    page.get_by_label("Förslag till beslut, på lätt svenska").fill(PROPOSAL)
    page.get_by_role("button", name="Skicka kommuniceringen").click()
    expect(section(page, "beslut")).to_contain_text(PROPOSAL)
    expect(section(page, "beslut")).to_contain_text("Inget svar än.")


def bertil_answers_the_communication(bertil: Person) -> None:
    page = bertil.go("/mitt-stod")
    bertil.looks_right("home-communication")
    page.get_by_role("link", name="Svara på kommuniceringen").click()
    # Hand-over 2: exactly what Eva assessed and proposed.
    expect(bertil.main()).to_contain_text("Handläggaren tycker: Stora svårigheter")
    expect(bertil.main()).to_contain_text("Du sa: Måttliga svårigheter")
    expect(page.locator(".own-words")).to_have_text(PROPOSAL)
    bertil.looks_right("communication")
    page.get_by_label("Jag vill säga något").check()
    page.get_by_label("Vad vill du säga?").fill(COMMENT)
    page.get_by_role("button", name="Skicka svaret").click()
    expect(bertil.main()).to_contain_text("Du svarade")
    expect(bertil.main()).to_contain_text(COMMENT)


def eva_reads_the_answer_and_decides(eva: Person, reference: str) -> None:
    page = eva.go("/handlaggare/inkorg")
    row = page.get_by_role("row", name=re.compile(re.escape(reference)))
    expect(row).to_contain_text("Svar på kommunicering")
    page = eva_opens(eva, reference)
    # Hand-over 3: the person's answer is part of the case before the beslut, with who answered.
    decisions = section(page, "beslut")
    expect(decisions).to_contain_text(COMMENT)
    expect(decisions).to_contain_text("Personen")
    page.get_by_role("button", name="Skriv nytt beslut").click()
    page.get_by_label("Insats", exact=True).select_option("home_help")
    page.get_by_label("Beviljad", exact=True).check()
    page.get_by_role("checkbox", name="Personlig vård").check()
    page.get_by_label("Motivering").fill("Behov av stöd vid personlig hygien.")
    page.get_by_role("button", name="Lägg till insatsen").click()
    page.get_by_label("Beslutet med enkla ord").fill(PROPOSAL)
    page.get_by_role("button", name="Spara sammanfattningen").click()
    page.get_by_role("link", name="Granska och publicera").click()
    eva.looks_right("publish-confirm")
    page.get_by_role("button", name="Publicera beslutet").click()
    expect(page.get_by_text("Beslutet är publicerat.")).to_be_visible()


# -- the ombud ----------------------------------------------------------------------


def david_reads_and_appeals(david: Person) -> None:
    page = david.page
    page.get_by_role("button", name="Agera för Bertil Berg").click()
    page = david.go("/mitt-stod")
    expect(page.get_by_role("heading", name="Bertils beslut")).to_be_visible()
    expect(david.main()).not_to_contain_text("Dina beslut")
    david.looks_right("ombud-home")
    page.get_by_role("link", name=re.compile("^Beslut från")).click()
    # Hand-over 4: the beslut Eva published, for the person David acts for.
    expect(david.main()).to_contain_text(PROPOSAL)
    expect(david.main()).to_contain_text("Hemtjänst")
    david.looks_right("ombud-decision")
    page.get_by_role("link", name="Skriv ett överklagande").click()
    page.get_by_label(re.compile("Vad vill du ändra")).fill(APPEAL)
    david.looks_right("ombud-appeal")
    page.get_by_role("button", name=re.compile("Skicka")).click()
    expect(david.main()).to_contain_text(re.compile(r"ÖK-[0-9A-F]{12}"))


def bertil_sees_what_david_did(bertil: Person) -> None:
    page = bertil.go("/mitt-stod")
    expect(page.get_by_role("heading", name="Ett ombud har gjort något för dig")).to_be_visible()
    page.get_by_role("link", name=re.compile("^Beslut från")).click()
    expect(bertil.main()).to_contain_text("David Andersson (ombud) skickade ett överklagande för dig.")
    expect(bertil.main()).not_to_contain_text("Du skickade ett överklagande")
    bertil.looks_right("decision-appealed")


def eva_handles_the_appeal(eva: Person, reference: str) -> None:
    page = eva.go("/handlaggare/inkorg")  # "Behöver åtgärd" is where she starts
    row = page.get_by_role("row", name=re.compile(re.escape(reference)))
    expect(row).to_contain_text("Överklagande")
    eva.looks_right("needs-action-appeal")
    page = eva_opens(eva, reference)
    page.get_by_role("link", name=re.compile("^Överklagande ÖK-")).click()
    # Hand-over 5: David's words, with David named as the one who wrote them for the person.
    expect(eva.main()).to_contain_text(APPEAL)
    expect(eva.main()).to_contain_text("David Andersson (ombud)")
    eva.looks_right("appeal")
    page.get_by_label("Ja, det kom in i tid").check()
    page.get_by_role("button", name="Spara rättidsprövningen").click()
    page.get_by_label("Inte ändrat").check()
    page.get_by_role("button", name="Spara omprövningen").click()
    page.get_by_role("button", name="Spara att det är skickat").click()
    expect(section(page, "forvaltningsratten")).to_contain_text("Skickat")


def bertil_sees_the_appeal_steps(bertil: Person) -> None:
    page = bertil.go("/mitt-stod")
    page.get_by_role("link", name=re.compile("^Beslut från")).click()
    expect(bertil.main()).to_contain_text("Vi har kontrollerat att det kom in i tid.")
    expect(bertil.main()).to_contain_text("Vi ändrar det inte.")
    expect(bertil.main()).to_contain_text("förvaltningsrätten")


# -- uppföljning, plan, changed need ----------------------------------------------


def eva_schedules_a_follow_up(eva: Person, reference: str) -> None:
    page = eva_opens(eva, reference)
    page.get_by_role("link", name="Planera en uppföljning").click()
    expect(eva.main()).to_contain_text("Personen önskade uppföljning")  # the person's own interval
    page.get_by_label("Datum för uppföljningen").fill(date.today().isoformat())
    eva.looks_right("schedule-follow-up")
    page.get_by_role("button", name="Planera uppföljningen").click()
    expect(page.get_by_text(re.compile("Uppföljningen är planerad"))).to_be_visible()


def choose(page: Page, question: str, answer: str) -> None:
    page.get_by_role("group", name=question).get_by_label(answer, exact=True).check()


def bertil_answers_the_follow_up(bertil: Person) -> None:
    page = bertil.go("/mitt-stod")
    page.get_by_role("link", name="Svara på uppföljningen").click()
    page.get_by_label("Jag svarar själv").check()
    bertil.looks_right("follow-up-start")
    page.get_by_role("button", name="Börja").click()
    expect(bertil.main()).to_contain_text(GOAL)  # hand-over: the goal Bertil wrote, now followed up
    choose(page, "Blev det som du ville?", "Delvis")
    choose(page, "Hur svårt är det i dag?", "Lätta svårigheter")
    bertil.looks_right("follow-up-goal")
    page.get_by_role("button", name="Fortsätt").click()
    page.get_by_label("Skriv med egna ord").fill("Personalen är snäll.")
    page.get_by_role("button", name="Fortsätt").click()
    for _page in range(2):  # the support, then my life
        for group in page.get_by_role("group").all():
            group.get_by_label("Vet inte eller vill inte svara", exact=True).check()
        page.get_by_role("button", name="Fortsätt").click()
    page.get_by_role("button", name="Skicka svaren").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Dina svar är skickade")


def eva_reads_the_follow_up(eva: Person, reference: str) -> None:
    page = eva.go("/handlaggare/inkorg")
    expect(page.get_by_role("row", name=re.compile(re.escape(reference)))).to_contain_text("Uppföljning")
    page = eva_opens(eva, reference)
    section(page, "uppfoljning").get_by_role("link", name=re.compile("^Uppföljning")).first.click()
    # Hand-over 6: what Bertil answered, in words, with who answered.
    expect(eva.main()).to_contain_text("Delvis uppnått")
    expect(eva.main()).to_contain_text("Personalen är snäll.")
    expect(eva.main()).to_contain_text("Personen")
    eva.looks_right("follow-up-answers")
    page.get_by_role("button", name="Markera som läst").click()


def eva_publishes_a_plan(eva: Person, reference: str, sub_goal: str, first: bool) -> None:
    page = eva_opens(eva, reference)
    if first:
        page.get_by_role("button", name="Skriv ny genomförandeplan").click()
    else:
        page.get_by_role("link", name=re.compile("version 1")).click()
        page.get_by_role("button", name="Gör en ny version").click()
    page.get_by_label("Livsområde").select_option("d5")
    page.get_by_label("Delmål", exact=True).fill(sub_goal)
    page.get_by_label("Aktivitet: vad görs?").fill("Personalen hjälper till i duschen.")
    page.get_by_label("När?").fill("Tisdag och fredag kl 8")
    page.get_by_label("Vem gör det?").fill("Hemtjänsten")
    page.get_by_label("Hur var personen delaktig?").fill("Bertil var med och bestämde tiderna.")
    eva.looks_right("plan-draft" if first else "plan-revision")
    page.get_by_role("button", name="Publicera planen").click()
    expect(eva.main()).to_contain_text("Publicerad")


def bertil_answers_the_plan(bertil: Person, sub_goal: str, revised: bool) -> None:
    page = bertil.go("/mitt-stod")
    page.get_by_role("link", name=re.compile("^Plan från")).first.click()
    expect(bertil.main()).to_contain_text(sub_goal)
    if revised:
        expect(bertil.main()).to_contain_text("Ändrad")
        expect(bertil.main()).to_contain_text("Gäller inte längre")
    bertil.looks_right("plan-revised" if revised else "plan")
    page.get_by_role("button", name="Jag håller med").click()
    expect(bertil.main()).to_contain_text("Du höll med om planen.")


def bertil_reports_a_changed_need(bertil: Person) -> None:
    page = bertil.go("/mitt-stod")
    page.get_by_role("link", name="Mitt behov har ändrats").click()
    page.get_by_label("Röra dig").check()
    bertil.looks_right("need-change-areas")
    page.get_by_role("button", name="Fortsätt").click()
    page.get_by_label("Vad är annorlunda nu?").fill(NEED_CHANGE)
    bertil.looks_right("need-change")
    page.get_by_role("button", name="Skicka").click()
    expect(bertil.main()).to_contain_text("Handläggaren hör av sig.")
    expect(bertil.main()).to_contain_text(NEED_CHANGE)


def eva_sees_the_changed_need(eva: Person, reference: str) -> None:
    page = eva.go("/handlaggare/inkorg")
    expect(page.get_by_role("row", name=re.compile(re.escape(reference)))).to_contain_text("Behovet har ändrats")
    page = eva_opens(eva, reference)
    page.get_by_role("link", name=re.compile("ändrats")).first.click()
    expect(eva.main()).to_contain_text(NEED_CHANGE)
    expect(eva.main()).to_contain_text("Förflyttning")
    eva.looks_right("need-change-staff")
    page.get_by_role("button", name="Markera som hanterad").click()


def bertil_reads_the_timeline(bertil: Person) -> None:
    page = bertil.go("/vad-har-hant")
    expect(bertil.main()).to_contain_text("Du skickade ansökan")
    expect(bertil.main()).to_contain_text("David Andersson (ombud) skickade ett överklagande för dig")
    expect(page.locator("[aria-current=step]")).to_have_count(1)
    bertil.looks_right("timeline")


def eva_reads_the_history(eva: Person, reference: str) -> None:
    page = eva_opens(eva, reference)
    history = section(page, "historik")
    expect(history).to_contain_text("David Andersson (ombud) för personen")
    expect(history).to_contain_text("Eva Ek")


# -- the journey ------------------------------------------------------------------------


def whole_life_of_a_case(browser: Browser, live_server, js: bool) -> None:
    seed_people(live_server.app)
    base = live_server.url
    bertil = Person(browser, base, "Bertil Berg", js=js).log_in()
    eva = Person(browser, base, "Eva Ek", staff=True).log_in()
    david = Person(browser, base, "David Andersson", js=js).log_in()
    try:
        reference = bertil_applies(bertil)
        eva_finds(eva, "Berg", reference, "Ny")
        eva_assesses_and_communicates(eva, reference)
        eva_finds(eva, "Bertil", reference, "Kommunicering")
        bertil_answers_the_communication(bertil)
        eva_reads_the_answer_and_decides(eva, reference)
        eva_finds(eva, "Bertil Berg", reference, "Beslutad")
        david_reads_and_appeals(david)
        bertil_sees_what_david_did(bertil)
        eva_finds(eva, "Berg", reference, "Överklagad")
        eva_handles_the_appeal(eva, reference)
        bertil_sees_the_appeal_steps(bertil)
        eva_schedules_a_follow_up(eva, reference)
        eva_finds(eva, "Berg", reference, "Uppföljning förfaller")
        bertil_answers_the_follow_up(bertil)
        eva_reads_the_follow_up(eva, reference)
        eva_publishes_a_plan(eva, reference, "Bertil duschar med stöd två gånger i veckan.", first=True)
        bertil_answers_the_plan(bertil, "Bertil duschar med stöd två gånger i veckan.", revised=False)
        eva_finds(eva, "Berg", reference, "Genomförande")
        eva_publishes_a_plan(eva, reference, "Bertil duschar på morgonen, som han önskade.", first=False)
        bertil_answers_the_plan(bertil, "Bertil duschar på morgonen, som han önskade.", revised=True)
        bertil_reports_a_changed_need(bertil)
        eva_sees_the_changed_need(eva, reference)
        bertil_reads_the_timeline(bertil)
        eva_reads_the_history(eva, reference)
    finally:
        for person in (bertil, eva, david):
            person.close()


def test_one_case_through_its_whole_life(browser, live_server):
    whole_life_of_a_case(browser, live_server, js=True)


def test_the_citizens_steps_work_without_javascript(browser, live_server):
    whole_life_of_a_case(browser, live_server, js=False)
