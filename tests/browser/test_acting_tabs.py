"""David acts for Anna in one tab and for himself in another: Anna's form, sent from the first
tab, is refused with a page that says what happened and lets him switch back."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select

from portal.db import get_session
from tests.browser.conftest import check_a11y
from tests.browser.helpers import login_in_browser

pytestmark = pytest.mark.browser


def annas_follow_up(app) -> int:
    from portal.demo import seed
    from portal.followups.models import FollowUp
    from portal.people.models import Citizen

    with app.app_context():
        seed()
        db = get_session()
        anna = db.scalars(select(Citizen).where(Citizen.given_name == "Anna")).one()
        follow_up_id = db.scalars(select(FollowUp.id).where(FollowUp.citizen_id == anna.id)).one()
        db.commit()
        return follow_up_id


def test_a_form_from_a_tab_acting_for_someone_else_is_refused_clearly(page: Page, live_server):
    follow_up_id = annas_follow_up(live_server.app)
    base = live_server.url
    login_in_browser(page, base, "David Andersson")
    page.goto(base + "/vem-agerar-jag-for")
    page.get_by_role("button", name="Agera för Anna Andersson").click()
    page.wait_for_url(re.compile(r"/mitt-stod$"))
    page.goto(f"{base}/uppfoljning/{follow_up_id}")
    expect(page.locator("main")).to_contain_text("Du svarar som ombud för Anna Andersson.")

    other_tab = page.context.new_page()
    other_tab.goto(base + "/vem-agerar-jag-for")
    other_tab.get_by_role("button", name="Fortsätt som mig själv").click()
    other_tab.wait_for_url(re.compile(r"/mitt-stod$"))

    page.get_by_role("button", name="Börja").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Du har bytt person i en annan flik")
    expect(page.locator("main")).to_contain_text("Vi har inte sparat något.")
    check_a11y(page, "acting-other-tab")
    page.get_by_role("button", name="Byt till Anna Andersson").click()
    expect(page.get_by_role("region", name="Du agerar för någon annan")).to_contain_text(
        "Du agerar för Anna Andersson.")
