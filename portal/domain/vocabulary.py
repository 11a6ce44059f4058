"""Closed sets of values from the IBIC process (see shared domain brief).

Values are stable English identifiers stored in the database; the Swedish
words a person sees come from the templates through Flask-Babel.
"""

from enum import IntEnum, StrEnum


class DifficultyLevel(IntEnum):
    """The ICF generic qualifier, used for assessment and self-assessment."""

    NONE = 0
    MILD = 1
    MODERATE = 2
    SEVERE = 3
    COMPLETE = 4
    NOT_SPECIFIED = 8
    NOT_APPLICABLE = 9

    @property
    def is_graded(self) -> bool:
        """True for 0-4, the steps that can be compared and averaged."""
        return self <= DifficultyLevel.COMPLETE


GRADED_LEVELS = tuple(level for level in DifficultyLevel if level.is_graded)


class SupportKind(StrEnum):
    """Inriktning på stöd."""

    SUPPORTIVE = "supportive"  # stödjande/tränande: the person takes part
    COMPENSATORY = "compensatory"  # kompenserande: someone else does it


class DecisionOutcome(StrEnum):
    GRANTED = "granted"  # beviljad
    PARTLY_GRANTED = "partly_granted"  # delvis beviljad
    REFUSED = "refused"  # avslag


class GoalAttainment(StrEnum):
    ACHIEVED = "achieved"  # uppnått
    PARTLY_ACHIEVED = "partly_achieved"  # delvis uppnått
    NOT_ACHIEVED = "not_achieved"  # inte uppnått
    NO_ANSWER = "no_answer"  # vet inte / vill inte svara


class AppealReconsideration(StrEnum):
    """Omprövning: did the kommun change its own beslut after the appeal?"""

    CHANGED = "changed"  # ändrat som personen ville: the appeal is met
    PARTLY_CHANGED = "partly_changed"  # delvis ändrat: the rest goes on to förvaltningsrätten
    UNCHANGED = "unchanged"  # inte ändrat: it goes on to förvaltningsrätten


class CommunicationResponse(StrEnum):
    """The person's answer to a kommunicering."""

    AGREE = "agree"  # "Jag håller med"
    COMMENT = "comment"  # "Jag vill säga något om det"


class FilledInBy(StrEnum):
    """Who filled in an application or a follow-up."""

    SELF = "self"
    SELF_WITH_HELP = "self_with_help"
    PROXY = "proxy"


class ProxyKind(StrEnum):
    POWER_OF_ATTORNEY = "power_of_attorney"  # fullmakt, given by the citizen
    TRUSTEE = "trustee"  # god man, appointed by court
    ADMINISTRATOR = "administrator"  # förvaltare, appointed by court


class ProxyScope(StrEnum):
    """What a proxy may do for the person; a fullmakt lists one or more."""

    READ_DECISIONS = "read_decisions"  # read beslut, plans and kommunicering; never act on them
    ACT_ON_DECISIONS = "act_on_decisions"  # appeal a beslut, answer a plan or a kommunicering
    APPLY = "apply"  # write and submit applications
    ANSWER_FOLLOW_UPS = "answer_follow_ups"
    MESSAGES = "messages"
    READ_ACCESS_LOG = "read_access_log"


# Acting on a document needs reading it: choosing the first stores the second too,
# so a fullmakt always lists, in words, everything it allows.
SCOPE_IMPLIES = {ProxyScope.ACT_ON_DECISIONS: ProxyScope.READ_DECISIONS}


def complete_scopes(chosen) -> list[str]:
    """The chosen scope values plus what they imply, in ProxyScope order, once each."""
    values = {str(v) for v in chosen}
    values |= {SCOPE_IMPLIES[ProxyScope(v)].value for v in values if v in SCOPE_IMPLIES}
    return [scope.value for scope in ProxyScope if scope.value in values]


class StaffRole(StrEnum):
    CASE_OFFICER = "case_officer"  # handläggare
    PROVIDER = "provider"  # utförare: kontaktperson and other staff of an utförare unit
    PROVIDER_MANAGER = "provider_manager"  # enhetschef of an utförare unit
    ANALYST = "analyst"  # reads aggregated statistics only
    ADMIN = "admin"


class AccessAction(StrEnum):
    """What an access-log entry records; never free text."""

    READ = "read"
    CREATE = "create"
    UPDATE = "update"
    DELETE = "delete"
    SUBMIT = "submit"
    EXPORT = "export"
    LOGIN = "login"
    LOGIN_FAILED = "login_failed"
    LOGOUT = "logout"
    DENIED = "denied"
