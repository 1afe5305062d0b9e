"""Filters and sorting of the action list, shared by the list page and the Excel export:

    ActionFilterSet(request.GET, queryset=selectors.plan_actions(plan=plan)).qs

Pass `plan=` when rendering the form (the list page does); without it the plan is read
from the queryset. Withdrawn actions are left out unless the `withdrawn` filter asks
for them. Every action comes annotated with `late_reason` today (plans.lateness), which
the list shows and the filter "late" keeps. Unknown filter or sort values are ignored,
never an error.
"""

from typing import Any

import django_filters
from django import forms
from django.db.models import Case, F, OrderBy, Q, QuerySet, Value, When
from django.db.models.functions import Coalesce, Lower, NullIf
from django.utils.translation import gettext_lazy as _

from mvimonitor.organisations.selectors import member_users
from mvimonitor.plans.models import Action, ActionPlan, Period, Theme
from mvimonitor.plans.selectors import themes_for_organisation, with_late_reason
from mvimonitor.plans.workflow import STATUS_ORDER
from mvimonitor.utils.dates import today

NO_OWNER = "none"
WITHDRAWN_INCLUDE = "include"
WITHDRAWN_ONLY = "only"

#: The columns the list can be sorted on; "-<column>" sorts descending.
SORT_COLUMNS = ("code", "title", "period", "status", "owner", "due_date")


def _sort_expressions(column: str, descending: bool) -> list[OrderBy]:
    status_rank = Case(
        *(When(status=s.value, then=Value(i)) for i, s in enumerate(STATUS_ORDER)),
        default=Value(99),
    )
    owner = Lower(
        Coalesce(NullIf(F("owner__full_name"), Value("")), F("owner__email"), F("owner_name"))
    )
    expressions: dict[str, list[Any]] = {
        "code": [F("code_sort_key")],
        "title": [Lower("title")],
        "period": [F("period__position"), F("period_id")],
        "status": [status_rank],
        "owner": [owner],
        "due_date": [F("due_date")],
    }
    return [
        e.desc(nulls_last=True) if descending else e.asc(nulls_last=True)
        for e in expressions[column]
    ]


class ActionFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_text", label=_("Search"))
    period = django_filters.ModelChoiceFilter(
        queryset=Period.objects.none(), label=_("Period"), empty_label=_("All periods")
    )
    status = django_filters.MultipleChoiceFilter(
        choices=[(s.value, s.label) for s in STATUS_ORDER],
        label=_("Status"),
        widget=forms.CheckboxSelectMultiple,
    )
    theme = django_filters.ModelChoiceFilter(
        field_name="themes",
        queryset=Theme.objects.none(),
        label=_("Theme"),
        empty_label=_("All themes"),
    )
    owner = django_filters.ChoiceFilter(
        method="filter_owner", label=_("Owner"), empty_label=_("All owners")
    )
    late = django_filters.BooleanFilter(
        method="filter_late",
        label=_("Only late actions"),
        widget=forms.CheckboxInput,
    )
    withdrawn = django_filters.ChoiceFilter(
        method="filter_withdrawn",
        label=_("Withdrawn actions"),
        empty_label=_("Hide withdrawn actions"),
        choices=[
            (WITHDRAWN_INCLUDE, _("Also show withdrawn actions")),
            (WITHDRAWN_ONLY, _("Only withdrawn actions")),
        ],
    )
    sort = django_filters.ChoiceFilter(
        method="sort_by",
        label=_("Sort by"),
        empty_label=_("Plan order"),
        choices=[(c, c) for c in SORT_COLUMNS] + [(f"-{c}", f"-{c}") for c in SORT_COLUMNS],
    )

    class Meta:
        model = Action
        fields = ["q", "period", "status", "theme", "owner", "late", "withdrawn", "sort"]

    def __init__(
        self,
        data: Any = None,
        queryset: QuerySet[Action] | None = None,
        *,
        plan: ActionPlan | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(data, queryset=queryset, **kwargs)
        if plan is None:
            plan = ActionPlan.objects.filter(pk__in=self.queryset.values("plan_id")).first()
        if plan is None:
            return
        self.filters["period"].queryset = Period.objects.filter(plan=plan)
        self.filters["theme"].queryset = themes_for_organisation(organisation=plan.organisation)
        self.filters["owner"].extra["choices"] = lambda: self._owner_choices(plan)

    def _owner_choices(self, plan: ActionPlan) -> list[tuple[Any, Any]]:
        members = member_users(organisation=plan.organisation)
        names = (
            Action.objects.filter(plan=plan)
            .exclude(owner_name="")
            .order_by("owner_name")
            .values_list("owner_name", flat=True)
            .distinct()
        )
        return [
            (NO_OWNER, _("No owner")),
            (_("Members"), [(f"user:{u.pk}", u.display_name) for u in members]),
            (_("Owners without an account"), [(f"name:{n}", n) for n in names]),
        ]

    def filter_text(self, queryset: QuerySet[Action], name: str, value: str) -> QuerySet[Action]:
        text = value.strip()
        return queryset.filter(
            Q(code__icontains=text)
            | Q(title__icontains=text)
            | Q(description__icontains=text)
            | Q(result__icontains=text)
        )

    def filter_owner(self, queryset: QuerySet[Action], name: str, value: str) -> QuerySet[Action]:
        if value == NO_OWNER:
            return queryset.filter(owner__isnull=True, owner_name="")
        kind, _sep, key = value.partition(":")
        if kind == "user" and key.isdigit():
            return queryset.filter(owner_id=int(key))
        return queryset.filter(owner_name=key)

    def filter_late(self, queryset: QuerySet[Action], name: str, value: bool) -> QuerySet[Action]:
        # late_reason: annotated by filter_queryset, before the filters run
        return queryset.filter(Q(late_reason__isnull=False)) if value else queryset

    def filter_withdrawn(
        self, queryset: QuerySet[Action], name: str, value: str
    ) -> QuerySet[Action]:
        if value == WITHDRAWN_ONLY:
            return queryset.filter(withdrawn_on__isnull=False)
        return queryset

    def sort_by(self, queryset: QuerySet[Action], name: str, value: str) -> QuerySet[Action]:
        column = value.removeprefix("-")
        return queryset.order_by(
            *_sort_expressions(column, value.startswith("-")), "code_sort_key", "pk"
        )

    def filter_queryset(self, queryset: QuerySet[Action]) -> QuerySet[Action]:
        # Hiding withdrawn actions is the default, so it applies when the filter is empty.
        if not self.form.cleaned_data.get("withdrawn"):
            queryset = queryset.filter(withdrawn_on__isnull=True)
        # Late today (plans.lateness): the list marks each late row, the filter keeps them.
        queryset = with_late_reason(queryset, on=today())
        return super().filter_queryset(queryset)

    @property
    def sort_value(self) -> str:
        """The sort in effect ("" for plan order), for the column headers."""
        self.form.errors  # noqa: B018 - validates the form, filling cleaned_data
        return str(self.form.cleaned_data.get("sort") or "")
