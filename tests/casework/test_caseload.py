"""The caseload: every case of the unit, its stage, search, filters, pages and the access log."""

from __future__ import annotations

import re
from datetime import date, timedelta

from sqlalchemy import event, select

from portal.applications.models import NeedDescription
from portal.audit.models import AccessLogEntry
from portal.domain.states import ApplicationStatus
from portal.modelbase import utcnow
from portal.people.identity import decrypt_pnr
from portal.people.models import Citizen
from tests.conftest import csrf_token
from tests.fixtures.person_case import build_case

INBOX = "/handlaggare/inkorg"


def _rows(page: str) -> list[str]:
    body = page.split("<tbody>", 1)[1].split("</tbody>", 1)[0] if "<tbody>" in page else ""
    return re.findall(r"<tr>.*?</tr>", body, flags=re.S)


def _pnr(db, citizen_id: int) -> str:
    return decrypt_pnr(db.get(Citizen, citizen_id).pnr_encrypted)


def _search(client, term: str, query: str = "", **fields) -> str:
    # The token comes from the start page, so fetching it shows (and logs) no case.
    data = {"sok": term, "csrf_token": csrf_token(client, "/handlaggare/"), **fields}
    return client.post(f"{INBOX}{query}", data=data).get_data(as_text=True)


def test_a_decided_case_stays_in_the_units_cases_and_is_found_by_search(
    client, login_as, officer, make_case, make_citizen, db
):
    decided = build_case(db, make_citizen("Anna", "Berg"), officer)
    other = make_case(make_citizen("Olof", "Olsson"))
    login_as(officer, staff=True)
    listed = client.get(f"{INBOX}?visa=alla").get_data(as_text=True)
    assert decided.application.reference in listed and "Anna Berg" in listed and other.reference in listed
    for term in ("Anna", "berg", "Anna Berg", _pnr(db, decided.citizen.id)):
        found = _search(client, term)
        assert decided.application.reference in found, term
        assert other.reference not in found, term


def test_a_closed_case_is_found_by_personnummer_from_any_view(client, login_as, officer, make_case, make_citizen, db):
    closed = make_case(make_citizen("Stina", "Stängd"), status=ApplicationStatus.CLOSED)
    login_as(officer, staff=True)
    assert closed.reference not in client.get(INBOX).get_data(as_text=True)  # nothing to do in it
    found = _search(client, _pnr(db, closed.citizen_id), "?visa=mina")
    [row] = _rows(found)
    assert closed.reference in row and "Avslutad" in row


def test_another_units_case_never_appears_not_even_by_personnummer(
    client, login_as, officer, foreign_officer, make_case, make_citizen, db
):
    foreign = make_case(make_citizen("Olle", "Okänd"), unit=foreign_officer.unit)
    login_as(officer, staff=True)
    for view in ("atgard", "mina", "alla"):
        assert foreign.reference not in client.get(f"{INBOX}?visa={view}").get_data(as_text=True)
    for term in (_pnr(db, foreign.citizen_id), "Olle", "Okänd"):
        page = _search(client, term)
        assert foreign.reference not in page and not _rows(page)
    assert "Inga ärenden i enheten passar sökningen." in page


def test_the_search_term_never_appears_in_any_url_of_the_page(client, login_as, officer, make_case, make_citizen, db):
    for n in range(26):
        make_case(make_citizen("Sara", f"Sökt{n:02d}"))
    login_as(officer, staff=True)
    pnr = _pnr(db, make_case(make_citizen("Sara", "Sökt99")).citizen_id)
    for term in ("Sökt", pnr):
        page = _search(client, term, "?visa=alla&sortera=name")
        urls = re.findall(r'(?:href|action|src)="([^"]*)"', page)
        assert urls and not [u for u in urls if term.lower() in u.lower() or "S%C3%B6kt" in u or "sok=" in u]
    # The term is kept for the person who searched, in the form fields only.
    assert re.search(rf'name="sok"[^>]* value="{pnr}"', page)


def test_a_search_result_has_pages_and_the_pager_posts_the_term(client, login_as, officer, make_case, make_citizen):
    for n in range(26):
        make_case(make_citizen("Sara", f"Sökt{n:02d}"))
    make_case(make_citizen("Per", "Annan"))
    login_as(officer, staff=True)
    first = _search(client, "sökt", "?visa=alla&sortera=name")
    assert len(_rows(first)) == 25 and "Sida 1 av 2" in first and "Per Annan" not in first
    assert 'type="hidden" name="sok" value="sökt"' in first and 'name="sida" value="2"' in first
    second = _search(client, "sökt", "?visa=alla&sortera=name", sida="2")
    rows = _rows(second)
    assert len(rows) == 1 and "Sara Sökt25" in rows[0] and "Sida 2 av 2" in second


def test_26_cases_make_two_pages_and_the_second_has_one(client, login_as, officer, make_case, make_citizen):
    for n in range(26):
        make_case(make_citizen("Nils", f"Nilsson{n:02d}"))
    login_as(officer, staff=True)
    first = client.get(INBOX).get_data(as_text=True)
    assert len(_rows(first)) == 25 and "26 ärenden" in first
    assert re.search(r'href="/handlaggare/inkorg\?[^"]*sida=2[^"]*" rel="next"', first)
    second = client.get(f"{INBOX}?sida=2&sortera=name").get_data(as_text=True)
    rows = _rows(second)
    assert len(rows) == 1 and "Nilsson25" in rows[0] and "Föregående sida" in second
    assert len(_rows(client.get(f"{INBOX}?sida=99").get_data(as_text=True))) == 1  # past the end: the last page


