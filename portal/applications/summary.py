"""The whole ansökan as one structure, for the check page, the receipt and the PDF.

Also answers "is anything missing before it can be sent?", step by step, so
the check page can link each problem to the page that fixes it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from flask_babel import gettext as _

from portal.applications import labels, services, steps, validation
from portal.applications.models import Application, Goal
from portal.domain.life_areas import LifeArea, get_category, get_life_area


@dataclass
class AreaSummary:
    area: LifeArea
    answers: dict[str, str]
    assessed: bool = False
    current: str = ""
    wanted: str = ""
    categories: list[tuple[str, str]] = field(default_factory=list)  # (easy name, level)


@dataclass
class Problem:
    step: str
    field: str
    message: str


def contact_values(application: Application) -> dict:
    values = {
        "phone": application.contact_phone or "",
        "email": application.contact_email or "",
        "interpreter_language": application.interpreter_language or "",
        "communication_support": application.communication_support or "",
    }
    for kind in validation.CONSENT_KINDS:
        values.update({f"consent_{kind}_{part}": "" for part in ("given", "name", "contact")})
    values.update(services.consent_values(application))
    return values


def area_summaries(application: Application) -> list[AreaSummary]:
    result = []
    for need in application.needs:
        summary = AreaSummary(get_life_area(need.life_area), services.need_values(need))
        for row in services.assessments_for(application, need.life_area):
            if row.icf_category is None:
                summary.assessed = True
                summary.current = labels.level_text(row.current_level)
                summary.wanted = labels.level_text(row.wanted_level)
            else:
                category = get_category(row.icf_category)[1]
                summary.categories.append((labels.area_name(category), labels.level_text(row.current_level)))
        result.append(summary)
    return result


def goal_area_name(goal: Goal) -> str:
    return labels.area_name(get_life_area(goal.life_area))


def problems(application: Application) -> list[Problem]:
    """Everything that must be fixed before sending; empty when it can be sent."""
    found = []
    if not application.needs:
        found.append(Problem(steps.AREAS, "areas", _("Välj minst ett område.")))
    for summary in area_summaries(application):
        name = labels.area_name(summary.area)
        for field_name, message in validation.check_need(summary.answers).items():
            found.append(Problem(steps.area_step(summary.area.code), field_name, f"{name}: {message}"))
        if not summary.assessed:
            message = _("Välj hur svårt det är i dag.")
            found.append(Problem(steps.assessment_step(summary.area.code), "current_level", f"{name}: {message}"))
    if not application.goals:
        found.append(Problem(steps.GOALS, "goal_text", _("Skriv minst ett mål.")))
    for number, goal in enumerate(application.goals, start=1):
        # Autosave keeps a goal before its follow-up time is chosen.
        if goal.follow_up_on is None:
            message = _("Mål %(number)s: Välj när du vill prata om hur det har gått.", number=number)
            found.append(Problem(f"{steps.GOALS}/{goal.id}", "goal_follow_up", message))
    for field_name, message in validation.check_contact(contact_values(application)).items():
        found.append(Problem(steps.CONTACT, field_name, message))
    return found
