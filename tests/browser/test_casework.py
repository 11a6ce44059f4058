"""A handläggare works a case in a real browser: inbox → case → assessment → beslut → publish.

Every staff page on the way is checked with axe (WCAG 2.1 AA) and saved as
a screenshot in test-artifacts/.
"""

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


def staff_log_in(page: Page, base_url: str, name: str) -> None:
    login_in_browser(page, base_url, name, staff=True)
    page.goto(base_url + "/handlaggare/inkorg")
    expect(page.get_by_role("heading", level=1)).to_have_text("Ärenden")


def seed_new_application(app) -> int:
    """The demo people, and a new application from Bertil (a demo citizen) to Eva's unit."""
    from portal.applications.models import Application, Goal, NeedDescription, SelfAssessment
    from portal.demo import seed
    from portal.modelbase import utcnow
    from portal.people.models import Citizen, StaffUser

    with app.app_context():
        db = get_session()
        seed()
        bertil = db.scalars(select(Citizen).where(Citizen.given_name == "Bertil")).one()
        eva = db.scalars(select(StaffUser).where(StaffUser.given_name == "Eva")).one()
        application = Application(
            citizen_id=bertil.id,
            reference="MS-2026-0042",
            status="submitted",
            filled_in_by="self",
            unit_id=eva.unit_id,
            submitted_at=utcnow(),
        )
        application.needs = [
            NeedDescription(
                life_area="d5",
                today_text="Jag kan inte kliva in i badkaret längre.",
                what_matters_text="Att jag får duscha på morgonen.",
            )
        ]
        db.add(application)
        db.flush()
        db.add(
            SelfAssessment(
                citizen_id=bertil.id, application_id=application.id, life_area="d5", current_level=2, wanted_level=1
            )
        )
        db.add(
            Goal(
                citizen_id=bertil.id,
                application_id=application.id,
                life_area="d5",
                text="Jag vill duscha två gånger i veckan.",
                wanted_level=1,
                follow_up_on=date.today() + timedelta(days=180),
            )
        )
        db.commit()
        return application.id


def test_handlaggare_records_assessment_and_publishes_a_decision(page, live_server):
    application_id = seed_new_application(live_server.app)
    base = live_server.url
    staff_log_in(page, base, "Eva Ek")
    check_a11y(page, "casework-inbox")

    # Find the new application and open it from the keyboard.
    link = page.get_by_role("link", name="MS-2026-0042", exact=True)
    expect(page.get_by_role("row", name=re.compile("Bertil Berg"))).to_be_visible()
    link.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Bertil Berg")
    expect(page.get_by_text("Jag kan inte kliva in i badkaret längre.")).to_be_visible()
    area = page.get_by_role("article", name=re.compile("Personlig vård"))
    expect(area.locator(".own-words")).to_contain_text("2 – Måttliga svårigheter (25–49 %)")
    check_a11y(page, "casework-case")

    # Assessment: a different level than the person's own, so the difference shows.
    area.get_by_label("Bedömt funktionstillstånd").select_option("3")
    area.get_by_label("Avsett funktionstillstånd").select_option("1")
    area.get_by_label("Stödjande eller tränande").check()
    area.get_by_label("Beskrivning 1").fill("Hög kant på badkaret")
    area.get_by_role("button", name=re.compile("Spara bedömning")).click()
    expect(page.get_by_text("Bedömningen är sparad.")).to_be_visible()
    expect(page.get_by_text("Skillnad mellan personens och din bedömning.")).to_be_visible()

    # Beslut with one insats and a plain summary whose LIX shows while typing.
    page.get_by_role("button", name="Skriv nytt beslut").click()
    page.get_by_label("Insats", exact=True).select_option("home_help")
    page.get_by_label("Beviljad", exact=True).check()
    page.get_by_role("checkbox", name="Personlig vård").check()
    page.get_by_label("Motivering").fill("Behov av stöd vid personlig hygien.")
    page.get_by_role("button", name="Lägg till insatsen").click()
    expect(page.get_by_role("heading", name="Hemtjänst: Beviljad")).to_be_visible()
    summary = page.get_by_label("Beslutet med enkla ord")
    summary.fill("Biståndshandläggningen konstaterade sammanfattningsvis omfattande omvårdnadsbehov")
    expect(page.get_by_text("Texten är svår att läsa.")).to_be_visible()  # live, through htmx
    summary.fill("Du får hjälp att duscha. Det är två gånger i veckan.")
    expect(page.get_by_text("Texten är svår att läsa.")).to_be_hidden()
    page.get_by_role("button", name="Spara sammanfattningen").click()
    check_a11y(page, "casework-decision-draft")
    page.get_by_role("link", name="Granska och publicera").click()
    page.get_by_role("button", name="Publicera beslutet").click()
    expect(page.get_by_text("Beslutet är publicerat.")).to_be_visible()
    expect(page.get_by_text(re.compile("Sista dag för överklagande"))).to_be_visible()
    check_a11y(page, "casework-decision-published")

    # The citizen's side: the status changed and a content-free notification waits.
    from portal.applications.models import Application
    from portal.messages.models import Notification

    with live_server.app.app_context():
        db = get_session()
        assert db.get(Application, application_id).status == "decided"
        notification = db.scalars(select(Notification)).one()
        assert (
            notification.kind == "decision"
            and notification.citizen_id == db.get(Application, application_id).citizen_id
        )


