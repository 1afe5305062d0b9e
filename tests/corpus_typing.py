"""Typing text into every text field of the app's forms, as a browser would: the form is
read from the page (its fields and their current values), every text field gets the
text (cut to the field's `maxlength`, as a browser cuts what is typed; a textarea has
none, so its text is cut to `TEXTAREA_MAX`), and the form is sent back through the real
view. Used by the tests that send the hostile corpus (tests/hostile.py) through the
forms and read it back from every output.

A text field is every <textarea> and <input type="text"> of the form, except those
named in `CODED`, which take codes the form checks (a web address, a KvK number, CPV
codes): a new text field is typed into without any change here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from html.parser import HTMLParser
from typing import Any

from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from mvimonitor.accounts.models import User
from mvimonitor.monitoring.sections import registered
from mvimonitor.organisations.models import Invitation, Organisation
from mvimonitor.plans.models import Action, ActionPlan
from mvimonitor.procurement.models import Tender
from mvimonitor.review.models import COMMENT_MAX_LENGTH
from tests.factories.accounts import PASSWORD

#: Text inputs that take a code the form checks, not free text.
#: A textarea carries no maxlength (a browser would cut a paste without a word; ADR
#: 0023), so the text typed into one is cut to the smallest maximum of a long text, a
#: review comment's: the 100,000-character word still goes in as a word far longer than
#: any column. Longer text is refused with a message, which tests/kernel and the form
#: tests check.
TEXTAREA_MAX = COMMENT_MAX_LENGTH

CODED = {"slug", "kvk_number", "new_supplier_kvk", "cpv_codes", "criteria_ids", "reminder_days"}
MONITOR_DAY = date(2017, 9, 20)


@dataclass
class _Field:
    name: str
    kind: str  # "text" (free text), or the input's type, "select", "textarea"
    value: str = ""
    maxlength: int | None = None
    options: list[tuple[str, bool]] = field(default_factory=list)  # (value, selected)


class _Forms(HTMLParser):
    """The forms of a page with their fields."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[list[_Field]] = []
        self.actions: list[str] = []
        self._current: _Field | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self.forms.append([])
            self.actions.append(a.get("action", "") or a.get("hx-post", ""))
        elif tag == "option" and self._current is not None:
            self._current.options.append((a.get("value", ""), "selected" in a))
        elif not self.forms or "name" not in a or "disabled" in a:
            return
        elif tag == "input":
            kind = a.get("type", "text")
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            if kind not in ("submit", "button", "file", "image", "reset"):
                self.forms[-1].append(
                    _Field(a["name"], kind, a.get("value", ""), _int(a.get("maxlength")))
                )
        elif tag in ("textarea", "select"):
            self._current = _Field(a["name"], tag, "", _int(a.get("maxlength")))
            self.forms[-1].append(self._current)

    def handle_data(self, data: str) -> None:
        if self._current is not None and self._current.kind == "textarea":
            self._current.value += data

    def handle_endtag(self, tag: str) -> None:
        if tag in ("textarea", "select"):
            self._current = None


def _int(value: str | None) -> int | None:
    return int(value) if value else None


def _value(f: _Field) -> str:
    if f.kind == "select":
        # Nothing but the empty choice selected: the first real one, as a user picks one.
        chosen = [v for v, selected in f.options if selected and v] or [
            v for v, _ in f.options if v
        ]
        return chosen[0] if chosen else ""
    return f.value.removeprefix("\n") if f.kind == "textarea" else f.value


def _base(f: _Field) -> str:
    """The field's name without the form's prefix ("item-3-result": "result")."""
    return f.name.rsplit("-", 1)[-1]


def is_free_text(f: _Field) -> bool:
    return f.kind in ("text", "textarea") and _base(f) not in CODED


def type_into(client: Client, url: str, text: str, *, marker: str, **values: Any) -> dict[str, str]:
    """Send the form of the page at `url` that has a field named `marker`, with `text` in
    every free text field and `values` in the fields they name. Returns what was sent;
    fails unless the view accepts it (a redirect, or 204 for htmx)."""
    page = client.get(url)
    assert page.status_code == 200, (url, page.status_code)
    parser = _Forms()
    parser.feed(page.content.decode())
    found = [n for n, f in enumerate(parser.forms) if any(_base(x) == marker for x in f)]
    assert found, (url, marker, [[x.name for x in f] for f in parser.forms])
    number = found[0]
    form, target = parser.forms[number], parser.actions[number] or url
    data: dict[str, Any] = {}
    for f in form:
        typed = text[: f.maxlength or TEXTAREA_MAX]
        data[f.name] = typed if is_free_text(f) else _value(f)
        if _base(f) in values:
            data[f.name] = str(values.pop(_base(f)))
    data.update({name: str(value) for name, value in values.items()})
    response = client.post(target, data)
    errors = _form_errors(response)
    assert response.status_code in (302, 204), (target, response.status_code, errors, data)
    return data


def _form_errors(response: Any) -> dict[str, Any]:
    """The errors of the forms a refusing page shows, to say why in a failure."""
    contexts = response.context or []
    contexts = [contexts] if hasattr(contexts, "flatten") else contexts
    return {
        name: value.errors
        for context in contexts
        for name, value in context.flatten().items()
        if getattr(value, "errors", None)
    }


@dataclass
class Typed:
    """One text typed through the forms: the plan that holds it everywhere."""

    text: str
    plan: ActionPlan


def _plan_url(name: str, plan: ActionPlan, **kwargs: Any) -> str:
    return reverse(
        name, kwargs={"org_slug": plan.organisation.slug, "plan_slug": plan.slug, **kwargs}
    )


def _org_url(name: str, organisation: Organisation, **kwargs: Any) -> str:
    return reverse(name, kwargs={"org_slug": organisation.slug, **kwargs})