def test_filters_by_stage_and_area_in_words(client, login_as, officer, make_case, make_citizen, db):
    new = make_case(make_citizen("Nina", "Ny"))
    delivering = build_case(db, make_citizen("Gun", "Gång"), officer, areas=("d4",))
    delivering.follow_up.due_on = date.today() + timedelta(days=30)
    db.add(NeedDescription(application_id=delivering.application.id, life_area="d4"))
    db.commit()
    login_as(officer, staff=True)
    rows = " ".join(_rows(client.get(f"{INBOX}?visa=alla").get_data(as_text=True)))
    assert "Genomförande" in rows and ">Ny<" in rows
    assert "Sköta din kropp" in rows and "Röra dig" in rows  # area names, never codes
    assert not re.search(r">\s*d[0-9]", rows)
    staged = client.get(f"{INBOX}?visa=alla&steg=delivering").get_data(as_text=True)
    assert delivering.application.reference in staged and new.reference not in staged
    by_area = client.get(f"{INBOX}?visa=alla&omrade=d4").get_data(as_text=True)
    assert delivering.application.reference in by_area and new.reference not in by_area
    assert new.reference in client.get(f"{INBOX}?visa=alla&steg=new&omrade=d5").get_data(as_text=True)
    nothing = client.get(f"{INBOX}?visa=alla&steg=appealed").get_data(as_text=True)
    assert not _rows(nothing)


def test_views_needs_action_mine_and_the_unit(client, login_as, officer, colleague, make_case, make_citizen, db):
    waiting = make_case(make_citizen("Vera", "Väntar"))
    quiet = make_case(make_citizen("Lars", "Lugn"), status=ApplicationStatus.INVESTIGATING,
                      assigned_officer_id=colleague.id)
    mine = make_case(make_citizen("Maja", "Min"), status=ApplicationStatus.RECEIVED, assigned_officer_id=officer.id)
    login_as(officer, staff=True)
    needs = client.get(INBOX).get_data(as_text=True)
    assert 'aria-current="page">Behöver åtgärd' in needs
    assert waiting.reference in needs and quiet.reference not in needs and mine.reference not in needs
    [row] = _rows(needs)
    assert "Ny ansökan att ta emot" in row and "Ta ärendet" in row
    own = client.get(f"{INBOX}?visa=mina").get_data(as_text=True)
    assert mine.reference in own and waiting.reference not in own and quiet.reference not in own
    unit = client.get(f"{INBOX}?visa=alla").get_data(as_text=True)
    assert all(c.reference in unit for c in (waiting, quiet, mine))
    quiet_row = next(row for row in _rows(unit) if quiet.reference in row)
    assert "Gustav Gran" in quiet_row and "Under utredning" in quiet_row and "Ta ärendet" not in quiet_row


def test_each_case_shown_is_one_read_in_the_access_log(client, login_as, officer, make_case, make_citizen, db):
    shown = [make_case(make_citizen("Åsa", f"Ås{n}")) for n in range(3)]
    hidden = make_case(make_citizen("Ida", "Inte"), status=ApplicationStatus.INVESTIGATING)
    login_as(officer, staff=True)
    client.get(INBOX)
    _search(client, "Ås1")
    db.expire_all()
    reads = db.scalars(select(AccessLogEntry).where(
        AccessLogEntry.record_type == "application", AccessLogEntry.action == "read",
        AccessLogEntry.actor_staff_id == officer.id)).all()
    assert all(entry.reason_code == "list" for entry in reads)  # shown in a list, not opened
    seen = sorted((entry.record_id, entry.subject_citizen_id) for entry in reads)
    expected = sorted([(c.id, c.citizen_id) for c in shown] + [(shown[1].id, shown[1].citizen_id)])
    assert seen == expected and hidden.id not in {entry.record_id for entry in reads}


def _statements(app, client, url) -> list[str]:
    statements = []

    def remember(_connection, _cursor, statement, *_args):
        statements.append(statement)

    engine = app.extensions["db_engine"]
    event.listen(engine, "before_cursor_execute", remember)
    try:
        assert client.get(url).status_code == 200
    finally:
        event.remove(engine, "before_cursor_execute", remember)
    return statements


def _reads(statements) -> int:
    return sum(1 for s in statements if not s.startswith("INSERT INTO access_log"))


def test_the_query_count_does_not_grow_with_the_number_of_cases(
    app, client, login_as, officer, make_case, make_citizen, db
):
    def add_cases(n):
        for number in range(n):
            citizen = make_citizen("Kim", "Kö")
            if number % 2:
                make_case(citizen)
            else:
                build_case(db, citizen, officer)

    add_cases(3)
    login_as(officer, staff=True)
    client.get(f"{INBOX}?visa=alla")  # the first request of a session reads a little more
    few = {view: _statements(app, client, f"{INBOX}?visa={view}") for view in ("alla", "atgard", "mina")}
    add_cases(27)
    many = {view: _statements(app, client, f"{INBOX}?visa={view}") for view in ("alla", "atgard", "mina")}
    assert {v: _reads(s) for v, s in many.items()} == {v: _reads(s) for v, s in few.items()}
    # The access log gets one row per case shown: PostgreSQL sends them in one statement,
    # SQLite one each, never more than the page holds.
    assert 1 <= len(many["alla"]) - _reads(many["alla"]) <= 25


def test_a_submitted_date_and_the_stage_are_words_not_codes(client, login_as, officer, make_case, make_citizen):
    make_case(make_citizen("Ove", "Ord"), submitted_at=utcnow() - timedelta(days=1))
    login_as(officer, staff=True)
    page = client.get(INBOX).get_data(as_text=True)
    assert ">submitted<" not in page and ">new<" not in page and ">new_case<" not in page
