"""/vad-har-hant: the person's own story of each case, worded for whoever reads it."""

from __future__ import annotations

from portal.access import Permission, current_actor, is_allowed
from portal.audit.services import log_access
from portal.auth import citizen_required
from portal.domain.vocabulary import AccessAction
from portal.history import bp
from portal.history.person import Wording, case_story, mark_proxy_notices_read, sent_applications
from portal.web.citizen_views import require
from portal.web.rendering import render

# The record types a story can show, and where in the story they are.
_SHOWN = {"communication": "communications", "decision": "decisions", "appeal": "appeals",
          "implementation_plan": "plans", "follow_up": "follow_ups", "need_change": "need_changes"}


@bp.get("/vad-har-hant")
@citizen_required
def timeline_page():
    require(Permission.READ_TIMELINE)
    actor = current_actor()
    applications = [a for a in sent_applications(actor) if is_allowed(actor, Permission.READ_TIMELINE, a)]
    wording = Wording(actor)
    stories = [case_story(application, wording) for application in applications]
    _log_what_was_shown(actor, stories)
    mark_proxy_notices_read(actor)
    return render("history/citizen/timeline.html", stories=stories)


def _log_what_was_shown(actor, stories) -> None:
    """One READ per kind of record on the page."""
    shown = {"application", "case_event"} if stories else set()
    for story in stories:
        shown |= {kind for kind, field in _SHOWN.items() if getattr(story.records, field)}
    for record_type in sorted(shown):
        log_access(actor, AccessAction.READ, record_type, None, actor.subject_citizen_id)
