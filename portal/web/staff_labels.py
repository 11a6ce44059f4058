"""Words staff see for stored codes, and messages for field errors."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from portal.domain.services import SERVICE_TYPES
from portal.proxies.labels import SCOPE_LABELS

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
# The caseload: where a case is along the process (portal.domain.caseflow.CaseStage) …
STAGE = {
    "new": _l("Ny"),
    "investigating": _l("Under utredning"),
    "communicating": _l("Kommunicering"),
    "decided": _l("Beslutad"),
    "delivering": _l("Genomförande"),
    "follow_up_due": _l("Uppföljning förfaller"),
    "appealed": _l("Överklagad"),
    "closed": _l("Avslutad"),
}
# … and what in it waits for the handläggare (ActionKind).
ACTION = {
    "new_case": _l("Ny ansökan att ta emot"),
    "appeal": _l("Överklagande att hantera"),
    "communication_answered": _l("Svar på kommunicering"),
    "plan_change": _l("Personen vill ändra genomförandeplanen"),
    "follow_up_answered": _l("Uppföljning besvarad, inte läst"),
    "follow_up_due": _l("Uppföljning ska göras"),
    "follow_up_overdue": _l("Uppföljning är försenad"),
    "need_change": _l("Behovet har ändrats"),
    "message": _l("Obesvarat meddelande"),
}
FILLED_IN_BY = {
    "self": _l("Personen själv"),
    "self_with_help": _l("Personen, med hjälp"),
    "proxy": _l("Ombud"),
}
# Whom the person let the kommun contact (ConsentToContact.kind).
CONSENT_KIND_TEXT = {
    "relative": _l("Någon nära personen"),
    "health_care": _l("Vården"),
    "other": _l("Någon annan"),
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
# The same words as the person's fullmakt (one table, in portal/proxies/labels.py).
SCOPES = tuple((value, label, None) for value, label in SCOPE_LABELS.items())
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
COMMUNICATION_RESPONSE = {
    "agree": _l("Håller med"),
    "comment": _l("Vill säga något"),
}
IN_TIME_CHOICES = (
    ("yes", _l("Ja, det kom in i tid"), None),
    ("no", _l("Nej, det kom in för sent (avvisas)"), None),
)
RECONSIDERATIONS = (
    ("changed", _l("Ändrat som personen ville"), _l("Överklagandet är då klart.")),
    ("partly_changed", _l("Delvis ändrat"), _l("Resten skickas till förvaltningsrätten.")),
    ("unchanged", _l("Inte ändrat"), _l("Överklagandet skickas till förvaltningsrätten.")),
)
RECONSIDERATION_TEXT = {value: label for value, label, _hint in RECONSIDERATIONS}
APPEAL_STAGE = {
    "received": _l("Rättidsprövning inte gjord"),
    "in_time": _l("Kom in i tid, omprövning inte gjord"),
    "dismissed": _l("Avvisat, kom in för sent"),
    "changed": _l("Omprövat och ändrat, klart"),
    "to_forward": _l("Omprövat, ska skickas till förvaltningsrätten"),
    "forwarded": _l("Skickat till förvaltningsrätten"),
}
FOLLOW_UP_STATE = {
    "waiting": _l("Väntar på svar"),
    "unread": _l("Besvarad – inte läst"),
    "read": _l("Läst"),
}
FOLLOW_UP_DUE_SOURCE = {
    "goal": _l("Personen önskade uppföljning %(date)s."),
    "decision": _l("Personen har inte önskat något datum. Beslutet gäller till %(date)s."),
    "default": _l("Personen har inte önskat något datum. Förslaget är om sex månader, %(date)s."),
}
SURVEY_NO_ANSWER = _l("Vet inte eller vill inte svara")
NEED_CHANGE_STATE = {
    "open": _l("Inte hanterad"),
    "handled": _l("Hanterad"),
}
PLAN_STATUS = {
    "draft": _l("Utkast"),
    "published": _l("Publicerad"),
    "superseded": _l("Gäller inte längre"),
}
PLAN_ANSWER = {
    "awaiting_answer": _l("Väntar på svar"),
    "change_requested": _l("Personen vill ändra"),
    "change_handled": _l("Ändringen är hanterad"),
    "agreed": _l("Personen håller med"),
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
    "proposal_text": _l("Skriv förslaget till beslut på lätt svenska"),
    "answer_by": _l("Skriv sista dagen för personen att svara"),
    "in_time": _l("Välj om överklagandet kom in i tid"),
    "timeliness_checked_on": _l("Skriv datumet för rättidsprövningen"),
    "reconsideration": _l("Välj vad omprövningen ledde till"),
    "reconsidered_on": _l("Skriv datumet för omprövningen"),
    "forwarded_on": _l("Skriv datumet då överklagandet skickades"),
    "confirm": _l("Bekräfta att du vill publicera beslutet"),
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
    "in_future": _l("Datumet kan inte vara senare än i dag"),
    "before_previous": _l("Datumet kan inte vara före förra steget"),
    "already_done": _l("Det här steget är redan gjort"),
    "needs_timeliness": _l("Gör rättidsprövningen först"),
    "needs_reconsideration": _l("Gör omprövningen först"),
    "dismissed": _l("Överklagandet är avvisat. Det prövas inte mer"),
    "changed": _l("Beslutet är ändrat som personen ville. Då skickas inget till förvaltningsrätten"),
    "case_closed": _l("Ärendet är avslutat eller återtaget"),
    "staff_guardian": _l("Personal i personens enhet kan inte vara ställföreträdare för personen"),
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
