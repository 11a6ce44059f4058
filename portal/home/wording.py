"""The start page's words when an ombud acts for someone: "Annas beslut", "Anna har inte skickat …"."""

from __future__ import annotations

from dataclasses import dataclass

from portal.db import get_session
from portal.web.plain_labels import english


@dataclass(frozen=True)
class Represented:
    """The person an ombud acts for, by given name, as the start page speaks of them."""

    name: str

    @property
    def owner(self) -> str:
        """The genitive: "Annas", "Lars" (Swedish adds no s after s, x or z); "Anna's" in English."""
        if english():
            return f"{self.name}'" if self.name.endswith("s") else f"{self.name}'s"
        return self.name if self.name[-1:].lower() in "sxz" else f"{self.name}s"


def represented(actor) -> Represented | None:
    """The represented person when an ombud acts; None when the person reads their own page."""
    from portal.people.models import Citizen

    if actor.kind != "proxy":
        return None
    return Represented(get_session().get(Citizen, actor.subject_citizen_id).given_name)
