"""The order of steps, and deleting drafts that have expired."""

from datetime import date, timedelta

from portal.applications import steps
from portal.applications.help_choose import suggested_areas
from portal.applications.models import Application
from portal.applications.services import add_months, reference_for
from portal.domain.states import ApplicationStatus


def test_steps_follow_the_chosen_areas():
    order = steps.all_steps(["d5", "d6"])
    assert order == ["omraden", "omrade/d5", "omrade/d5/skattning", "omrade/d6",
                     "omrade/d6/skattning", "mal", "kontakt", "kontrollera"]  # fmt: skip
    assert steps.next_step("omrade/d5/skattning", ["d5", "d6"]) == "omrade/d6"
    assert steps.previous_step("omraden", ["d5"]) is None


def test_resume_refuses_unknown_or_stale_steps():
    assert steps.resume_step("omrade/d6", ["d5"]) == "omraden"
    assert steps.resume_step("../../admin", ["d5"]) == "omraden"
    assert steps.resume_step("mal", ["d5"]) == "mal"


def test_help_me_choose_maps_everyday_words_to_areas():
    assert suggested_areas(["body", "lonely", "unknown"]) == ["d5", "d7"]


def test_months_and_references():
    assert add_months(date(2026, 11, 30), 3) == date(2027, 2, 28)
    assert reference_for(123, 2026) == "MS-2026-000123"


def test_purge_deletes_only_expired_drafts(app, db, make_citizen, make_application):
    citizen = make_citizen()
    expired = make_application(citizen, draft_expires_on=date.today() - timedelta(days=1))
    kept = make_application(citizen, draft_expires_on=date.today())
    sent = make_application(citizen, status=ApplicationStatus.SUBMITTED,
                            draft_expires_on=date.today() - timedelta(days=9))  # fmt: skip
    ids = (expired.id, kept.id, sent.id)
    result = app.test_cli_runner().invoke(args=["applications", "purge-drafts"])
    assert "Deleted 1 expired draft(s)." in result.output
    db.expire_all()
    assert [db.get(Application, i) is not None for i in ids] == [False, True, True]
