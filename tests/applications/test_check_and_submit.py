"""Check your answers, send once, receipt and PDFs."""

import re
import shutil
import subprocess

import pytest
from sqlalchemy import select

from portal.applications.models import Application, SelfAssessment
from portal.audit.models import AccessLogEntry
from portal.people.services import get_or_create_unit

INJECTIONS = ("<script>alert(1)</script>", '<img src=x onerror="alert(2)">')


def _submit_entries(db, application_id):
    query = select(AccessLogEntry).where(AccessLogEntry.action == "submit", AccessLogEntry.record_id == application_id)
    return db.scalars(query).all()


def test_check_page_shows_everything_with_change_links_that_come_back(flow, client, load):
    application_id = flow.complete_draft(areas=("d5", "d6"))
    page = client.get(f"/ansokan/{application_id}/kontrollera").get_data(as_text=True)
    assert "Det är svårt att duscha." in page
    assert "Stora svårigheter" in page and "Lätta svårigheter" in page
    assert "Karin Berg" in page
    change = f"/ansokan/{application_id}/omrade/d6?tillbaka=kontrollera"
    assert f'href="{change}"' in page
    response = flow.post(change, {"today": "Nu har jag ändrat svaret."})
    assert response.headers["Location"] == f"/ansokan/{application_id}/kontrollera"
    assert "Nu har jag ändrat svaret." in client.get(f"/ansokan/{application_id}/kontrollera").get_data(as_text=True)


def test_submitting_gives_a_reference_a_unit_and_final_self_assessment(flow, client, load, db, citizen):
    get_or_create_unit("norr", "Biståndsenheten Norr")
    db.commit()
    application_id = flow.complete_draft()
    response = flow.send(application_id)
    assert response.status_code == 303
    assert response.headers["Location"] == f"/ansokan/{application_id}/kvitto"
    application = load(application_id)
    assert application.status == "submitted"
    assert re.fullmatch(r"MS-20\d\d-\d{6}", application.reference)
    assert application.unit_id is not None and application.submitted_at is not None
    rows = db.scalars(select(SelfAssessment).where(SelfAssessment.application_id == application_id)).all()
    assert rows and all(row.recorded_at == application.submitted_at for row in rows)
    assert len(_submit_entries(db, application_id)) == 1
    receipt = client.get(f"/ansokan/{application_id}/kvitto").get_data(as_text=True)
    assert application.reference in receipt and "Vi har fått din ansökan" in receipt


def test_the_home_unit_wins_over_the_first_case_unit(flow, load, db, citizen):
    get_or_create_unit("norr", "Norr")
    home = get_or_create_unit("soder", "Söder")
    db.flush()
    citizen = db.merge(citizen)
    citizen.home_unit_id = home.id
    db.commit()
    application_id = flow.complete_draft()
    flow.send(application_id)
    assert load(application_id).unit_id == home.id


def test_double_submit_sends_once_and_both_land_on_the_same_receipt(flow, client, load, db):
    application_id = flow.complete_draft()
    token = flow.submission_token(application_id)
    first = flow.send(application_id, token)
    reference = load(application_id).reference
    second = flow.send(application_id, token)
    assert first.headers["Location"] == second.headers["Location"] == f"/ansokan/{application_id}/kvitto"
    assert load(application_id).reference == reference
    assert len(_submit_entries(db, application_id)) == 1
    assert db.query(Application).count() == 1


def test_an_old_check_page_cannot_send(flow, client, load):
    application_id = flow.complete_draft()
    response = flow.send(application_id, token="not-the-token")
    assert response.headers["Location"] == f"/ansokan/{application_id}/kontrollera"
    assert load(application_id).status == "draft"


def test_sending_an_unfinished_draft_lists_what_to_fix_with_links(flow, client, load):
    application_id = flow.start()
    flow.choose(application_id, "d5")
    response = flow.send(application_id)
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "<title>Fel:" in page
    assert "Välj hur svårt det är i dag." in page
    assert "Skriv minst ett mål." in page
    assert f'href="/ansokan/{application_id}/mal?tillbaka=kontrollera#field-goal_text"' in page
    assert load(application_id).status == "draft"


def test_a_sent_application_cannot_be_changed(flow, client, load):
    application_id = flow.complete_draft()
    flow.send(application_id)
    response = flow.answer(application_id, "d5", today="Ändrat efteråt")
    assert response.headers["Location"] == f"/ansokan/{application_id}/kvitto"
    assert load(application_id).needs[0].today_text != "Ändrat efteråt"


def _pdf_text(data: bytes, tmp_path) -> str:
    path = tmp_path / "doc.pdf"
    path.write_bytes(data)
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True,
                          capture_output=True, text=True).stdout  # fmt: skip


@pytest.fixture
def pdftotext():
    assert shutil.which("pdftotext"), "install poppler-utils (pdftotext) to test PDFs"


def test_html_and_script_are_inert_in_the_page_and_the_pdf(flow, client, tmp_path, pdftotext):
    application_id = flow.start()
    flow.choose(application_id, "d5")
    flow.answer(application_id, "d5", today=INJECTIONS[0], difficulties=INJECTIONS[1])
    flow.assess(application_id, "d5")
    flow.add_goal(application_id, text=INJECTIONS[0])
    flow.contact(application_id, consent_relative_name=INJECTIONS[1])
    for path in (f"/ansokan/{application_id}/kontrollera", f"/ansokan/{application_id}/omrade/d5"):
        page = client.get(path).get_data(as_text=True)
        assert "<script>alert(1)" not in page and "<img src=x" not in page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    flow.send(application_id)
    receipt = client.get(f"/ansokan/{application_id}/kvitto").get_data(as_text=True)
    assert "<script>alert(1)" not in receipt and "<img src=x" not in receipt
    pdf = client.get(f"/ansokan/{application_id}/ansokan.pdf")
    assert pdf.mimetype == "application/pdf"
    text = _pdf_text(pdf.data, tmp_path)
    assert "<script>alert(1)</script>" in text  # shown as the letters typed
    assert "onerror" in text


def test_receipt_pdf_has_the_reference_and_what_happens_next(flow, client, load, tmp_path, pdftotext):
    application_id = flow.complete_draft()
    flow.send(application_id)
    response = client.get(f"/ansokan/{application_id}/kvitto.pdf")
    assert response.status_code == 200
    assert "attachment" in response.headers["Content-Disposition"]
    text = _pdf_text(response.data, tmp_path)
    assert load(application_id).reference in text
    assert "Vad händer nu?" in text


def test_pdfs_of_a_draft_do_not_exist_yet(flow, client):
    application_id = flow.complete_draft()
    response = client.get(f"/ansokan/{application_id}/kvitto.pdf")
    assert response.status_code == 303
