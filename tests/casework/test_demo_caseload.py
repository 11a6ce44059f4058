"""The demo gives Eva Ek a caseload worth looking at: several stages, things that need action."""

from __future__ import annotations

import re

from sqlalchemy import select

from portal.db import get_session
from portal.demo import seed
from portal.people.models import StaffUser


def test_the_demo_caseload_has_several_stages_and_needs_action(app, db, login_as):
    with app.app_context():
        seed()
        get_session().commit()
    eva = db.scalars(select(StaffUser).where(StaffUser.given_name == "Eva")).one()
    client = login_as(eva, staff=True)
    everything = client.get("/handlaggare/inkorg?visa=alla").get_data(as_text=True)
    body = everything.split("<tbody>", 1)[1]
    stages = set(re.findall(r'<span class="tag tag-info">([^<]+)</span>', body))
    assert {"Ny", "Kommunicering", "Uppföljning förfaller", "Överklagad"} <= stages
    assert "Cecilia" not in everything  # a draft stays the person's own
    needs = client.get("/handlaggare/inkorg").get_data(as_text=True).split("<tbody>", 1)[1]
    for words in ("Ny ansökan att ta emot", "Svar på kommunicering", "Uppföljning ska göras",
                  "Uppföljning är försenad", "Överklagande att hantera", "Obesvarat meddelande"):
        assert words in needs, words
