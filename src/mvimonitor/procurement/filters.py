"""Filters of the tender register's list:

    TenderFilterSet(request.GET, queryset=organisation_tenders(organisation=org),
                    organisation=org).qs

Unknown filter values are ignored, never an error (as the action list's)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from mvimonitor.plans.selectors import themes_for_organisation
from mvimonitor.procurement.models import Tender
from mvimonitor.procurement.phases import PHASE_ORDER
from mvimonitor.procurement.selectors.tenders import has_mvi_expression, tender_departments

if TYPE_CHECKING:
    from mvimonitor.organisations.models import Organisation

MVI_YES, MVI_NO = "yes", "no"


class TenderFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_text", label=_("Search"))
    phase = django_filters.MultipleChoiceFilter(
        choices=[(p.value, p.label) for p in PHASE_ORDER],
        label=_("Phase"),
        widget=forms.CheckboxSelectMultiple,
    )
    theme = django_filters.ModelChoiceFilter(
        field_name="applied_themes__theme",
        queryset=None,  # the organisation's themes, set in __init__
        label=_("MVI theme applied"),
        empty_label=_("All themes"),
    )
    department = django_filters.ChoiceFilter(
        label=_("Department"), empty_label=_("All departments")
    )
    has_mvi = django_filters.ChoiceFilter(
        method="filter_has_mvi",
        label=_("MVI impact"),
        empty_label=_("With and without MVI"),
        choices=[(MVI_YES, _("With MVI applied")), (MVI_NO, _("Without MVI applied"))],
    )

    class Meta:
        model = Tender
        fields = ["q", "phase", "theme", "department", "has_mvi"]

    def __init__(
        self,
        data: Any = None,
        queryset: QuerySet[Tender] | None = None,
        *,
        organisation: Organisation,
        **kwargs: Any,
    ) -> None:
        super().__init__(data, queryset=queryset, **kwargs)
        self.filters["theme"].queryset = themes_for_organisation(organisation=organisation)
        self.filters["department"].extra["choices"] = lambda: [
            (d, d) for d in tender_departments(organisation=organisation)
        ]

    def filter_text(self, queryset: QuerySet[Tender], name: str, value: str) -> QuerySet[Tender]:
        words = value.split()
        for word in words:
            queryset = queryset.filter(
                Q(reference__icontains=word)
                | Q(title__icontains=word)
                | Q(description__icontains=word)
                | Q(department__icontains=word)
                | Q(cpv_codes__icontains=word)
            )
        return queryset

    def filter_has_mvi(self, queryset: QuerySet[Tender], name: str, value: str) -> QuerySet[Tender]:
        if value == MVI_YES:
            return queryset.filter(has_mvi_expression())
        if value == MVI_NO:
            return queryset.exclude(has_mvi_expression())
        return queryset

    @property
    def qs(self) -> QuerySet[Tender]:
        # The theme filter joins the applied themes: one row per tender all the same.
        return super().qs.distinct()
