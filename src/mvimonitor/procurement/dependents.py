"""What the tender register holds of a plan's actions, for undoing an import and
deleting a plan (plans.dependents). Tenders belong to the organisation, not to a plan:
deleting a plan only removes their links to its actions.

The link of a tender to an action has no date of its own; every link is made by
`tender_link_actions`, which raises the tender's version and `updated_at`, so a tender
changed after the import counts as linked after it."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from datetime import datetime
from typing import TYPE_CHECKING

from django.db.models import F, Model
from django.utils import timezone
from django.utils.translation import ngettext

from mvimonitor.audit.base import audited
from mvimonitor.kernel.natural import natural_sort_key
from mvimonitor.plans.dependents import Dependent, codes_text
from mvimonitor.procurement.models import Tender

if TYPE_CHECKING:
    from mvimonitor.plans.models import ActionPlan


def action_uses(*, plan: ActionPlan, action_ids: Collection[int], since: datetime) -> list[str]:
    links = (
        Tender.actions.through.objects.filter(
            action_id__in=list(action_ids), tender__updated_at__gte=since
        )
        .values_list("action__code", "tender__reference")
        .order_by("tender__reference_sort_key")
    )
    codes = {code for code, _reference in links}
    if not codes:
        return []
    references = sorted({reference for _code, reference in links}, key=natural_sort_key)
    return [
        ngettext(
            "Action %(codes)s was linked to a tender after the import (%(tenders)s).",
            "Actions %(codes)s were linked to a tender after the import (%(tenders)s).",
            len(codes),
        )
        % {"codes": codes_text(codes), "tenders": codes_text(references)}
    ]


def plan_removal(*, plan: ActionPlan) -> None:
    """Unlink the plan's actions from every tender; each such tender's version rises,
    so a tender page opened before does not link them again."""
    links: dict[Model, list[int]] = defaultdict(list)
    rows = Tender.actions.through.objects.filter(action__plan=plan).select_related("tender")
    for row in rows:
        links[row.tender].append(row.action_id)
    if not links:
        return
    audited(Tender).unlink_many("actions", links)
    audited(Tender).filter(pk__in=[tender.pk for tender in links]).update(
        version=F("version") + 1, updated_at=timezone.now()
    )


DEPENDENT = Dependent(name="procurement", action_uses=action_uses, plan_removal=plan_removal)
