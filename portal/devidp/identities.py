"""Demo identities of the simulated BankID provider, and personnummer checks.

The demo people are shared with the portal's demo data seeding, so their keys
and personnummer must stay stable. All numbers use the 98xx serial range, which
real people do not get, and a correct Luhn check digit.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

from portal.domain.personnummer import parse_personnummer

KINDS = ("citizen", "proxy", "staff")

KIND_LABELS = {
    "citizen": _l("Brukare"),
    "proxy": _l("Närstående"),
    "staff": _l("Personal"),
}


@dataclass(frozen=True)
class DemoIdentity:
    key: str
    personnummer: str  # 12 digits, YYYYMMDDNNNC
    given_name: str
    family_name: str
    kind: str
    description_sv: str

    @property
    def name(self) -> str:
        return f"{self.given_name} {self.family_name}"


DEMO_IDENTITIES: tuple[DemoIdentity, ...] = (
    DemoIdentity("anna", "194205179825", "Anna", "Andersson", "citizen",
                 "Har ett beslut och en uppföljning"),
    DemoIdentity("bertil", "195809029811", "Bertil", "Berg", "citizen",
                 "Ny, har inget ärende"),
    DemoIdentity("cecilia", "199011239846", "Cecilia", "Carlsson", "citizen",
                 "Har ett utkast"),
    DemoIdentity("david", "197002089832", "David", "Andersson", "proxy",
                 "Närstående med fullmakt för Anna"),
    DemoIdentity("eva", "198006309861", "Eva", "Ek", "staff",
                 "Handläggare, Biståndsenheten Norr"),
    DemoIdentity("fredrik", "197512119855", "Fredrik", "Falk", "staff",
                 "Handläggare, Biståndsenheten Söder"),
    DemoIdentity("karin", "198503149877", "Karin", "Kvist", "staff",
                 "Kontaktperson, Hemtjänsten Centrum"),
    DemoIdentity("lars", "197109229877", "Lars", "Lund", "staff",
                 "Enhetschef, Hemtjänsten Centrum"),
    DemoIdentity("maria", "199005039871", "Maria", "Månsson", "staff",
                 "Kontaktperson, Boendestödet Väster"),
)

# A valid personnummer that is not a demo person logs in as this person.
UNKNOWN_GIVEN_NAME = "Test"
UNKNOWN_FAMILY_NAME = "Person"


@dataclass(frozen=True)
class Person:
    """The person who identified themselves with the simulated BankID."""

    personnummer: str
    given_name: str
    family_name: str

    @property
    def name(self) -> str:
        return f"{self.given_name} {self.family_name}"

    @property
    def birthdate(self) -> str:
        """Birth date as YYYY-MM-DD (the real day, also for samordningsnummer)."""
        return parse_personnummer(self.personnummer).birth_date.isoformat()


def demo_identity(key: str) -> DemoIdentity | None:
    return next((i for i in DEMO_IDENTITIES if i.key == key), None)


def person_for(personnummer: str) -> Person:
    """The person with this (already validated, 12-digit) personnummer.

    Any valid number that is not a demo person is "Test Person": fine for a
    simulator, which has no population register behind it.
    """
    for identity in DEMO_IDENTITIES:
        if identity.personnummer == personnummer:
            return Person(personnummer, identity.given_name, identity.family_name)
    return Person(personnummer, UNKNOWN_GIVEN_NAME, UNKNOWN_FAMILY_NAME)
