"""What the plan-export and plan-import commands share."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from mvimonitor.exchange.selectors import plans_matching

if TYPE_CHECKING:
    from mvimonitor.plans.models import ActionPlan

#: Exit status for a PLAN argument that names no plan, or more than one.
BAD_PLAN = 2


def resolve_plan(reference: str) -> ActionPlan:
    """The plan named `ORG/PLAN`, or by a plan slug that only one organisation uses."""
    plans = plans_matching(reference=reference)
    if len(plans) == 1:
        return plans[0]
    if not plans:
        raise CommandError(
            _(
                "There is no plan “%(plan)s”. "
                "Name it as ORGANISATION/PLAN, e.g. helmond/helmond-mvi."
            )
            % {"plan": reference},
            returncode=BAD_PLAN,
        )
    candidates = "\n".join(f"  {p.organisation.slug}/{p.slug}" for p in plans)
    raise CommandError(
        _("More than one organisation has a plan “%(plan)s”; name one of these:\n%(candidates)s")
        % {"plan": reference, "candidates": candidates},
        returncode=BAD_PLAN,
    )
