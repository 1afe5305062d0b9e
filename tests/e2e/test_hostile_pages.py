"""The hostile corpus in Chromium: markup and script typed into every text field through
the real forms (tests/corpus_typing.py) stays text on every page that shows it. Each
page has exactly the elements of the same page whose texts are plain, opens no dialog,
links to nowhere the text names, and breaks no rule of the Content-Security-Policy
(the `page` fixture fails on a violation in the console; the pages' own
`securitypolicyviolation` events are collected too). The app sends its CSP without a
report URI, so the browser is where violations are seen.

Only the entries with markup (tests/hostile.MARKUP) go through the browser: text
without `<`, `&` or quotes cannot make an element; every entry goes through the files
in tests/test_hostile_corpus.py. One browser session for all pages.
"""

from collections import Counter
from datetime import datetime
from zoneinfo import ZoneInfo

import time_machine
from django.urls import reverse
from playwright.sync_api import Page

from mvimonitor.monitoring.models import Monitor
from mvimonitor.organisations.roles import Role
from mvimonitor.plans.models import Action, ActionPlan
from mvimonitor.procurement.models import Contract, Supplier, Tender
from mvimonitor.targets.models import Target
from tests.corpus_typing import MONITOR_DAY, type_everywhere
from tests.e2e.conftest import log_in
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory
from tests.factories.accounts import PASSWORD
from tests.hostile import MARKUP

TYPED_ON = datetime(2017, 9, 12, 12, tzinfo=ZoneInfo("Europe/Amsterdam"))
PLAIN = "Gewone tekst"

# Run in the page before its own scripts: violations of the policy, and what a
# dialog would have said.
WATCH = """
window.__violations = [];
document.addEventListener("securitypolicyviolation",
    (event) => window.__violations.push(event.violatedDirective + " " + event.blockedURI));
"""
ELEMENTS = "() => Array.from(document.querySelectorAll('*'), (element) => element.tagName)"
# Attributes that load or run what they name (text in an aria-label or a value is text).
SUSPECT = """() => Array.from(document.querySelectorAll('*')).flatMap((element) =>
    Array.from(element.attributes)
        .filter((a) => a.name.startsWith('on') || (
            /^(href|src|srcset|action|formaction|poster|data|xlink:href|hx-.*)$/.test(a.name)
            && /javascript:|evil\\.example/i.test(a.value)))
        .map((a) => element.tagName + ' ' + a.name + '=' + a.value))"""


def type_organisations(client, coordinator) -> None:
    """ "helmond": a plan per markup entry; "gewoon": as many plans with plain text, so
    that the lists of the organisation (tenders in the report, members and themes in
    the filters) are as long in both."""
    plain = tuple(f"{PLAIN} {number}" for number in range(len(MARKUP)))
    for slug, texts in (("helmond", MARKUP), ("gewoon", plain)):
        organisation = OrganisationFactory(name=f"Gemeente {slug}", slug=slug)
        MembershipFactory(user=coordinator, organisation=organisation, role=Role.COORDINATOR)
        client.force_login(coordinator)
        with time_machine.travel(TYPED_ON, tick=False):
            for number, text in enumerate(texts):
                type_everywhere(
                    client,
                    organisation=organisation,
                    coordinator=coordinator,
                    number=number,
                    text=text,
                )


def pages_of(plan: ActionPlan) -> dict[str, str]:
    """The pages that show the plan's texts and its tender register's."""
    org, kwargs = plan.organisation, {"org_slug": plan.organisation.slug, "plan_slug": plan.slug}
    action = Action.objects.get(plan=plan)
    number = int(plan.slug.rsplit("-", 1)[1])
    tender = Tender.objects.get(organisation=org, reference__endswith=f" {number}")
    contract = Contract.objects.get(organisation=org, reference__endswith=f" {number}")
    supplier = Supplier.objects.filter(organisation=org).order_by("pk")[2 * number]
    day = Monitor.objects.get(plan=plan).date
    org_kwargs = {"org_slug": org.slug}
    return {
        "plan": reverse("plans:detail", kwargs=kwargs),
        "plan edit": reverse("plans:edit", kwargs=kwargs),
        "actions": reverse("plans:action_list", kwargs=kwargs),
        "action": reverse("plans:action_detail", kwargs={**kwargs, "pk": action.pk}),
        "action edit": reverse("plans:action_edit", kwargs={**kwargs, "pk": action.pk}),
        "monitor": reverse("monitoring:detail", kwargs={**kwargs, "day": day}),
        "monitor edit": reverse("monitoring:edit", kwargs={**kwargs, "day": day}),
        "attention points": reverse("monitoring:attention_points", kwargs=kwargs),
        "communication": reverse("monitoring:communication", kwargs=kwargs),
        "target": reverse(
            "targets:detail", kwargs={**kwargs, "pk": Target.objects.get(plan=plan).pk}
        ),
        "review": reverse("review:plan", kwargs=kwargs),
        "round": reverse("rounds:detail", kwargs={**kwargs, "day": MONITOR_DAY}),
        "tender": reverse("procurement:tender_detail", kwargs={**org_kwargs, "pk": tender.pk}),
        "contract": reverse(
            "procurement:contract_detail", kwargs={**org_kwargs, "pk": contract.pk}
        ),
        "supplier": reverse(
            "procurement:supplier_detail", kwargs={**org_kwargs, "pk": supplier.pk}
        ),
    }


def look(page: Page, path: str, dialogs: list[str]) -> tuple[Counter, list[str]]:
    """The page's elements by tag, and what on it could act: event handler attributes,
    `javascript:` or the payloads' addresses in an attribute, policy violations and
    dialogs."""
    response = page.goto(path)
    assert response is not None and response.status == 200, (path, response)
    suspect = page.evaluate(SUSPECT) + page.evaluate("() => window.__violations || []")
    return Counter(page.evaluate(ELEMENTS)), suspect + dialogs


def test_markup_typed_into_every_field_stays_text_on_every_page(page: Page, client, db):
    coordinator = UserFactory(email="coordinator@helmond.example.nl")
    type_organisations(client, coordinator)
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.add_init_script(WATCH)
    log_in(page, coordinator.email, PASSWORD)
    for number in range(len(MARKUP)):
        # The plan of the same number in the plain organisation was typed at the same
        # point: it has as many themes of the organisation to choose from.
        hostile, plain = (
            pages_of(ActionPlan.objects.get(organisation__slug=slug, slug=f"plan-{number}"))
            for slug in ("helmond", "gewoon")
        )
        for name, path in hostile.items():
            expected = look(page, plain[name], dialogs)[0]
            elements, suspect = look(page, path, dialogs)
            assert suspect == [], (MARKUP[number], name)
            assert elements == expected, (MARKUP[number], name, elements - expected)
