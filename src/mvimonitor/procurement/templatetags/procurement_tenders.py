"""Template tags of the tender register: the tenders serving an action (for the
action's page, so the plans app needs no change but one include line) and how MVI was
applied in a tender."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import template
from django.utils.formats import number_format

from mvimonitor.procurement.models import AppliedTheme, Tender
from mvimonitor.procurement.selectors.tenders import action_tenders

if TYPE_CHECKING:
    from mvimonitor.plans.models import Action

register = template.Library()


@register.simple_tag
def tenders_serving(action: Action) -> list[Tender]:
    """The tenders linked to `action` (one query)."""
    return list(action_tenders(action=action))


@register.filter
def instruments(applied: AppliedTheme) -> str:
    """ "award criterion, contract clause": how the theme is applied in the tender."""
    names = {field.name: field.verbose_name for field in AppliedTheme._meta.fields}
    labels = [str(names[name]) for name in AppliedTheme.INSTRUMENTS if getattr(applied, name)]
    return ", ".join(labels)


@register.filter(name="tender_euro")
def tender_euro(value: Any) -> str:
    """ "€ 250.000,00" in Dutch, "€ 250,000.00" in English; a dash without a value (the
    same notation as the contract pages)."""
    if value is None or value == "":
        return "\N{EN DASH}"
    return "€\N{NO-BREAK SPACE}" + number_format(value, 2, force_grouping=True)
