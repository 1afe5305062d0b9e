"""Template tags for contracts: a tender page's contracts section, and money.

    {% load procurement_contracts %}{% tender_contracts tender %}

renders templates/procurement/_tender_contracts.html with the tender's contracts and,
for members who may edit, the link to award a contract, so the tender's own view need
not know about contracts.
"""

from decimal import Decimal
from typing import Any

from django import template
from django.utils.formats import number_format

from mvimonitor.organisations.roles import can_edit_all_actions
from mvimonitor.procurement.models import Tender
from mvimonitor.procurement.selectors.contracts import tender_contracts as contracts_of

register = template.Library()


@register.inclusion_tag("procurement/_tender_contracts.html", takes_context=True)
def tender_contracts(context: template.Context, tender: Tender) -> dict[str, Any]:
    request = context["request"]
    membership = getattr(request, "membership", None)
    contracts = list(contracts_of(tender=tender))
    return {
        "request": request,
        "tender": tender,
        "contracts": contracts,
        "total": sum(
            (c.awarded_value for c in contracts if c.awarded_value is not None), Decimal(0)
        ),
        "may_edit": membership is not None and can_edit_all_actions(membership.role),
    }


@register.filter
def euro(value: Decimal | None) -> str:
    """ "€ 1.250.000,00" in Dutch ("€ 1,250,000.00" in English); a dash without an amount."""
    if value is None or value == "":
        return "\N{EN DASH}"
    return "€\N{NO-BREAK SPACE}" + number_format(value, 2, force_grouping=True)