def test_other_staff_pages_and_error_states_pass_axe(page, live_server):
    application_id = seed_new_application(live_server.app)
    base = live_server.url
    staff_log_in(page, base, "Eva Ek")
    case_url = f"{base}/handlaggare/arenden/{application_id}"
    page.goto(case_url)
    area = page.get_by_role("article", name=re.compile("Personlig vård"))
    area.get_by_role("button", name=re.compile("Spara bedömning")).click()
    expect(page.get_by_role("heading", name="Något behöver rättas")).to_be_visible()
    check_a11y(page, "casework-case-errors")
    page.get_by_role("button", name="Skriv nytt beslut").click()
    page.get_by_role("button", name="Lägg till insatsen").click()
    expect(page.get_by_role("link", name="Välj en insats")).to_be_visible()
    check_a11y(page, "casework-decision-errors")
    page.get_by_role("link", name="Till ärendet").click()
    page.get_by_role("button", name="Skriv ny genomförandeplan").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Genomförandeplan")
    check_a11y(page, "casework-plan")
    page.goto(case_url + "/uppfoljning")
    check_a11y(page, "casework-follow-up")
    page.goto(case_url + "/stallforetradare")
    check_a11y(page, "casework-guardians")

    # A colleague takes the case: Eva now has to say why she opens it.
    give_case_to_a_colleague(live_server.app, application_id)
    page.goto(case_url)
    expect(page.get_by_role("heading", level=1)).to_have_text("Varför öppnar du ärendet?")
    check_a11y(page, "casework-reason")
    page.get_by_label("Arbetsledning").check()
    page.get_by_role("button", name="Öppna ärendet").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Bertil Berg")


def give_case_to_a_colleague(app, application_id: int) -> None:
    from portal.applications.models import Application
    from portal.domain.personnummer import make_test_personnummer, parse_personnummer
    from portal.people.services import get_or_create_unit, upsert_staff

    with app.app_context():
        db = get_session()
        pnr = parse_personnummer(make_test_personnummer(date(1985, 5, 5), "987"))
        colleague = upsert_staff(pnr, "Gustav", "Gran", "case_officer", get_or_create_unit("norr", "Norr"))
        db.get(Application, application_id).assigned_officer_id = colleague.id
        db.commit()


def test_case_work_without_javascript(no_js_page, live_server):
    """Assessment, beslut and publishing are plain forms: they work with JavaScript off."""
    page = no_js_page
    application_id = seed_new_application(live_server.app)
    staff_log_in(page, live_server.url, "Eva Ek")
    page.get_by_role("link", name="MS-2026-0042", exact=True).click()
    area = page.get_by_role("article", name=re.compile("Personlig vård"))
    area.get_by_label("Bedömt funktionstillstånd").select_option("2")
    area.get_by_label("Avsett funktionstillstånd").select_option("1")
    area.get_by_role("button", name=re.compile("Spara bedömning")).click()
    expect(page.get_by_text("Bedömningen är sparad.")).to_be_visible()
    page.get_by_role("button", name="Skriv nytt beslut").click()
    page.get_by_label("Insats", exact=True).select_option("escort")
    page.get_by_label("Avslag", exact=True).check()
    page.get_by_role("checkbox", name="Personlig vård").check()
    page.get_by_label("Motivering").fill("Behovet tillgodoses på annat sätt.")
    page.get_by_role("button", name="Lägg till insatsen").click()
    page.get_by_label("Beslutet med enkla ord").fill("Du får inte ledsagning. Du kan överklaga.")
    page.get_by_role("button", name="Spara sammanfattningen").click()
    expect(page.get_by_text(re.compile("LIX: "))).to_be_visible()  # computed on the server
    page.get_by_role("link", name="Granska och publicera").click()
    page.get_by_role("button", name="Publicera beslutet").click()
    expect(page.get_by_text("Beslutet är publicerat.")).to_be_visible()
    from portal.applications.models import Application

    with live_server.app.app_context():
        assert get_session().get(Application, application_id).status == "decided"
