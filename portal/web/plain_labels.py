"""The words a person sees for stored values on the beslut, plan and follow-up pages.

The level words are the same msgids as in the application flow, so one
translation serves both.
"""

from __future__ import annotations

from flask_babel import get_locale
from flask_babel import lazy_gettext as _l

from portal.domain.life_areas import get_life_area, is_life_area_code
from portal.domain.services import get_service_type, is_service_code

LEVELS = (
    (0, _l("Inga svårigheter"), _l("Det är inte svårt. Du klarar det själv.")),
    (1, _l("Lätta svårigheter"), _l("Det är svårt ibland. Du klarar det oftast själv.")),
    (2, _l("Måttliga svårigheter"), _l("Det är svårt ganska ofta. Men det går bra mer än halva tiden.")),
    (3, _l("Stora svårigheter"), _l("Det är svårt för det mesta. Du behöver ofta hjälp.")),
    (4, _l("Totala svårigheter"), _l("Det går inte alls. Du behöver alltid hjälp.")),
)  # fmt: skip
LEVEL_TEXT = {value: label for value, label, _description in LEVELS}
DONT_KNOW = _l("Vet inte")
NO_ANSWER = _l("Vet inte eller vill inte svara")
# Radio choices for "today's level": the five steps and "Vet inte" (stored as None).
LEVEL_CHOICES = (*((str(v), label, description) for v, label, description in LEVELS), ("none", DONT_KNOW, None))

OUTCOME_TEXT = {
    "granted": _l("Beviljat"),
    "partly_granted": _l("Delvis beviljat"),
    "refused": _l("Avslag"),
}
OUTCOME_EXPLANATION = {
    "granted": _l("Du får det du bad om."),
    "partly_granted": _l("Du får en del av det du bad om."),
    "refused": _l("Du får inte det du bad om."),
}
SUPPORT_KIND_TEXT = {
    "supportive": _l("Du gör så mycket du kan själv. Personalen stöttar dig."),
    "compensatory": _l("Personalen gör det åt dig."),
}
ATTAINMENT = (
    ("achieved", _l("Ja")),
    ("partly_achieved", _l("Delvis")),
    ("not_achieved", _l("Nej")),
    ("no_answer", NO_ANSWER),
)
ATTAINMENT_TEXT = dict(ATTAINMENT)
# plans.responses.plan_status(): where the answer to the plan stands (the /mitt-stod card).
PLAN_STATUS_TEXT = {
    "awaiting_answer": _l("Väntar på svar"),
    "change_requested": _l("Önskemål om ändring är skickat"),
    "agreed": _l("Planen är godkänd"),
}
FILLED_IN_BY_TEXT = {
    "self": _l("Jag svarar själv"),
    "self_with_help": _l("Jag svarar, och någon hjälper mig"),
    "proxy": _l("Ett ombud svarar åt mig"),
}


def level_text(level: int | None) -> str:
    """Plain words for a level; "Vet inte" when there is none."""
    return str(LEVEL_TEXT.get(level, DONT_KNOW)) if level is not None else str(DONT_KNOW)


def english() -> bool:
    return str(get_locale() or "sv").startswith("en")


def area_name(code: str) -> str:
    """The easy name of a life area in the page's language (the code if unknown)."""
    if not is_life_area_code(code):
        return code
    area = get_life_area(code)
    return area.easy_name_en if english() else area.easy_name_sv


def service_name(code: str) -> str:
    if not is_service_code(code):
        return code
    service = get_service_type(code)
    return service.name_en if english() else service.name_sv


def init_app(app) -> None:
    """Template helpers used by every page of this package."""
    app.jinja_env.globals.update(
        cc_level=level_text, cc_area=area_name, cc_service=service_name,
        cc_outcome=lambda value: OUTCOME_TEXT.get(value, value),
    )
    app.jinja_env.filters["cc_date"] = date_text


def date_text(value) -> str:
    """A date as people say it: "23 december 2026" (a UTC time is shown in Swedish time)."""
    from flask_babel import format_date, to_user_timezone

    if not value:
        return ""
    if hasattr(value, "hour"):
        value = to_user_timezone(value)
    return format_date(value, "d MMMM y")


def template_context() -> dict:
    """`labels` for the person's pages of a process step (staff views pass their own)."""
    import sys

    return {"labels": sys.modules[__name__]}
