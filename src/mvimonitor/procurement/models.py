"""The tender register: tenders (aanbestedingen) with the MVI themes applied in them,
their phase history, the contracts (opdrachten) they lead to and the suppliers.

Same design as the actions: `Tender.phase` is the current phase and always equals the
latest TenderPhaseChange's `to_phase`; the phase on any other date comes from the
history. Only the services write phase, version and the history.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mvimonitor.audit.base import AppendOnlyModel, AuditedModel
from mvimonitor.kernel.history import DatedChange
from mvimonitor.kernel.locking import version_field
from mvimonitor.kernel.natural import NaturalSortKeyField, sort_key_length
from mvimonitor.kernel.texts import LONG_TEXT_MAX_LENGTH, text_validators
from mvimonitor.procurement.phases import Phase


class CpvCode(AuditedModel):
    """The EU Common Procurement Vocabulary, national reference data: seeded with the
    divisions and groups (Dutch names), the full list importable. Stored without the
    check digit's dash: `code` "45000000", `check_digit` "7"."""

    code = models.CharField(_("code"), max_length=8, unique=True)
    check_digit = models.CharField(_("check digit"), max_length=1)
    name = models.CharField(_("name"), max_length=400)
    name_en = models.CharField(_("name in English"), max_length=400, blank=True)

    class Meta:
        verbose_name = _("CPV code")
        verbose_name_plural = _("CPV codes")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code}-{self.check_digit} {self.name}"


