"""Answering a follow-up, one topic per page: who answers, each goal, what helped,
the support, my life, check, send, receipt.

Every question page saves on "Fortsätt" and works without JavaScript. After
sending, every page of the follow-up leads to the receipt: answers cannot change.
"""

from __future__ import annotations

from flask import abort, redirect, request
from flask_babel import gettext as _

from portal.access import Permission, current_actor, load_for
from portal.auth import citizen_required
from portal.followups import answers, bp
from portal.followups.models import FollowUp
from portal.web.citizen_views import form_values, too_long_message
from portal.web.plain_labels import english
from portal.web.rendering import render

BACK_TO_CHECK = "kontrollera"
SURVEY_SLUGS = {"stodet": "quality", "livet": "life"}
SLUG_OF = {name: slug for slug, name in SURVEY_SLUGS.items()}
NO_ANSWER = "none"


def _load(follow_up_id: int, answering: bool) -> FollowUp:
    permission = Permission.ANSWER_FOLLOW_UP if answering else Permission.READ_FOLLOW_UP
    return load_for(FollowUp, follow_up_id, permission)


def _open(follow_up_id: int) -> FollowUp:
    """A follow-up the actor may answer and that is not sent yet; a sent one goes to its receipt."""
    follow_up = _load(follow_up_id, answering=request.method == "POST")
    if answers.is_sent(follow_up):
        abort(redirect(_url(follow_up, "kvitto"), code=303))
    return follow_up


def _url(follow_up: FollowUp, slug: str = "") -> str:
    return f"/uppfoljning/{follow_up.id}" + (f"/{slug}" if slug else "")


def _sequence(follow_up: FollowUp) -> list[str]:
    goals = [f"mal/{n}" for n in range(1, len(answers.goals_of(follow_up)) + 1)]
    surveys = [SLUG_OF[name] for name in answers.questionnaires_of(follow_up)]
    return ["", *goals, "vad-hjalpte", *surveys, "kontrollera"]


def _next(follow_up: FollowUp, slug: str):
    if request.args.get("tillbaka") == BACK_TO_CHECK:
        return redirect(_url(follow_up, "kontrollera"), code=303)
    sequence = _sequence(follow_up)
    return redirect(_url(follow_up, sequence[sequence.index(slug) + 1]), code=303)


def _page(template: str, follow_up: FollowUp, slug: str, **context):
    sequence = _sequence(follow_up)
    back = _url(follow_up, sequence[sequence.index(slug) - 1]) if slug else "/mitt-stod"
    if request.args.get("tillbaka") == BACK_TO_CHECK:
        back = _url(follow_up, "kontrollera")
    query = f"?tillbaka={BACK_TO_CHECK}" if request.args.get("tillbaka") == BACK_TO_CHECK else ""
    context.setdefault("errors", {})
    return render(template, follow_up=follow_up, back_url=back, action=request.path + query,
                  step=sequence.index(slug) + 1, steps=len(sequence), has_errors=bool(context["errors"]),
                  **context)


@bp.route("/uppfoljning/<int:follow_up_id>", methods=["GET", "POST"])
@citizen_required
def follow_up_start(follow_up_id: int):
    follow_up = _open(follow_up_id)
    actor = current_actor()
    values = form_values()
    if request.method == "POST":
        choice = values.get("filled_in_by")
        if actor.kind != "proxy" and choice not in ("self", "self_with_help"):
            errors = {"filled_in_by": _("Välj vem som svarar.")}
            return _page("followups/citizen/followup_start.html", follow_up, "", values=values, errors=errors)
        answers.set_filled_in_by(actor, follow_up, choice)
        return _next(follow_up, "")
    values = values or {"filled_in_by": follow_up.filled_in_by}
    return _page("followups/citizen/followup_start.html", follow_up, "", values=values)


def _goal_or_404(follow_up: FollowUp, number: int):
    goals = answers.goals_of(follow_up)
    if not 1 <= number <= len(goals):
        abort(404)
    return goals[number - 1]


def _goal_answer(values) -> tuple[str | None, int | None, dict[str, str]]:
    errors = {}
    attainment = values.get("attainment")
    if attainment not in answers.ATTAINMENTS:
        errors["attainment"] = _("Välj ett svar. Du kan också välja Vet inte eller vill inte svara.")
    raw_level = values.get("level_now")
    if raw_level not in ("0", "1", "2", "3", "4", NO_ANSWER):
        errors["level_now"] = _("Välj hur det är i dag. Du kan också välja Vet inte.")
    level = int(raw_level) if raw_level not in (None, NO_ANSWER) and not errors.get("level_now") else None
    return attainment, level, errors


