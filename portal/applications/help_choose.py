""" "Hjälp mig välja": everyday statements that each point to a livsområde.

A person who does not know the areas ticks what is true for them; the areas
page then shows those areas ticked as a suggestion they can change.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

# (answer key, statement, life-area code), in an order that starts with the
# most common needs among older people at home.
STATEMENTS = (
    ("body", _l("Det är svårt att tvätta mig, klä mig eller äta."), "d5"),
    ("home", _l("Det är svårt att handla, laga mat eller städa."), "d6"),
    ("moving", _l("Det är svårt att gå, resa mig eller åka buss."), "d4"),
    ("safe", _l("Jag känner mig inte trygg hemma eller ute."), "safety"),
    ("lonely", _l("Jag känner mig ensam. Jag vill träffa fler."), "d7"),
    ("fun", _l("Jag vill göra mer saker som jag tycker om."), "d9"),
    ("day", _l("Det är svårt att få dagen att fungera."), "d2"),
    ("talk", _l("Det är svårt att prata med andra eller förstå dem."), "d3"),
    ("think", _l("Det är svårt att läsa, skriva eller bestämma saker."), "d1"),
    ("money", _l("Jag behöver hjälp med jobb, skola eller pengar."), "d8"),
    ("family", _l("Någon i min familj hjälper mig mycket."), "carer_support"),
)
_AREA_FOR = {key: code for key, _label, code in STATEMENTS}


def suggested_areas(answer_keys: list[str]) -> list[str]:
    """The areas the ticked statements point to; unknown keys are ignored."""
    return sorted({_AREA_FOR[key] for key in answer_keys if key in _AREA_FOR})
