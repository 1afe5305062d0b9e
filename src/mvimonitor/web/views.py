"""Pages of the installation that belong to no domain app: the accessibility statement."""

from datetime import date

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.text import get_text_list
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from mvimonitor.web.axe_results import axe_results

#: When the statement's text was drawn up and last reviewed against the application;
#: the automatic check has its own date, in the results it shows.
STATEMENT_DATE = date(2026, 12, 7)
#: axe's impact levels in words.
IMPACTS = {
    "minor": _("minor"),
    "moderate": _("moderate"),
    "serious": _("serious"),
    "critical": _("critical"),
}


@require_GET
def accessibility_statement(request: HttpRequest) -> HttpResponse:
    """The accessibility statement (toegankelijkheidsverklaring) after the Dutch
    government's model, with the results of the last automatic check. Public."""
    results = axe_results()
    violations = [
        {
            "rule": violation.rule,
            "impact_label": IMPACTS.get(violation.impact, violation.impact),
            "help": violation.help,
            "pages": violation.pages,
        }
        for violation in results.violations
    ]
    return render(
        request,
        "web/accessibility.html",
        {
            "results": results,
            "violations": violations,
            # "375 and 1280" in the page's language.
            "widths": get_text_list([str(width) for width in results.viewports], gettext("and")),
            "statement_date": STATEMENT_DATE,
            "contact_email": settings.CONTACT_EMAIL,
        },
    )
