"""Reading and checking the fullmakt forms. Messages say what to do, in easy Swedish."""

from __future__ import annotations

from datetime import date, timedelta

from flask_babel import gettext as _

from portal.domain import clock
from portal.domain.personnummer import InvalidPersonnummer, parse_personnummer
from portal.domain.vocabulary import ProxyScope, complete_scopes
from portal.proxies.services import GrantRequest

MAX_YEARS = 4  # a fullmakt in the portal is given for at most four years
LATEST_START_DAYS = 365
NAME_MAX = 100
SCOPES = tuple(scope.value for scope in ProxyScope)
FIELDS = ("given_name", "family_name", "personnummer", "valid_from", "valid_to")


def default_values(today: date | None = None) -> dict:
    today = today or clock.today()
    return {"valid_from": today.isoformat(), "valid_to": add_years(today, 1).isoformat(),
            "scopes": []}


def add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year without one
        return day.replace(year=day.year + years, day=28)


def form_values(form) -> dict:
    """What the person sent, kept so the page can show it again on an error."""
    values = {name: (form.get(name) or "").strip() for name in FIELDS}
    values["scopes"] = [s for s in form.getlist("scopes") if s in SCOPES]
    return values


def check_scopes(values: dict, errors: dict) -> tuple[str, ...]:
    scopes = tuple(complete_scopes(s for s in SCOPES if s in values["scopes"]))
    if not scopes:
        errors["scopes"] = _("Välj minst en sak som fullmakten gäller.")
    return scopes


def check_grant(values: dict, who: str, today: date | None = None) -> tuple[GrantRequest | None, dict]:
    """(GrantRequest, {}) when everything is right, else (None, {field: message}).

    `who` is "proxy" when the form names the ombud, "represented" when an
    ombud names the person they ask.
    """
    today = today or clock.today()
    errors: dict[str, str] = {}
    _check_names(values, errors, who)
    pnr = _check_personnummer(values.get("personnummer", ""), errors, today)
    scopes = check_scopes(values, errors)
    valid_from, valid_to = _check_dates(values, errors, today)
    if errors:
        return None, errors
    return GrantRequest(pnr, values["given_name"], values["family_name"], scopes,
                        valid_from, valid_to), {}


def _check_names(values: dict, errors: dict, who: str) -> None:
    missing = {
        "proxy": (_("Skriv förnamnet på den som ska få fullmakten."),
                  _("Skriv efternamnet på den som ska få fullmakten.")),
        "represented": (_("Skriv förnamnet på den du vill hjälpa."),
                        _("Skriv efternamnet på den du vill hjälpa.")),
    }[who]
    for name, message in zip(("given_name", "family_name"), missing, strict=True):
        if not values.get(name):
            errors[name] = message
        elif len(values[name]) > NAME_MAX:
            errors[name] = _("Skriv högst %(count)s tecken.", count=NAME_MAX)


def _check_personnummer(text: str, errors: dict, today: date):
    if not text:
        errors["personnummer"] = _("Skriv personnumret med 12 siffror, till exempel 19420517-9825.")
        return None
    try:
        return parse_personnummer(text, today)
    except InvalidPersonnummer as problem:
        errors["personnummer"] = {
            "format": _("Skriv personnumret med 12 siffror, till exempel 19420517-9825."),
            "date": _("Personnumret har ett datum som inte finns. Kontrollera siffrorna."),
            "checksum": _("Personnumret stämmer inte. Kontrollera siffrorna."),
            "future": _("Personnumret har ett datum i framtiden. Kontrollera siffrorna."),
        }[problem.reason]
        return None


def _parse_date(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def _check_dates(values: dict, errors: dict, today: date) -> tuple[date | None, date | None]:
    valid_from = _parse_date(values.get("valid_from", ""))
    valid_to = _parse_date(values.get("valid_to", ""))
    if valid_from is None:
        errors["valid_from"] = _("Skriv datumet som år-månad-dag, till exempel 2025-03-01.")
    elif valid_from < today:
        errors["valid_from"] = _("Fullmakten kan börja gälla i dag eller senare.")
    elif valid_from > today + timedelta(days=LATEST_START_DAYS):
        errors["valid_from"] = _("Fullmakten måste börja gälla inom ett år.")
    if valid_to is None:
        errors["valid_to"] = _("Skriv datumet som år-månad-dag, till exempel 2026-03-01.")
    elif valid_from is not None and valid_to < valid_from:
        errors["valid_to"] = _("Slutdatumet måste vara efter startdatumet.")
    elif valid_from is not None and valid_to > add_years(valid_from, MAX_YEARS):
        errors["valid_to"] = _("En fullmakt kan gälla i högst %(years)s år.", years=MAX_YEARS)
    return valid_from, valid_to
