"""The words a person sees for stored values (translated when shown)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

STATUS = {
    "draft": _l("Utkast"),
    "submitted": _l("Skickad"),
    "received": _l("Handläggaren har fått den"),
    "investigating": _l("Handläggaren utreder"),
    "decided": _l("Beslut klart"),
    "withdrawn": _l("Du tog tillbaka den"),
    "closed": _l("Avslutad"),
}

FILLED_IN_BY = (
    ("self", _l("Jag fyller i själv"), None),
    (
        "self_with_help",
        _l("Jag fyller i, och någon hjälper mig"),
        _l("Till exempel någon i din familj eller en vän."),
    ),
    (
        "proxy",
        _l("Mitt ombud fyller i åt mig"),
        _l("Ett ombud har en fullmakt från dig. Det kan också vara en god man."),
    ),
)
FILLED_IN_BY_TEXT = {value: label for value, label, _hint in FILLED_IN_BY}

# The five plain-word steps of the ICF scale, with what each means.
LEVELS = (
    ("0", _l("Inga svårigheter"), _l("Det är inte svårt. Du klarar det själv.")),
    ("1", _l("Lätta svårigheter"), _l("Det är svårt ibland. Du klarar det oftast själv.")),
    ("2", _l("Måttliga svårigheter"), _l("Det är svårt ganska ofta. Men det går bra mer än halva tiden.")),
    ("3", _l("Stora svårigheter"), _l("Det är svårt för det mesta. Du behöver ofta hjälp.")),
    ("4", _l("Totala svårigheter"), _l("Det går inte alls. Du behöver alltid hjälp.")),
)  # fmt: skip
DONT_KNOW = _l("Vet inte")
LEVEL_TEXT = {int(value): label for value, label, _description in LEVELS}

FOLLOW_UP = (
    ("3", _l("Om 3 månader"), None),
    ("6", _l("Om 6 månader"), None),
    ("12", _l("Om 1 år"), None),
)

CONSENT_KINDS = {
    "relative": (_l("Någon nära dig"), _l("Till exempel någon i din familj eller en god vän.")),
    "health_care": (_l("Vården"), _l("Till exempel din vårdcentral eller hemsjukvården.")),
    "other": (_l("Någon annan"), _l("Till exempel en god man eller en skola.")),
}

NEED_QUESTIONS = {
    "today": (
        _l("Hur fungerar det i dag?"),
        _l("Berätta hur det är för dig nu."),
        _l("Jag bor själv. Min dotter kommer på söndagar."),
    ),
    "resources": (
        _l("Vad klarar du själv?"),
        _l("Skriv det du kan göra utan hjälp. Det är också viktigt."),
        _l("Jag klarar det om jag får ta god tid på mig."),
    ),
    "difficulties": (
        _l("Vad är svårt?"),
        _l("Skriv vad som är svårt och när det är svårt."),
        _l("Jag blir trött fort. Då orkar jag inte mer."),
    ),
    "wanted_help": (
        _l("Vilken hjälp vill du ha?"),
        _l("Skriv vad du vill att någon hjälper dig med."),
        _l("Jag vill ha hjälp en gång i veckan."),
    ),
    "what_matters": (
        _l("Vad är viktigast för dig?"),
        _l("Skriv det som betyder mest för dig."),
        _l("Att jag får bestämma själv när saker ska göras."),
    ),
}


def level_text(level: int | None) -> str:
    return str(LEVEL_TEXT.get(level, DONT_KNOW)) if level is not None else str(DONT_KNOW)


def _english() -> bool:
    from flask_babel import get_locale

    return str(get_locale() or "sv").startswith("en")


def area_name(area) -> str:
    """The easy name of a life area or ICF category in the page's language."""
    return area.easy_name_en if _english() else area.easy_name_sv


def area_explanation(area) -> str:
    return area.easy_explanation_en if _english() else area.easy_explanation_sv