class Tender(AuditedModel):
    class Procedure(models.TextChoices):
        EU_OPEN = "eu_open", _("European open")
        EU_RESTRICTED = "eu_restricted", _("European restricted")
        NATIONAL = "national", _("national")
        MULTIPLE_PRIVATE = "multiple_private", _("multiple private (meervoudig onderhands)")
        SINGLE_PRIVATE = "single_private", _("single private (enkelvoudig onderhands)")
        OTHER = "other", _("other")

    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="tenders",
    )
    reference = models.CharField(_("reference"), max_length=60, validators=text_validators())
    # The reference in natural order ("A3" before "A12"), for the database to sort on.
    reference_sort_key = NaturalSortKeyField(
        _("reference in natural order"), source="reference", max_length=sort_key_length(60)
    )
    title = models.CharField(_("title"), max_length=300, validators=text_validators())
    description = models.TextField(
        _("description"),
        blank=True,
        max_length=LONG_TEXT_MAX_LENGTH,
        validators=text_validators(LONG_TEXT_MAX_LENGTH),
    )
    # Full codes with check digit ("45233140-2"), validated by procurement.cpv; a list
    # rather than rows because a tender names one to a few and they are read whole.
    cpv_codes = models.JSONField(_("CPV codes"), default=list, blank=True)
    estimated_value = models.DecimalField(
        _("estimated value (EUR, excl. VAT)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    procedure = models.CharField(
        _("procedure"), max_length=20, choices=Procedure.choices, blank=True
    )
    planned_publication_on = models.DateField(_("planned publication"), null=True, blank=True)
    planned_start_on = models.DateField(_("planned contract start"), null=True, blank=True)
    phase = models.CharField(
        _("phase"),
        max_length=20,
        choices=Phase.choices,
        default=Phase.PREPARATION,
        editable=False,
    )
    buyer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible buyer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="tenders_bought",
    )
    buyer_name = models.CharField(
        _("responsible buyer (name)"),
        max_length=150,
        blank=True,
        help_text=_("For a buyer who has no account."),
        validators=text_validators(),
    )
    department = models.CharField(
        _("department"), max_length=150, blank=True, validators=text_validators()
    )
    registered_on = models.DateField(_("registered on"))
    actions = models.ManyToManyField(
        "plans.Action", verbose_name=_("actions served"), blank=True, related_name="tenders"
    )
    version = version_field()
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now, editable=False)

    audit_organisation = "organisation_id"

    class Meta:
        verbose_name = _("tender")
        verbose_name_plural = _("tenders")
        ordering = ["planned_start_on", "reference_sort_key"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "reference"], name="tender_reference_unique"
            ),
            models.CheckConstraint(
                condition=Q(planned_publication_on__isnull=True)
                | Q(planned_start_on__isnull=True)
                | Q(planned_start_on__gte=models.F("planned_publication_on")),
                name="tender_starts_after_publication",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    @property
    def buyer_display(self) -> str:
        return self.buyer.display_name if self.buyer else self.buyer_name


class TenderPhaseChange(DatedChange, AppendOnlyModel):
    """One row per phase change, appended and never edited: the history from which the
    phase on any date is computed."""

    tender = models.ForeignKey(Tender, on_delete=models.PROTECT, related_name="phase_changes")
    # NULL, not "", for the first row: "no phase before" is not a phase.
    from_phase = models.CharField(  # noqa: DJ001
        _("from"), max_length=20, choices=Phase.choices, null=True, blank=True
    )
    to_phase = models.CharField(_("to"), max_length=20, choices=Phase.choices)

    audit_organisation = "tender__organisation_id"

    class Meta(DatedChange.Meta):
        verbose_name = _("phase change")
        verbose_name_plural = _("phase changes")
        ordering = ["effective_on", "recorded_at", "id"]
        indexes = [models.Index(fields=["tender", "effective_on"], name="phase_change_on_idx")]

    def __str__(self) -> str:
        change = f"{self.from_phase or '-'} -> {self.to_phase}"
        return f"{self.tender_id}: {change} ({self.effective_on})"


class AppliedTheme(AuditedModel):
    """An MVI theme applied in a tender, and how. A row means "applied": a tender has
    MVI impact when it has at least one; each row names at least one instrument."""

    class Ambition(models.IntegerChoices):
        BASIC = 1, _("1 basic")
        SIGNIFICANT = 2, _("2 significant")
        AMBITIOUS = 3, _("3 ambitious")

    tender = models.ForeignKey(Tender, on_delete=models.CASCADE, related_name="applied_themes")
    theme = models.ForeignKey("plans.Theme", verbose_name=_("theme"), on_delete=models.PROTECT)
    as_suitability = models.BooleanField(_("suitability requirement"), default=False)
    as_selection = models.BooleanField(_("selection criterion"), default=False)
    as_requirement = models.BooleanField(_("requirement"), default=False)
    as_award = models.BooleanField(_("award criterion"), default=False)
    as_contract_clause = models.BooleanField(_("contract clause"), default=False)
    ambition_level = models.PositiveSmallIntegerField(
        _("ambition level"),
        choices=Ambition.choices,
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(3)],
    )
    criteria_ids = models.CharField(
        _("MVI criteria tool IDs"),
        max_length=300,
        blank=True,
        help_text=_("IDs from the MVI criteria tool, separated by commas."),
        validators=text_validators(),
    )
    note = models.TextField(
        _("note"),
        blank=True,
        max_length=LONG_TEXT_MAX_LENGTH,
        validators=text_validators(LONG_TEXT_MAX_LENGTH),
    )

    audit_organisation = "tender__organisation_id"

    #: The instrument fields, in the order the forms and reports show them.
    INSTRUMENTS = (
        "as_suitability",
        "as_selection",
        "as_requirement",
        "as_award",
        "as_contract_clause",
    )

    class Meta:
        verbose_name = _("MVI theme applied")
        verbose_name_plural = _("MVI themes applied")
        constraints = [
            models.UniqueConstraint(fields=["tender", "theme"], name="applied_theme_unique"),
            models.CheckConstraint(
                condition=Q(as_suitability=True)
                | Q(as_selection=True)
                | Q(as_requirement=True)
                | Q(as_award=True)
                | Q(as_contract_clause=True),
                name="applied_theme_has_instrument",
            ),
            models.CheckConstraint(
                condition=Q(ambition_level__isnull=True)
                | Q(ambition_level__gte=1, ambition_level__lte=3),
                name="applied_theme_ambition_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.tender_id}: {self.theme}"


class Supplier(AuditedModel):
    """A supplier (opdrachtnemer), shared by the organisation's contracts."""

    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="suppliers",
    )
    name = models.CharField(_("name"), max_length=200, validators=text_validators())
    # Eight digits, validated by procurement.kvk; blank for foreign suppliers.
    kvk_number = models.CharField(_("KvK number"), max_length=8, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True, validators=text_validators())
    version = version_field()

    audit_organisation = "organisation_id"

    class Meta:
        verbose_name = _("supplier")
        verbose_name_plural = _("suppliers")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "kvk_number"],
                condition=~Q(kvk_number=""),
                name="supplier_kvk_unique",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Contract(AuditedModel):
    """A contract (a lot of a tender, or entered without one below the thresholds).
    Social return obligations will hang off this model in a later issue."""

    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="contracts",
    )
    tender = models.ForeignKey(
        Tender,
        verbose_name=_("tender"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="contracts",
    )
    reference = models.CharField(_("reference"), max_length=60, validators=text_validators())
    # The reference in natural order ("A3" before "A12"), for the database to sort on.
    reference_sort_key = NaturalSortKeyField(
        _("reference in natural order"), source="reference", max_length=sort_key_length(60)
    )
    title = models.CharField(_("title"), max_length=300, validators=text_validators())
    lot = models.CharField(_("lot"), max_length=100, blank=True, validators=text_validators())
    supplier = models.ForeignKey(
        Supplier, verbose_name=_("supplier"), on_delete=models.PROTECT, related_name="contracts"
    )
    awarded_value = models.DecimalField(
        _("awarded value (EUR, excl. VAT)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    awarded_on = models.DateField(_("awarded on"))
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    extension_options = models.PositiveSmallIntegerField(
        _("options to extend"), default=0, help_text=_("How many times it may be extended.")
    )
    extension_months = models.PositiveSmallIntegerField(
        _("months per extension"), null=True, blank=True
    )
    version = version_field()
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now, editable=False)

    audit_organisation = "organisation_id"

    class Meta:
        verbose_name = _("contract")
        verbose_name_plural = _("contracts")
        ordering = ["-awarded_on", "reference_sort_key"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "reference"], name="contract_reference_unique"
            ),
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="contract_runs_forward"
            ),
            models.CheckConstraint(
                condition=Q(extension_options=0) | Q(extension_months__isnull=False),
                name="contract_extension_has_length",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"
