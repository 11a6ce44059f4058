"""Import every capability's models so the metadata is complete (Alembic, tests).

A new capability adds its models module here.
"""

from portal.api import models as api_models  # noqa: F401
from portal.applications import models as application_models  # noqa: F401
from portal.audit import models as audit_models  # noqa: F401
from portal.auth import models as auth_models  # noqa: F401
from portal.decisions import models as decision_models  # noqa: F401
from portal.extensions import Base  # noqa: F401
from portal.followups import models as followup_models  # noqa: F401
from portal.history import models as history_models  # noqa: F401
from portal.investigation import models as investigation_models  # noqa: F401
from portal.messages import models as message_models  # noqa: F401
from portal.people import models as people_models  # noqa: F401
from portal.plans import models as plan_models  # noqa: F401
from portal.proxies import models as proxy_models  # noqa: F401
