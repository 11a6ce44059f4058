"""Skyddad identitet is marked wherever staff meet the person (issue 11, finding 12):
the caseload row, the case page, the JSON and PDF exports."""

from __future__ import annotations

import json

from tests.investigation.test_person_levels import pdf_text

MARK = "Skyddad identitet"


def test_staff_see_skyddad_identitet_on_the_row_the_case_and_the_exports(client, login_as, officer, make_case,
                                                                        make_citizen):
    hidden = make_case(citizen=make_citizen("Hanna", "Holm", protected_identity=True))
    open_case = make_case(citizen=make_citizen("Olle", "Ek"))
    login_as(officer, staff=True)
    caseload = client.get("/handlaggare/inkorg?visa=alla").get_data(as_text=True)
    rows = [row for row in caseload.split("<tr>") if "Hanna Holm" in row or "Olle Ek" in row]
    assert [MARK in row for row in sorted(rows, key=lambda r: "Olle" in r)] == [True, False]
    assert MARK in client.get(f"/handlaggare/arenden/{hidden.id}").get_data(as_text=True)
    assert MARK not in client.get(f"/handlaggare/arenden/{open_case.id}").get_data(as_text=True)
    document = json.loads(client.get(f"/handlaggare/arenden/{hidden.id}/export.json").get_data(as_text=True))
    assert document["person"]["protected_identity"] is True
    assert MARK in pdf_text(client.get(f"/handlaggare/arenden/{hidden.id}/export.pdf").data)
