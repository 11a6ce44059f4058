"""The beslut as a document that stands alone, and what reading it changes (and does not)."""

from __future__ import annotations

import shutil
import subprocess

from sqlalchemy import func, select

from portal.audit.models import AccessLogEntry
from portal.messages.models import Notification
from portal.people.identity import decrypt_pnr
from portal.web.plain_labels import date_text


def _pdf_text(body: bytes) -> str:
    assert shutil.which("pdftotext"), "install poppler-utils (pdftotext) to test PDFs"
    result = subprocess.run(["pdftotext", "-", "-"], input=body, capture_output=True, check=True)
    return " ".join(result.stdout.decode().split())


def test_the_pdf_says_whose_beslut_it_is_who_decided_and_until_when(make_case, make_staff, login_as, app):
    officer = make_staff("Eva", "Ek", unit_code="norr")
    case = make_case(officer=officer, appeal_in_days=10)
    client = login_as(case.citizen)
    text = _pdf_text(client.get(f"/beslut/{case.decision.id}.pdf").data)
    pnr = decrypt_pnr(case.citizen.pnr_encrypted)
    with app.test_request_context():
        deadline, decided = date_text(case.decision.appeal_deadline), date_text(case.decision.decided_on)
    assert "Anna Andersson" in text and f"{pnr[:8]}-XXXX" in text and pnr[8:] not in text
    assert "Exempelkommunen" in text and "Enhet norr" in text
    assert "Eva Ek, Biståndshandläggare" in text
    assert decided in text and deadline in text
    assert "Hemtjänst" in text and "Beviljat" in text and "Personalen stöttar dig" in text
    assert "dagar kvar" not in text and "klicka" not in text.lower() and "i rutan" not in text
    assert "10 dagar kvar" in client.get(f"/beslut/{case.decision.id}").get_data(as_text=True)  # the page counts


def test_reading_the_beslut_marks_only_that_persons_decision_news(make_case, make_citizen, login_as, db):
    case = make_case()
    other = make_case(citizen=make_citizen("Bo", "Berg"))
    db.add_all([Notification(citizen_id=case.citizen.id, kind="decision"),
                Notification(citizen_id=case.citizen.id, kind="plan"),
                Notification(citizen_id=other.citizen.id, kind="decision")])
    db.commit()
    client = login_as(case.citizen)
    before = db.scalar(select(func.count(AccessLogEntry.id)).where(AccessLogEntry.record_type == "decision"))
    client.get(f"/beslut/{case.decision.id}")
    after = db.scalar(select(func.count(AccessLogEntry.id)).where(AccessLogEntry.record_type == "decision"))
    assert after - before == 1  # one read, one entry
    db.expire_all()
    unread = {(n.citizen_id, n.kind) for n in db.scalars(select(Notification).where(Notification.read_at.is_(None)))}
    assert unread == {(case.citizen.id, "plan"), (other.citizen.id, "decision")}