def type_everywhere(
    client: Client, *, organisation: Organisation, coordinator: User, number: int, text: str
) -> Typed:
    """`text` in every free text field of a new plan, its records and the organisation's
    tender register, typed through the forms by the organisation's coordinator (logged
    in on `client`). The plan's one action has an owner, invited by e-mail, who accepts
    with `text` as their name and answers the update round with it."""
    org = organisation
    slug = f"plan-{number}"
    type_into(
        client,
        _org_url("plans:create", org),
        text,
        marker="period_names",
        # One period name per line, each at most 200 characters (the text area has no
        # maxlength, as it holds several; the form refuses a longer name).
        period_names=text[:200],
        slug=slug,
        adopted_on=date(2017, 1, 10),
        starts_on=date(2017, 1, 1),
        ends_on=date(2020, 12, 31),
    )
    plan = ActionPlan.objects.get(organisation=org, slug=slug)
    type_into(client, _org_url("plans:org_themes", org), text, marker="name_en")
    owner = _owner(client, org, email=f"eigenaar-{number}@{org.slug}.example.nl", text=text)
    client.force_login(coordinator)
    _plan_records(client, plan, owner, text)
    _register(client, org, text, number)
    client.force_login(owner)
    type_into(client, reverse("my_actions:list"), text, marker="result")
    client.force_login(coordinator)
    return Typed(text=text, plan=plan)


def _plan_records(client: Client, plan: ActionPlan, owner: User, text: str) -> None:
    type_into(
        client,
        _plan_url("plans:action_create", plan),
        text,
        marker="title",
        owner=owner.pk,
        owner_name="",  # a member or a name, not both; the import types the name
        to_status="not_started",
        start_date=date(2017, 3, 1),
        due_date=date(2017, 10, 31),
        status_since=date(2017, 3, 1),
        added_on=date(2017, 3, 1),
        effective_on=date(2017, 3, 1),
    )
    action = Action.objects.get(plan=plan)
    type_into(
        client,
        _plan_url("plans:action_detail", plan, pk=action.pk),
        text,
        marker="to_status",
        to_status="running",
        effective_on=date(2017, 8, 1),
    )
    type_into(
        client,
        _plan_url("monitoring:create", plan),
        text,
        marker="summary",
        date=MONITOR_DAY,
        next_monitor_on=date(2017, 11, 22),
    )
    # The commentary under one section (planned actions); the others left empty.
    others = [s.id for s in registered() if s.id != "planned"]
    type_into(
        client,
        _plan_url("monitoring:edit", plan, day=MONITOR_DAY),
        text,
        marker="commentary_planned",
        **{f"commentary_{section_id}": "" for section_id in others},
    )
    type_into(
        client,
        _plan_url("monitoring:attention_points", plan),
        text,
        marker="text",
        date=date(2017, 9, 25),
    )
    type_into(
        client,
        _plan_url("monitoring:communication", plan),
        text,
        marker="channel",
        date=date(2017, 9, 5),
    )
    type_into(client, _plan_url("review:plan", plan), text, marker="body")
    type_into(client, _plan_url("plans:action_detail", plan, pk=action.pk), text, marker="body")
    type_into(
        client,
        _plan_url("targets:create", plan),
        text,
        marker="title",
        target_value=10,
        instrument="",
        starts_on=date(2017, 1, 1),
        deadline=date(2020, 12, 31),
    )
    type_into(
        client,
        _plan_url("rounds:open", plan, day=MONITOR_DAY),
        text,
        marker="message",
        deadline=date(2017, 9, 15),
    )


def _register(client: Client, org: Organisation, text: str, number: int) -> None:
    """A tender with a phase change and a theme applied, a supplier and a contract."""
    before = set(Tender.objects.filter(organisation=org).values_list("pk", flat=True))
    type_into(
        client,
        _org_url("procurement:tender_create", org),
        text,
        marker="buyer_name",
        reference=_unique(text, number),
        buyer="",  # a member or a name: the name is typed
        registered_on=date(2017, 4, 1),
        planned_publication_on=date(2017, 10, 1),
    )
    tender = Tender.objects.filter(organisation=org).exclude(pk__in=before).get()
    type_into(
        client,
        _org_url("procurement:tender_phase", org, pk=tender.pk),
        text,
        marker="note",
        effective_on=date(2017, 9, 1),
    )
    type_into(
        client,
        _org_url("procurement:tender_theme", org, pk=tender.pk),
        text,
        marker="note",
        as_award="on",
    )
    type_into(client, _org_url("procurement:supplier_create", org), text, marker="city")
    type_into(
        client,
        _org_url("procurement:contract_create", org),
        text,
        marker="lot",
        reference=_unique(text, number),
        tender=tender.pk,
        supplier="",  # a new one, typed in the contract form
        awarded_on=date(2017, 8, 1),
        starts_on=date(2018, 1, 1),
        ends_on=date(2019, 12, 31),
    )


def _unique(text: str, number: int) -> str:
    """A reference (at most 60 characters, unique in the organisation) that starts as
    `text` does: "=1+1" and "\t=1+1" are the same once trimmed."""
    return f"{text.strip()[:50]} {number}"


def _owner(client: Client, org: Organisation, *, email: str, text: str) -> User:
    """A new owner, invited through the members page and named `text` on accepting."""
    type_into(client, _org_url("organisations:invite", org), text, marker="email", email=email)
    invitation = Invitation.objects.get(email=email)
    client.logout()
    type_into(
        client,
        reverse("accounts:invitation_accept", kwargs={"token": invitation.token}),
        text,
        marker="full_name",
        password=PASSWORD,
        password_confirm=PASSWORD,
    )
    return get_user_model().objects.get(email=email)
