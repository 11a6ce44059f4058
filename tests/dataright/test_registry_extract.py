"""Registerutdrag: everything about the person, nothing about anyone else."""

from __future__ import annotations

import json
import subprocess

JSON_PATH = "/mina-uppgifter/utdrag.json"
PDF_PATH = "/mina-uppgifter/utdrag.pdf"


def _extract(client) -> dict:
    response = client.get(JSON_PATH)
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].startswith("attachment; filename=\"registerutdrag-")
    assert response.headers["Cache-Control"] == "no-store"
    return json.loads(response.get_data(as_text=True))


def test_json_holds_every_kind_of_data(client, anna_case, login_as):
    anna = anna_case["anna"]
    login_as(anna)
    data = _extract(client)
    assert data["person"]["personnummer"] == anna.personnummer
    [application] = data["applications"]
    assert application["reference"] == "MS-2025-0001"
    assert application["needs"][0]["today_text"] == "Jag duschar en gång i veckan."
    assert application["goals"][0]["text"] == "Duscha själv två gånger i veckan."
    assert application["self_assessments"][0]["current_level"] == 2
    [decision] = data["decisions"]
    assert decision["plain_summary"] == "Du får hjälp att duscha." and decision["items"][0]["outcome"] == "granted"
    assert data["implementation_plans"][0]["sub_goals"][0]["text"] == "Duscha tryggt."
    [follow_up] = data["follow_ups"]
    assert follow_up["filled_in_by"] == "proxy" and follow_up["survey_answers"][0]["value"] == 4
    assert [m["body"] for m in data["messages"]] == ["Hej, när kommer ni?"]
    [given] = data["proxy_authorities"]["given"]
    assert given["proxy_name"] == "David Andersson" and "answer_follow_ups" in given["scopes"]
    who = {(row["who"], row["record_type"]) for row in data["access_log"]}
    assert ("David Andersson (ombud)", "follow_up") in who and ("Handläggare, Enhet norr", "application") in who


def test_json_leaves_out_drafts_notes_keys_and_other_people(client, anna_case, login_as):
    login_as(anna_case["anna"])
    text = client.get(JSON_PATH).get_data(as_text=True)
    for secret in ("INTERN-ANTECKNING-HEMLIG", "UTKAST-BESLUT", "OLLES-MEDDELANDE", "pnr_hash",
                   "pnr_encrypted", "officer_id", anna_case["other"].personnummer):
        assert secret not in text
    assert json.loads(text)["not_included"][0] == "internal_notes"
    assert len(json.loads(text)["access_log"]) == 4  # Olle's entry is not hers


def test_the_ombud_never_gets_the_extract(client, db, anna_case, login_as):
    from portal.domain.vocabulary import ProxyScope

    authority = anna_case["authority"]
    authority.scopes = [scope.value for scope in ProxyScope]
    db.commit()
    login_as(anna_case["david"], acting_for=authority)
    assert client.get(JSON_PATH).status_code == 404
    assert client.get(PDF_PATH).status_code == 404


def test_the_ombud_gets_their_own_extract_when_acting_as_themselves(client, anna_case, login_as):
    login_as(anna_case["david"])
    data = _extract(client)
    assert data["person"]["given_name"] == "David"
    assert data["applications"] == [] and data["messages"] == []
    assert data["proxy_authorities"]["received"][0]["represented_name"] == "Anna Andersson"


def test_downloads_are_logged_as_exports(client, db, anna_case, login_as):
    from tests.proxies.helpers import log_entries

    login_as(anna_case["anna"])
    client.get(JSON_PATH)
    [entry] = log_entries(db, record_type="registry_extract")
    assert entry.action == "export" and entry.subject_citizen_id == anna_case["anna"].id


def _pdf_text(body: bytes) -> str:
    result = subprocess.run(["pdftotext", "-layout", "-", "-"], input=body, capture_output=True,
                            check=True)
    return result.stdout.decode()


def test_pdf_is_readable_and_holds_the_same_things(client, anna_case, login_as):
    login_as(anna_case["anna"])
    response = client.get(PDF_PATH)
    assert response.status_code == 200 and response.data.startswith(b"%PDF-")
    text = _pdf_text(response.data)
    for expected in ("Registerutdrag från Mitt stöd", anna_case["anna"].personnummer,
                     "Jag duschar en gång i veckan.", "Du får hjälp att duscha.", "Hemtjänst: Beviljat",
                     "Duscha tryggt.", "Personalen var snälla.", "Hej, när kommer ni?",
                     "Du till David Andersson", "David Andersson (ombud)", "Det här finns inte med"):
        assert expected in text, expected
    assert "INTERN-ANTECKNING-HEMLIG" not in text and "UTKAST-BESLUT" not in text


def test_a_long_life_of_support_still_downloads_whole(client, many_log_rows, login_as):
    # How fast is measured by a benchmark, not here: a loaded CI machine is no stopwatch.
    login_as(many_log_rows["anna"])
    data = _extract(client)
    assert len(data["access_log"]) == 20_004


def test_a_long_log_makes_a_short_pdf_that_still_counts_everything(client, many_log_rows, login_as):
    login_as(many_log_rows["anna"])
    response = client.get(PDF_PATH)
    text = _pdf_text(response.data)
    assert "Det finns 20004 händelser. Här ser du de 300 nyaste." in " ".join(text.split())
    assert "Alla händelser, räknade per månad" in text
    assert "20000" in text  # Eva's reads in January 2020, counted in one row
