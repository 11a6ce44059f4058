"""Import every capability's models so metadata is complete (Alembic, tests)."""

from portal.applications.models import (  # noqa: F401
    Application,
    Assessment,
    ConsentToContact,
    Goal,
    NeedDescription,
    RelatedFactor,
    SelfAssessment,
)
from portal.audit.models import AccessLogEntry  # noqa: F401
from portal.auth.models import WebSession  # noqa: F401
from portal.decisions.models import Appeal, Decision, DecisionItem, DecisionItemLifeArea  # noqa: F401
from portal.extensions import Base  # noqa: F401
from portal.followups.models import FollowUp, GoalEvaluation, SurveyAnswer  # noqa: F401
from portal.messages.models import Message, Notification  # noqa: F401
from portal.people.models import Citizen, StaffUser, Unit  # noqa: F401
from portal.plans.models import (  # noqa: F401
    Assignment,
    ImplementationPlan,
    PlanActivity,
    PlanChangeRequest,
    PlanResponse,
    PlanSubGoal,
)
from portal.proxies.models import ProxyAuthority  # noqa: F401
