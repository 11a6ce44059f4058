"""What the person gave besides their needs: who filled in the ansökan, consent to contact
others, interpreter and communication needs, in the words staff read."""

from __future__ import annotations

from dataclasses import dataclass, field

from portal.applications.models import Application
from portal.applications.validation import CONSENT_KINDS
from portal.db import get_session
from portal.web import staff_labels as labels


@dataclass(frozen=True)
class Consent:
    kind: str  # words, not the code
    given: bool
    name: str
    contact: str


@dataclass(frozen=True)
class PersonGave:
    filled_in_by: str
    proxy_name: str | None
    interpreter_language: str
    communication_support: str
    consents: list[Consent] = field(default_factory=list)
    answered_consent: bool = False


def person_gave(application: Application) -> PersonGave:
    return PersonGave(
        filled_in_by=str(labels.FILLED_IN_BY.get(application.filled_in_by, labels.NOT_GRADED)),
        proxy_name=_proxy_name(application),
        interpreter_language=(application.interpreter_language or "").strip(),
        communication_support=(application.communication_support or "").strip(),
        consents=_consents(application),
        answered_consent=bool(application.consents),
    )


def _proxy_name(application: Application) -> str | None:
    if application.proxy_authority_id is None:
        return None
    from portal.proxies.models import ProxyAuthority

    authority = get_session().get(ProxyAuthority, application.proxy_authority_id)
    return authority.proxy.name if authority else None


def _consents(application: Application) -> list[Consent]:
    """One line per kind in the order of the form; a kind never answered counts as no."""
    by_kind = {consent.kind: consent for consent in application.consents}
    result = []
    for kind in CONSENT_KINDS:
        consent = by_kind.get(kind)
        given = bool(consent and consent.given)
        result.append(Consent(
            kind=str(labels.CONSENT_KIND_TEXT[kind]), given=given,
            name=consent.name.strip() if consent else "", contact=consent.contact.strip() if consent else "",
        ))  # fmt: skip
    return result
