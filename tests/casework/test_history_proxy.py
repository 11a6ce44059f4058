"""The case history says "X for Y" when an ombud acted for the person."""

from __future__ import annotations

from portal.domain.states import ApplicationStatus
from portal.domain.vocabulary import ProxyScope
from portal.modelbase import utcnow


def test_history_names_the_ombud_who_submitted(client, login_as, make_citizen, make_staff, make_application,
                                              make_proxy_authority):
    anna, david = make_citizen("Anna"), make_citizen("David", "Andersson")
    eva = make_staff("Eva", unit_code="norr")
    authority = make_proxy_authority(anna, david, [ProxyScope.APPLY])
    by_proxy = make_application(anna, ApplicationStatus.SUBMITTED, unit=eva.unit, assigned_officer_id=eva.id,
                                submitted_at=utcnow(), proxy_authority_id=authority.id, filled_in_by="proxy")
    by_self = make_application(anna, ApplicationStatus.SUBMITTED, unit=eva.unit, assigned_officer_id=eva.id,
                               submitted_at=utcnow(), filled_in_by="self")
    login_as(eva, staff=True)
    proxy_page = client.get(f"/handlaggare/arenden/{by_proxy.id}").get_data(as_text=True)
    self_page = client.get(f"/handlaggare/arenden/{by_self.id}").get_data(as_text=True)
    assert "David Andersson (ombud) för personen" in proxy_page
    assert "(ombud) för personen" not in self_page
