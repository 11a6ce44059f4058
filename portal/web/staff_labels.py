"""Words staff see for stored codes, and messages for field errors."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from portal.domain.services import SERVICE_TYPES

LEVELS = (
    (0, _l("0 – Inga svårigheter (0–4 %)")),
    (1, _l("1 – Lätta svårigheter (5–24 %)")),
    (2, _l("2 – Måttliga svårigheter (25–49 %)")),
    (3, _l("3 – Stora svårigheter (50–95 %)")),
    (4, _l("4 – Totala svårigheter (96–100 %)")),
    (8, _l("8 – Ej specificerat")),
    (9, _l("9 – Ej tillämpligt")),
)
LEVEL_TEXT = dict(LEVELS)
NOT_GRADED = _l("Inte angivet")

STATUS = {
    "submitted": _l("Ny"),
    "received": _l("Mottagen"),
    "investigating": _l("Utreds"),
    "decided": _l("Beslutad"),
    "withdrawn": _l("Återtagen"),
    "closed": _l("Avslutad"),
}
FILLED_IN_BY = {
    "self": _l("Personen själv"),
    "self_with_help": _l("Personen, med hjälp"),
    "proxy": _l("Ombud"),
}
SUPPORT_KINDS = (
    ("supportive", _l("Stödjande eller tränande"), _l("Personen gör själv, med stöd.")),
    ("compensatory", _l("Kompenserande"), _l("Någon annan gör det åt personen.")),
)
SUPPORT_KIND_TEXT = {value: label for value, label, _hint in SUPPORT_KINDS}
OUTCOMES = (
    ("granted", _l("Beviljad"), None),
    ("partly_granted", _l("Delvis beviljad"), None),
    ("refused", _l("Avslag"), None),
)
OUTCOME_TEXT = {value: label for value, label, _hint in OUTCOMES}
SERVICES = tuple((s.code, f"{s.name_sv} ({s.default_legal_basis})") for s in SERVICE_TYPES)
SERVICE_TEXT = {s.code: s.name_sv for s in SERVICE_TYPES}
FACTOR_KINDS = (
    ("body_function", _l("Kroppsfunktion")),
    ("health", _l("Hälsa")),
    ("environment", _l("Miljö")),
    ("personal", _l("Personlig faktor")),
    ("aid", _l("Hjälpmedel")),
)
FACTOR_EFFECTS = (("hindering", _l("Hindrar")), ("facilitating", _l("Underlättar")))
FACTOR_TEXT = dict(FACTOR_KINDS) | dict(FACTOR_EFFECTS)
REASONS = (
    ("covering_for_colleague", _l("Jag ersätter handläggaren (till exempel vid sjukdom)"), None),
    ("citizen_contacted_me", _l("Personen har kontaktat mig"), None),
    ("supervision", _l("Arbetsledning"), None),
    ("quality_review", _l("Kvalitetsgranskning"), None),
)
GUARDIAN_KINDS = (
    ("trustee", _l("God man"), None),
    ("administrator", _l("Förvaltare"), None),
)
GUARDIAN_KIND_TEXT = {value: label for value, label, _hint in GUARDIAN_KINDS}
SCOPES = (
    ("read_decisions", _l("Läsa beslut och genomförandeplaner"), None),
    ("apply", _l("Skriva och skicka ansökningar"), None),
    ("answer_follow_ups", _l("Svara på uppföljningar"), None),
    ("messages", _l("Skicka och läsa meddelanden"), None),
    ("read_access_log", _l("Se vem som har läst uppgifterna"), None),
)
QUESTIONNAIRES = (
    ("quality", _l("Frågor om kvaliteten på insatsen"), None),
    ("life", _l("Frågor om livskvalitet"), None),
)
ATTAINMENT = {
    "achieved": _l("Uppnått"),
    "partly_achieved": _l("Delvis uppnått"),
    "not_achieved": _l("Inte uppnått"),
    "no_answer": _l("Vet inte"),
}

# Field-specific messages first; otherwise one per error code.
FIELD_MESSAGES = {
    "assessed_level": _l("Välj bedömt funktionstillstånd"),
    "intended_level": _l("Välj avsett funktionstillstånd"),
    "service": _l("Välj en insats"),
    "outcome": _l("Välj om insatsen beviljas eller inte"),
    "motivation": _l("Skriv en motivering"),
    "life_areas": _l("Välj minst ett livsområde"),
    "plain_summary": _l("Skriv en sammanfattning på lätt svenska"),
    "items": _l("Lägg till minst en insats"),
    "body": _l("Skriv anteckningen"),
    "officer": _l("Välj en handläggare"),
    "reason": _l("Välj varför du öppnar ärendet"),
    "participation_text": _l("Skriv hur personen var delaktig"),
    "sub_goals": _l("Lägg till minst ett delmål"),
    "text": _l("Skriv delmålet"),
    "life_area": _l("Välj ett livsområde"),
    "due_on": _l("Skriv ett datum för uppföljningen"),
    "goal_ids": _l("Välj minst ett mål eller en frågegrupp"),
    "kind": _l("Välj god man eller förvaltare"),
    "personnummer": _l("Skriv ett giltigt personnummer, 12 siffror"),
    "given_name": _l("Skriv förnamnet"),
    "family_name": _l("Skriv efternamnet"),
    "scopes": _l("Välj vad ställföreträdaren får göra"),
    "valid_from": _l("Skriv från vilket datum det gäller"),
    "court_reference": _l("Skriv tingsrättens målnummer"),
    "decision_id": _l("Välj ett beslut"),
    "decision_item_id": _l("Välj en insats"),
    "provider_unit_id": _l("Välj en utförare"),
    "description": _l("Skriv vad utföraren ska göra"),
}
CODE_MESSAGES = {
    "required": _l("Fyll i fältet"),
    "invalid": _l("Värdet har fel form"),
    "invalid_choice": _l("Välj ett av alternativen"),
    "invalid_date": _l("Skriv datumet som år-månad-dag, till exempel 2026-03-01"),
    "out_of_range": _l("Välj en nivå i listan"),
    "date_order": _l("Slutdatumet måste vara efter startdatumet"),
    "in_past": _l("Datumet måste vara i dag eller senare"),
    "too_long": _l("Texten är för lång"),
    "unknown_goal": _l("Välj ett av personens mål"),
    "unknown_decision": _l("Välj ett beslut i ärendet"),
    "not_editable": _l("Det är publicerat och kan inte ändras"),
    "empty": _l("Lägg till minst en"),
}


def error_messages(errors: dict[str, str]) -> dict[str, str]:
    """{field: code} → {field: message}; the error summary links to field-<name>."""
    messages = {}
    for field, code in errors.items():
        base = field.rsplit(".", 1)[-1].split("[")[0]
        specific = FIELD_MESSAGES.get(base) if code in {"required", "empty"} else None
        messages[field.replace(".", "-").replace("[", "-").replace("]", "")] = str(
            specific
            or (FIELD_MESSAGES.get(base) if code == "invalid_choice" else None)
            or CODE_MESSAGES.get(code, CODE_MESSAGES["invalid"])
        )
    return messages
