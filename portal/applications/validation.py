"""Checks for each question page. Each returns a dict field -> message.

Messages say what to do, in easy Swedish. A check never changes what the
person typed: the caller saves what passes and shows everything again with
the message; a text over its cap is never stored (the caps live in
portal/validation.py).
"""

from __future__ import annotations

import re

from flask_babel import gettext as _

from portal.domain.life_areas import is_life_area_code
from portal.domain.vocabulary import FilledInBy
from portal.validation import MAX_GOALS_PER_APPLICATION, MAX_GOALS_PER_AREA, fits
from portal.validation import PERSON_TEXT_MAX as MAX_TEXT

MAX_NAME = 200  # ConsentToContact.name / contact
MAX_PHONE = 40
MAX_EMAIL = 200
MAX_LANGUAGE = 60
NEED_FIELDS = ("today", "resources", "difficulties", "wanted_help", "what_matters")
CONSENT_KINDS = ("relative", "health_care", "other")
LEVEL_VALUES = ("0", "1", "2", "3", "4")
DONT_KNOW = "vet_inte"
FOLLOW_UP_MONTHS = ("3", "6", "12")

_PHONE = re.compile(r"\+?[0-9][0-9 \-]{5,}")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


def too_long(text: str, limit: int = MAX_TEXT) -> str | None:
    if fits(text, limit):
        return None
    return _("Skriv högst %(limit)s tecken. Du har skrivit %(count)s.", limit=limit, count=len(text))


def check_filled_in_by(value: str) -> dict:
    if value not in {choice.value for choice in FilledInBy}:
        return {"filled_in_by": _("Välj vem som fyller i ansökan.")}
    return {}


def check_areas(codes: list[str]) -> dict:
    if not codes or not all(is_life_area_code(code) for code in codes):
        return {"areas": _("Välj minst ett område.")}
    return {}


def check_help_choose(answers: list[str]) -> dict:
    if not answers:
        return {"answers": _("Välj minst ett svar. Eller gå tillbaka och välj områden själv.")}
    return {}


def check_need(values: dict) -> dict:
    errors = {name: too_long(values[name]) for name in NEED_FIELDS if too_long(values[name])}
    if not errors and not any(values[name].strip() for name in NEED_FIELDS):
        errors["today"] = _("Svara på minst en fråga. Det går bra att skriva kort.")
    return errors


def parse_level(raw: str | None) -> tuple[bool, int | None]:
    """(answered, level): "2" → (True, 2), "vet_inte" → (True, None), "" → (False, None)."""
    if raw in LEVEL_VALUES:
        return True, int(raw)
    if raw == DONT_KNOW:
        return True, None
    return False, None


def check_assessment(values: dict) -> dict:
    errors = {}
    if not parse_level(values.get("current_level"))[0]:
        errors["current_level"] = _("Välj hur svårt det är i dag. Du kan välja Vet inte.")
    if not parse_level(values.get("wanted_level"))[0]:
        errors["wanted_level"] = _("Välj hur du vill att det ska vara. Du kan välja Vet inte.")
    return errors


def check_goal(values: dict, area_codes: list[str]) -> dict:
    errors = {}
    if not values["goal_text"].strip():
        errors["goal_text"] = _("Skriv ditt mål.")
    elif too_long(values["goal_text"]):
        errors["goal_text"] = too_long(values["goal_text"])
    if values["goal_area"] not in area_codes:
        errors["goal_area"] = _("Välj vilket område målet gäller.")
    if values["goal_level"] and not parse_level(values["goal_level"])[0]:
        errors["goal_level"] = _("Välj hur du vill att det ska vara.")
    if values["goal_follow_up"] not in FOLLOW_UP_MONTHS:
        errors["goal_follow_up"] = _("Välj när du vill prata om hur det har gått.")
    return errors


def check_goal_room(goal_areas: list[str], area: str) -> dict:
    """Whether one more goal fits: `goal_areas` holds the area of each goal already there."""
    if len(goal_areas) >= MAX_GOALS_PER_APPLICATION:
        message = _("Du har redan %(count)s mål. Det är det mesta som går. Ändra eller ta bort ett mål först.",
                    count=MAX_GOALS_PER_APPLICATION)  # fmt: skip
        return {"goal_text": message}
    if goal_areas.count(area) >= MAX_GOALS_PER_AREA:
        message = _("Du har redan %(count)s mål för det här området. Det är det mesta som går. "
                    "Välj ett annat område, eller ändra ett mål du redan har.", count=MAX_GOALS_PER_AREA)  # fmt: skip
        return {"goal_text": message}
    return {}


def check_contact(values: dict) -> dict:
    errors = {}
    phone, email = values["phone"].strip(), values["email"].strip()
    if not phone and not email:
        errors["phone"] = _("Skriv ett telefonnummer eller en e-postadress.")
    if phone and (len(phone) > MAX_PHONE or not _PHONE.fullmatch(phone)):
        errors["phone"] = _("Skriv telefonnumret med siffror, till exempel 070 123 45 67.")
    if email and (len(email) > MAX_EMAIL or not _EMAIL.fullmatch(email)):
        errors["email"] = _("Skriv e-postadressen så här: namn@exempel.se")
    if len(values["interpreter_language"]) > MAX_LANGUAGE:
        errors["interpreter_language"] = too_long(values["interpreter_language"], MAX_LANGUAGE)
    if too_long(values["communication_support"]):
        errors["communication_support"] = too_long(values["communication_support"])
    for kind in CONSENT_KINDS:
        errors.update(_check_consent(kind, values))
    return errors


def _check_consent(kind: str, values: dict) -> dict:
    given = values[f"consent_{kind}_given"]
    name, contact = values[f"consent_{kind}_name"], values[f"consent_{kind}_contact"]
    if given and not name.strip():
        return {f"consent_{kind}_name": _("Skriv vem kommunen får kontakta.")}
    if not given and (name.strip() or contact.strip()):
        return {
            f"consent_{kind}_given": _(
                "Kryssa i rutan om kommunen får kontakta den du har skrivit. Annars tar du bort namnet."
            )
        }
    for field in (f"consent_{kind}_name", f"consent_{kind}_contact"):
        if len(values[field]) > MAX_NAME:
            return {field: too_long(values[field], MAX_NAME)}
    return {}
