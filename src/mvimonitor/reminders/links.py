"""Absolute links for e-mails sent outside a request: settings.BASE_URL plus a path."""

from urllib.parse import urlencode

from django.conf import settings
from django.urls import reverse

from mvimonitor.accounts.models import User
from mvimonitor.plans.models import Action
from mvimonitor.rounds.models import UpdateRound


def absolute(path: str) -> str:
    return settings.BASE_URL.rstrip("/") + path


def _plan_kwargs(round: UpdateRound) -> dict[str, str]:
    plan = round.monitor.plan
    return {"org_slug": plan.organisation.slug, "plan_slug": plan.slug}


def my_actions_url(*, round: UpdateRound, user: User) -> str:
    """The plan's action list filtered on the owner (until "Mijn acties" exists)."""
    path = reverse("plans:action_list", kwargs=_plan_kwargs(round))
    return absolute(f"{path}?{urlencode({'owner': f'user:{user.pk}'})}")


def action_url(*, round: UpdateRound, action: Action) -> str:
    return absolute(reverse("plans:action_detail", kwargs={**_plan_kwargs(round), "pk": action.pk}))


def round_url(*, round: UpdateRound) -> str:
    """The round's progress for the coordinator (the monitor's page until the round page
    exists)."""
    kwargs = {**_plan_kwargs(round), "day": round.monitor.date}
    return absolute(reverse("monitoring:detail", kwargs=kwargs))


def preferences_url() -> str:
    return absolute(reverse("reminders:preferences"))