@bp.route("/uppfoljning/<int:follow_up_id>/mal/<int:number>", methods=["GET", "POST"])
@citizen_required
def follow_up_goal(follow_up_id: int, number: int):
    follow_up = _open(follow_up_id)
    goal = _goal_or_404(follow_up, number)
    slug = f"mal/{number}"
    values = form_values()
    if request.method == "POST":
        attainment, level, errors = _goal_answer(values)
        if errors:
            return _page("followups/citizen/followup_goal.html", follow_up, slug, goal=goal, number=number,
                         values=values, errors=errors)
        answers.save_goal_evaluation(current_actor(), follow_up, goal, attainment, level)
        return _next(follow_up, slug)
    evaluation = answers.evaluation_of(follow_up, goal)
    if not values and evaluation is not None:
        level = evaluation.level_now
        values = {"attainment": evaluation.attainment, "level_now": NO_ANSWER if level is None else str(level)}
    return _page("followups/citizen/followup_goal.html", follow_up, slug, goal=goal, number=number, values=values)


@bp.route("/uppfoljning/<int:follow_up_id>/vad-hjalpte", methods=["GET", "POST"])
@citizen_required
def follow_up_helped(follow_up_id: int):
    follow_up = _open(follow_up_id)
    values = form_values()
    if request.method == "POST":
        text = values.get("helped_text", "")
        if len(text.strip()) > answers.HELPED_MAX_CHARS:
            errors = {"helped_text": too_long_message(answers.HELPED_MAX_CHARS, text)}
            return _page("followups/citizen/followup_helped.html", follow_up, "vad-hjalpte",
                         values=values, errors=errors)
        answers.save_helped_text(current_actor(), follow_up, text)
        return _next(follow_up, "vad-hjalpte")
    values = values or {"helped_text": follow_up.helped_text}
    return _page("followups/citizen/followup_helped.html", follow_up, "vad-hjalpte", values=values)


def _survey_answers(questions, values) -> tuple[dict[str, int | None], dict[str, str]]:
    given, errors = {}, {}
    for question in questions.questions:
        raw = values.get(f"q_{question.key}")
        if raw == NO_ANSWER:
            given[question.key] = None
        elif raw and raw.isdigit() and question.step_label(int(raw)) is not None:
            given[question.key] = int(raw)
        else:
            errors[f"q_{question.key}"] = _("Välj ett svar på frågan: %(question)s",
                                            question=question.text(english()))
    return given, errors


@bp.route("/uppfoljning/<int:follow_up_id>/<any(stodet, livet):slug>", methods=["GET", "POST"])
@citizen_required
def follow_up_survey(follow_up_id: int, slug: str):
    follow_up = _open(follow_up_id)
    if SURVEY_SLUGS[slug] not in answers.questionnaires_of(follow_up):
        abort(404)
    questions = answers.question_set(follow_up, SURVEY_SLUGS[slug])
    values = form_values()
    if request.method == "POST":
        given, errors = _survey_answers(questions, values)
        if errors:
            return _page("followups/citizen/followup_survey.html", follow_up, slug, questions=questions,
                         values=values, errors=errors)
        answers.save_survey(current_actor(), follow_up, questions, given)
        return _next(follow_up, slug)
    if not values:
        saved = answers.answers_of(follow_up, questions.questionnaire)
        values = {f"q_{key}": NO_ANSWER if value is None else str(value) for key, value in saved.items()}
    return _page("followups/citizen/followup_survey.html", follow_up, slug, questions=questions, values=values)


@bp.get("/uppfoljning/<int:follow_up_id>/kontrollera")
@citizen_required
def follow_up_check(follow_up_id: int):
    follow_up = _open(follow_up_id)
    return _page("followups/citizen/followup_check.html", follow_up, "kontrollera", **_summary(follow_up),
                 missing=answers.missing_parts(follow_up))


def _summary(follow_up: FollowUp) -> dict:
    goals = [(n, goal, answers.evaluation_of(follow_up, goal))
             for n, goal in enumerate(answers.goals_of(follow_up), 1)]
    surveys = [(SLUG_OF[name], answers.question_set(follow_up, name), answers.answers_of(follow_up, name))
               for name in answers.questionnaires_of(follow_up)]
    return {"goals": goals, "surveys": surveys}


@bp.post("/uppfoljning/<int:follow_up_id>/skicka")
@citizen_required
def follow_up_send(follow_up_id: int):
    follow_up = _load(follow_up_id, answering=True)
    if not answers.is_sent(follow_up):
        if answers.missing_parts(follow_up):
            return redirect(_url(follow_up, "kontrollera"), code=303)
        answers.submit_follow_up(current_actor(), follow_up)
    return redirect(_url(follow_up, "kvitto"), code=303)


@bp.get("/uppfoljning/<int:follow_up_id>/kvitto")
@citizen_required
def follow_up_receipt(follow_up_id: int):
    follow_up = _load(follow_up_id, answering=False)
    if not answers.is_sent(follow_up):
        return redirect(_url(follow_up), code=303)
    return render("followups/citizen/followup_receipt.html", follow_up=follow_up, **_summary(follow_up))
