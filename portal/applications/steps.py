"""The order of the question pages, which depends on the areas a person chose.

A step is the part of the URL after /ansokan/<id>/ ("omraden",
"omrade/d5", "omrade/d5/skattning", "mal", "kontakt", "kontrollera"). The
draft stores the step the person was last on, so "Fortsätt" resumes there.
Plain Python: no Flask, no database.
"""

from __future__ import annotations

from portal.domain.life_areas import is_life_area_code

AREAS = "omraden"
GOALS = "mal"
CONTACT = "kontakt"
CHECK = "kontrollera"
# The query value that sends a person back to the check page after a change.
RETURN_TO_CHECK = "kontrollera"


def area_step(code: str) -> str:
    return f"omrade/{code}"


def assessment_step(code: str) -> str:
    return f"omrade/{code}/skattning"


def all_steps(area_codes: list[str]) -> list[str]:
    steps = [AREAS]
    for code in area_codes:
        steps += [area_step(code), assessment_step(code)]
    return [*steps, GOALS, CONTACT, CHECK]


def next_step(current: str, area_codes: list[str]) -> str:
    """The step after `current`; the check page is last."""
    steps = all_steps(area_codes)
    if current not in steps:
        return AREAS
    index = steps.index(current)
    return steps[min(index + 1, len(steps) - 1)]


def previous_step(current: str, area_codes: list[str]) -> str | None:
    """The step before `current`, or None on the first step."""
    steps = all_steps(area_codes)
    if current not in steps or steps.index(current) == 0:
        return None
    return steps[steps.index(current) - 1]


def is_known_step(step: object, area_codes: list[str]) -> bool:
    """True if `step` is a page of this draft (safe for untrusted input)."""
    return isinstance(step, str) and step in all_steps(area_codes)


def resume_step(stored: str | None, area_codes: list[str]) -> str:
    """Where "Fortsätt" goes: the stored step if it still exists, else the areas page."""
    return stored if is_known_step(stored, area_codes) else AREAS


def area_of_step(step: str) -> str | None:
    parts = step.split("/")
    if len(parts) >= 2 and parts[0] == "omrade" and is_life_area_code(parts[1]):
        return parts[1]
    return None
