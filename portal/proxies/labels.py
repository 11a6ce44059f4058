"""Words a person sees for fullmakt kinds, scopes and states (lazy: built at import)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from portal.domain.vocabulary import ProxyKind, ProxyScope

KIND_LABELS = {
    ProxyKind.POWER_OF_ATTORNEY.value: _l("Fullmakt"),
    ProxyKind.TRUSTEE.value: _l("God man"),
    ProxyKind.ADMINISTRATOR.value: _l("Förvaltare"),
}

# The one table of words for scopes: the person's forms, the fullmakt, the chooser,
# the registerutdrag and the handläggare's god man form all read it.
# Ordered as the person meets them in the form.
SCOPE_LABELS = {
    ProxyScope.READ_DECISIONS.value: _l("Läsa beslut och planer"),
    ProxyScope.ACT_ON_DECISIONS.value: _l("Svara på planer och överklaga beslut"),
    ProxyScope.ANSWER_FOLLOW_UPS.value: _l("Svara på uppföljningar"),
    ProxyScope.APPLY.value: _l("Skriva och skicka ansökningar"),
    ProxyScope.MESSAGES.value: _l("Läsa och skicka meddelanden"),
    ProxyScope.READ_ACCESS_LOG.value: _l("Se vem som har läst uppgifterna"),
}

SCOPE_HINTS = {
    ProxyScope.READ_DECISIONS.value: _l("Bara läsa. Inte svara och inte överklaga."),
    ProxyScope.ACT_ON_DECISIONS.value: _l(
        "Också svara kommunen före ett beslut. Då väljs också Läsa beslut och planer."),
    ProxyScope.ANSWER_FOLLOW_UPS.value: _l("Berätta hur stödet fungerar."),
    ProxyScope.APPLY.value: _l("Också läsa dina ansökningar."),
    ProxyScope.MESSAGES.value: _l("Skriva till din handläggare."),
    ProxyScope.READ_ACCESS_LOG.value: _l("Se vem som har läst dina uppgifter i Mitt stöd."),
}

STATE_LABELS = {
    "requested": _l("Väntar på svar"),
    "awaiting_confirmation": _l("Väntar på att kommunen bekräftar"),
    "upcoming": _l("Börjar gälla senare"),
    "active": _l("Gäller"),
    "declined": _l("Nej tack"),
    "revoked": _l("Borttagen av den som gav den"),
    "ended_by_proxy": _l("Avslutad av ombudet"),
    "ended_by_staff": _l("Avslutad av kommunen"),
    "expired": _l("Har slutat gälla"),
}


def scope_label(value: str) -> str:
    return str(SCOPE_LABELS.get(value, value))


def kind_label(value: str) -> str:
    return str(KIND_LABELS.get(value, value))
