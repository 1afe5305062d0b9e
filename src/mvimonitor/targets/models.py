"""Targets (doelen) of a plan: a measurable statement with a KPI computed from the
tender register, a target value, a start and a deadline.

What each KPI kind counts is defined once in targets.kpis; the state of a target on a
date (met, on track, behind, missed) in targets.states. See
docs/adr/0011-targets-and-kpis.md.
"""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mvimonitor.audit.base import AuditedModel
from mvimonitor.kernel.locking import version_field
from mvimonitor.kernel.texts import LONG_TEXT_MAX_LENGTH, text_validators
from mvimonitor.procurement.phases import Phase


class KpiKind(models.TextChoices):
    """The built-in KPIs. Counts are numbers of tenders; shares are percentages."""

    MVI_COUNT = "mvi_count", _("Number of tenders with MVI impact")
    MVI_SHARE = "mvi_share", _("Share of tenders with MVI impact (%)")
    VALUE_SHARE = "value_share", _("Share of tender value with MVI impact (%)")
    INSTRUMENT_COUNT = "instrument_count", _("Number of tenders applying MVI in a given way")
    INSTRUMENT_SHARE = "instrument_share", _("Share of tenders applying MVI in a given way (%)")


#: The kinds whose value is a percentage (0-100); the others count tenders.
PERCENT_KINDS = frozenset({KpiKind.MVI_SHARE, KpiKind.VALUE_SHARE, KpiKind.INSTRUMENT_SHARE})
#: The kinds that need an instrument.
INSTRUMENT_KINDS = frozenset({KpiKind.INSTRUMENT_COUNT, KpiKind.INSTRUMENT_SHARE})


class Instrument(models.TextChoices):
    """How MVI is applied in a tender: each is a flag `as_<value>` of
    procurement.models.AppliedTheme."""

    SUITABILITY = "suitability", _("as a suitability requirement")
    SELECTION = "selection", _("as a selection criterion")
    REQUIREMENT = "requirement", _("as a requirement")
    AWARD = "award", _("as an award criterion")
    CONTRACT_CLAUSE = "contract_clause", _("as a contract clause")


class Target(AuditedModel):
    """A target of the plan. Every target is "at least": the higher the KPI's value,
    the better."""

    plan = models.ForeignKey("plans.ActionPlan", on_delete=models.CASCADE, related_name="targets")
    title = models.CharField(
        _("target"),
        max_length=300,
        validators=text_validators(),
        help_text=_(
            "A measurable statement, e.g. “At least 5 tenders with MVI impact that start in 2018”."
        ),
    )
    kpi_kind = models.CharField(_("what is measured"), max_length=20, choices=KpiKind.choices)
    theme = models.ForeignKey(
        "plans.Theme",
        verbose_name=_("theme"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Only tenders applying this theme count as having MVI impact."),
    )
    start_year = models.PositiveSmallIntegerField(
        _("planned start in year"),
        null=True,
        blank=True,
        help_text=_("Only tenders whose contract is planned to start in this year count."),
    )
    phase = models.CharField(
        _("phase reached"),
        max_length=20,
        choices=[(p.value, p.label) for p in Phase if p != Phase.WITHDRAWN],
        blank=True,
        help_text=_("Only tenders in this phase or a later one count."),
    )
    instrument = models.CharField(
        _("applied"), max_length=20, choices=Instrument.choices, blank=True
    )
    target_value = models.DecimalField(_("target value"), max_digits=12, decimal_places=2)
    starts_on = models.DateField(_("start"))
    deadline = models.DateField(_("deadline"))
    note = models.TextField(
        _("note"),
        blank=True,
        max_length=LONG_TEXT_MAX_LENGTH,
        validators=text_validators(LONG_TEXT_MAX_LENGTH),
    )
    version = version_field()
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now, editable=False)

    audit_organisation = "plan__organisation_id"

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        ordering = ["deadline", "title", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(deadline__gt=models.F("starts_on")), name="target_deadline_after_start"
            ),
            models.CheckConstraint(condition=Q(target_value__gt=0), name="target_value_positive"),
            models.CheckConstraint(
                condition=~Q(kpi_kind__in=sorted(k.value for k in PERCENT_KINDS))
                | Q(target_value__lte=100),
                name="target_percent_at_most_100",
            ),
            models.CheckConstraint(
                condition=Q(
                    kpi_kind__in=sorted(k.value for k in INSTRUMENT_KINDS), instrument__gt=""
                )
                | (~Q(kpi_kind__in=sorted(k.value for k in INSTRUMENT_KINDS)) & Q(instrument="")),
                name="target_instrument_with_its_kinds",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_percent(self) -> bool:
        return self.kpi_kind in PERCENT_KINDS
