"""Reading the start screen's form: which person, which device, which simulation."""

from __future__ import annotations

from dataclasses import dataclass, field

from flask_babel import gettext as _
from werkzeug.datastructures import MultiDict

from portal.domain.personnummer import InvalidPersonnummer, parse_personnummer

from .identities import Person, demo_identity, person_for
from .orders import OUTCOMES

TYPED = "personnummer"  # value of the submit button next to the text field


@dataclass
class StartForm:
    personnummer: str = ""  # as typed, shown again on error
    other_device: bool = False
    outcome: str = "complete"
    person: Person | None = None
    errors: dict[str, str] = field(default_factory=dict)


def read_start_form(data: MultiDict) -> StartForm:
    form = StartForm(
        personnummer=(data.get("personnummer") or "").strip()[:40],
        other_device=data.get("device") == "other",
        outcome=data.get("simulate") if data.get("simulate") in OUTCOMES else "complete",
    )
    choice = data.get("identity") or TYPED
    if choice == TYPED:
        _read_typed_personnummer(form)
    elif (identity := demo_identity(choice)) is not None:
        form.person = person_for(identity.personnummer)
    else:
        form.errors["identity"] = _("Välj en person i listan.")
    return form


def _read_typed_personnummer(form: StartForm) -> None:
    try:
        personnummer = parse_personnummer(form.personnummer).canonical
    except InvalidPersonnummer as error:
        if error.reason == "format":
            form.errors["personnummer"] = _("Skriv ett personnummer med 12 siffror.")
        else:
            form.errors["personnummer"] = _("Personnumret stämmer inte. Kontrollera siffrorna.")
        return
    form.person = person_for(personnummer)
