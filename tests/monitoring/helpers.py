"""Small helpers shared by the monitoring tests."""

from datetime import date

from django.urls import reverse

from mvimonitor.plans import services as plan_services
from mvimonitor.plans.models import Action
from mvimonitor.plans.workflow import Status


def url(name: str, **kwargs) -> str:
    """A monitoring URL of the world's plan (helmond/helmond-mvi)."""
    return reverse(
        f"monitoring:{name}", kwargs={"org_slug": "helmond", "plan_slug": "helmond-mvi", **kwargs}
    )


def change(action: Action, to: Status, on: date, note: str = "") -> None:
    """Change an action's status through the service, effective on `on`."""
    action.refresh_from_db()
    plan_services.action_change_status(
        action=action, to_status=to, by=None, effective_on=on, note=note
    )
