""""Vem har läst mina uppgifter": what the person sees, and who else may see it."""

from __future__ import annotations

import re

import pytest

from portal.domain.vocabulary import ProxyScope

LOG = "/mina-uppgifter/logg"


def _rows(page: str) -> list[str]:
    body = page.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", row)).strip() for row in body.split("</tr>")[:-1]]


def test_the_person_sees_who_read_what_by_role_and_unit(client, anna_case, login_as):
    login_as(anna_case["anna"])
    page = client.get(LOG).get_data(as_text=True)
    rows = _rows(page)
    assert any("Handläggare, Enhet norr Läste Ansökan" in row for row in rows)
    assert any("David Andersson (ombud) Läste Beslut" in row for row in rows)
    assert any("David Andersson (ombud) Ändrade Uppföljning" in row for row in rows)
    assert "Eva Ek" not in page  # staff names are off unless the kommun turns them on
    assert not any(row.split(" ", 2)[-1].startswith("Du ") for row in rows)  # her own reads hidden
    assert len(rows) == 3  # not Olle's entry


def test_own_actions_on_request(client, anna_case, login_as):
    login_as(anna_case["anna"])
    rows = _rows(client.get(LOG + "?egna=1").get_data(as_text=True))
    assert any(" Du Läste Beslut" in f" {row}" for row in rows)


def test_staff_names_when_the_kommun_allows_it(app, client, anna_case, login_as):
    app.config["PORTAL_SHOW_STAFF_NAMES"] = True
    login_as(anna_case["anna"])
    assert "Eva Ek, handläggare, Enhet norr" in client.get(LOG).get_data(as_text=True)


def test_an_ombud_without_the_scope_gets_404_and_no_menu(client, anna_case, login_as):
    login_as(anna_case["david"], acting_for=anna_case["authority"])
    assert client.get(LOG).status_code == 404
    assert client.get("/mina-uppgifter").status_code == 404


def test_an_ombud_with_the_scope_sees_the_persons_log_not_their_own(
        client, db, anna_case, login_as):
    authority = anna_case["authority"]
    authority.scopes = [*authority.scopes, ProxyScope.READ_ACCESS_LOG.value]
    db.commit()
    login_as(anna_case["david"], acting_for=authority)
    page = client.get(LOG).get_data(as_text=True)
    assert "Det här gäller Anna Andersson." in page
    assert "Handläggare, Enhet norr" in page
    rows = _rows(client.get(LOG + "?egna=1").get_data(as_text=True))
    assert any("Anna Andersson Läste Beslut" in row for row in rows)  # "Du" would be wrong here
    assert "Ladda ner" not in client.get("/mina-uppgifter").get_data(as_text=True)


def test_reading_the_log_is_itself_logged(client, db, anna_case, login_as):
    from tests.proxies.helpers import log_entries

    login_as(anna_case["anna"])
    client.get(LOG)
    [entry] = log_entries(db, record_type="access_log")
    assert entry.subject_citizen_id == anna_case["anna"].id


@pytest.mark.parametrize("page_arg", ["2", "999", "x", "-1", "99999999999"])
def test_odd_page_numbers_are_harmless(client, anna_case, login_as, page_arg):
    login_as(anna_case["anna"])
    assert client.get(f"{LOG}?sida={page_arg}").status_code == 200


def test_many_rows_come_a_page_at_a_time(client, many_log_rows, login_as):
    login_as(many_log_rows["anna"])
    first = client.get(LOG)
    last = client.get(LOG + "?sida=401")
    assert first.status_code == last.status_code == 200
    assert len(_rows(first.get_data(as_text=True))) == 50
    assert "20003 händelser. Sida 1 av 401." in first.get_data(as_text=True)
    assert len(_rows(last.get_data(as_text=True))) == 3
