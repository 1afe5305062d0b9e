"""What the plan views share beyond the web kit (mvimonitor.web.kit): the statuses a
member may move an action to."""

from mvimonitor.plans.models import Action
from mvimonitor.plans.workflow import Status, allowed_targets
from mvimonitor.web.kit import OrganisationRequest, is_coordinator


def status_targets(request: OrganisationRequest, action: Action) -> list[Status]:
    return allowed_targets(Status(action.status), is_coordinator=is_coordinator(request))
