"""Absolute links for e-mails sent outside a request: settings.BASE_URL plus a path."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.urls import reverse

if TYPE_CHECKING:
    from mvimonitor.plans.models import Action
    from mvimonitor.rounds.models import UpdateRound


def absolute(path: str) -> str:
    return settings.BASE_URL.rstrip("/") + path


def _plan_kwargs(round: UpdateRound) -> dict[str, str]:
    plan = round.monitor.plan
    return {"org_slug": plan.organisation.slug, "plan_slug": plan.slug}


def my_actions_url(*, round: UpdateRound) -> str:
    """ "Mijn acties", at the round's plan (the page lists the user's items of every open
    round)."""
    return absolute(f"{reverse('my_actions:list')}#plan-{round.monitor.plan_id}")


def action_url(*, round: UpdateRound, action: Action) -> str:
    return absolute(reverse("plans:action_detail", kwargs={**_plan_kwargs(round), "pk": action.pk}))


def round_url(*, round: UpdateRound) -> str:
    """The round's page: progress per owner, nudges."""
    kwargs = {**_plan_kwargs(round), "day": round.monitor.date}
    return absolute(reverse("rounds:detail", kwargs=kwargs))


def preferences_url() -> str:
    return absolute(reverse("reminders:preferences"))
