"""The beslut page, its PDF and the appeal, as the person (or an ombud) meets them."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import func, select

from portal.decisions.models import Appeal
from portal.domain.vocabulary import ProxyScope
from tests.conftest import csrf_token


def test_the_person_reads_the_beslut_in_plain_words(make_case, login_as):
    case = make_case(appeal_in_days=10)
    client = login_as(case.citizen)
    page = client.get(f"/beslut/{case.decision.id}").get_data(as_text=True)
    assert "Du får hjälp att duscha två gånger i veckan." in page
    assert "Hemtjänst" in page and "Beviljat" in page
    assert "Du behöver hjälp för att duscha tryggt." in page
    assert "Du sa:" in page and "Måttliga svårigheter" in page
    assert "Handläggaren bedömde:" in page and "Stora svårigheter" in page
    assert "Mitt mål för d5" in page
    assert "10 dagar kvar" in page
    assert (date.today() + timedelta(days=10)).strftime("%Y") in page


def test_the_countdown_says_the_last_day_and_when_time_is_up(make_case, login_as, db):
    case = make_case(appeal_in_days=0)
    client = login_as(case.citizen)
    assert "Sista dagen är i dag" in client.get(f"/beslut/{case.decision.id}").get_data(as_text=True)
    case.decision.appeal_deadline = date.today() - timedelta(days=1)
    db.commit()
    assert "Tiden för att överklaga har gått ut." in client.get(f"/beslut/{case.decision.id}").get_data(as_text=True)


def test_a_foreign_or_draft_beslut_is_not_found(make_case, make_citizen, login_as, db):
    case = make_case()
    other = make_citizen("Bo", "Berg")
    client = login_as(other)
    for path in ("", ".pdf", "/overklaga"):
        assert client.get(f"/beslut/{case.decision.id}{path}").status_code == 404
    case.decision.status = "draft"
    db.commit()
    client = login_as(case.citizen)
    assert client.get(f"/beslut/{case.decision.id}").status_code == 404
    assert client.get("/beslut/999999").status_code == 404


def test_an_ombud_needs_the_right_scope(make_case, make_citizen, make_proxy_authority, login_as):
    case = make_case()
    david = make_citizen("David", "Andersson")
    messages_only = make_proxy_authority(case.citizen, david, [ProxyScope.MESSAGES])
    assert login_as(david, acting_for=messages_only).get(f"/beslut/{case.decision.id}").status_code == 404
    reader = make_proxy_authority(case.citizen, david, [ProxyScope.READ_DECISIONS])
    assert login_as(david, acting_for=reader).get(f"/beslut/{case.decision.id}").status_code == 200


def test_the_beslut_downloads_as_pdf(make_case, login_as):
    case = make_case()
    response = login_as(case.citizen).get(f"/beslut/{case.decision.id}.pdf")
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert response.data.startswith(b"%PDF")
    assert "attachment" in response.headers["Content-Disposition"]


def test_script_in_the_summary_is_inert(make_case, login_as, db):
    case = make_case()
    case.decision.plain_summary = '<script>alert("x")</script> Hej'
    db.commit()
    page = login_as(case.citizen).get(f"/beslut/{case.decision.id}").get_data(as_text=True)
    assert '<script>alert("x")</script>' not in page
    assert "&lt;script&gt;" in page


def _appeal(client, case, text, token="a" * 32):
    return client.post(f"/beslut/{case.decision.id}/overklaga", data={
        "csrf_token": csrf_token(client, f"/beslut/{case.decision.id}/overklaga"), "text": text, "token": token})


def test_an_empty_appeal_says_what_to_do(make_case, login_as):
    case = make_case()
    response = _appeal(login_as(case.citizen), case, "   ")
    page = response.get_data(as_text=True)
    assert "Skriv vad du vill ändra i beslutet." in page
    assert "<title>Fel:" in page


def test_an_appeal_is_sent_once_and_gets_a_receipt(make_case, login_as, db):
    case = make_case()
    client = login_as(case.citizen)
    first = _appeal(client, case, "Jag behöver hjälp tre gånger i veckan.")
    second = _appeal(client, case, "Jag behöver hjälp tre gånger i veckan.")
    assert first.status_code == second.status_code == 303
    assert first.headers["Location"] == second.headers["Location"]
    assert db.scalar(select(func.count(Appeal.id))) == 1
    receipt = client.get(first.headers["Location"]).get_data(as_text=True)
    appeal = db.scalars(select(Appeal)).one()
    assert appeal.reference in receipt and "Jag behöver hjälp tre gånger i veckan." in receipt
    assert appeal.reference in client.get(f"/beslut/{case.decision.id}").get_data(as_text=True)


def test_an_ombud_appeal_records_the_authority(make_case, make_citizen, make_proxy_authority, login_as, db):
    case = make_case()
    david = make_citizen("David", "Andersson")
    authority = make_proxy_authority(case.citizen, david, [ProxyScope.READ_DECISIONS, ProxyScope.ACT_ON_DECISIONS])
    _appeal(login_as(david, acting_for=authority), case, "Min mamma behöver mer hjälp.")
    appeal = db.scalars(select(Appeal)).one()
    assert appeal.proxy_authority_id == authority.id and appeal.citizen_id == case.citizen.id


def test_another_persons_appeal_receipt_is_not_found(make_case, login_as):
    case = make_case()
    other = make_case()
    client = login_as(other.citizen)
    response = _appeal(client, other, "Fel beslut.")
    appeal_id = response.headers["Location"].rsplit("/", 1)[1]
    client = login_as(case.citizen)
    assert client.get(f"/beslut/{case.decision.id}/overklaga/kvitto/{appeal_id}").status_code == 404
