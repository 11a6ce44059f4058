"""Words for the access log as the person reads it: what, which kind of data, who."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

RECORD_LABELS = {
    "application": _l("Ansökan"),
    "need_description": _l("Ansökan"),
    "self_assessment": _l("Din egen bedömning"),
    "goal": _l("Dina mål"),
    "assessment": _l("Handläggarens bedömning"),
    "internal_note": _l("Handläggarens anteckningar"),
    "decision": _l("Beslut"),
    "appeal": _l("Överklagande"),
    "assignment": _l("Uppdrag till utföraren"),
    "implementation_plan": _l("Genomförandeplan"),
    "follow_up": _l("Uppföljning"),
    "message": _l("Meddelanden"),
    "proxy_authority": _l("Fullmakt"),
    "acting_session": _l("Ombud i Mitt stöd"),
    "access_log": _l("Listan över vem som läst dina uppgifter"),
    "registry_extract": _l("Registerutdrag"),
    "session": _l("Inloggning"),
    "export": _l("Ansökan"),
    "communication": _l("Kommunicering före beslut"),
    "need_change": _l("Att ditt behov har ändrats"),
    "plan_response": _l("Ditt svar på planen"),
    "personnummer": _l("Ditt personnummer"),
    "care_card": _l("Så vill jag ha det"),
    "visit_deviation": _l("Besök som inte blev av"),
    "provider_goal_view": _l("Utförarens bild av dina mål"),
    "plan_review_comment": _l("Handläggarens kommentar om planen"),
}
OTHER_RECORD = _l("Andra uppgifter")

ACTION_LABELS = {
    "read": _l("Läste"),
    "create": _l("Skapade"),
    "update": _l("Ändrade"),
    "delete": _l("Tog bort"),
    "submit": _l("Skickade in"),
    "export": _l("Hämtade ut en kopia"),
    "login": _l("Loggade in"),
    "logout": _l("Loggade ut"),
    "denied": _l("Fick inte öppna"),
}
# Starting and stopping to act for someone reads better in its own words.
# A case seen in the handläggare's list (reason "list") is not the same as opening it.
LISTED_LABEL = _l("Såg ditt namn i en lista")
ACTING_ACTION_LABELS = {
    "login": _l("Började agera för dig"),
    "logout": _l("Slutade agera för dig"),
}

ROLE_LABELS = {
    "case_officer": _l("Handläggare"),
    "provider": _l("Utförare"),
    "analyst": _l("Verksamhetsutvecklare"),
    "admin": _l("Administratör"),
}
