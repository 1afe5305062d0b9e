from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mvimonitor.audit.base import AppendOnlyModel, AuditedModel
from mvimonitor.kernel.history import DatedChange
from mvimonitor.kernel.labels import in_language
from mvimonitor.kernel.locking import version_field
from mvimonitor.kernel.natural import NaturalSortKeyField, sort_key_length
from mvimonitor.kernel.texts import LONG_TEXT_MAX_LENGTH, text_validators
from mvimonitor.plans.workflow import Status


class ActionPlan(AuditedModel):
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="plans",
    )
    name = models.CharField(_("name"), max_length=200, validators=text_validators())
    slug = models.SlugField(_("short name"), max_length=60)
    description = models.TextField(
        _("description"),
        blank=True,
        max_length=LONG_TEXT_MAX_LENGTH,
        validators=text_validators(LONG_TEXT_MAX_LENGTH),
    )
    adopted_on = models.DateField(_("adopted on"))
    starts_on = models.DateField(_("runs from"))
    ends_on = models.DateField(_("runs until"))
    planning_window_months = models.PositiveSmallIntegerField(
        _("planning window (months)"),
        default=2,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
        help_text=_("A monitor lists the actions planned in this many months after its date."),
    )
    # The plan this one was copied from (services.plan_copy), e.g. a yearly plan made
    # from a multi-year one.
    copied_from = models.ForeignKey(
        "self",
        verbose_name=_("copied from"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="copies",
        editable=False,
    )
    # The lock of the plan, its periods and its themes (kernel.locking).
    version = version_field()

    audit_organisation = "organisation_id"

    class Meta:
        verbose_name = _("action plan")
        verbose_name_plural = _("action plans")
        ordering = ["-adopted_on", "name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "slug"], name="plan_slug_unique"),
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="plan_runs_forward"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Period(AuditedModel):
    """A group of actions in the plan ("Aan de slag in 2017"), shown in plan order."""

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="periods")
    name = models.CharField(_("name"), max_length=200, validators=text_validators())
    position = models.PositiveIntegerField(_("position"), default=0)

    audit_organisation = "plan__organisation_id"

    class Meta:
        verbose_name = _("period")
        verbose_name_plural = _("periods")
        ordering = ["position", "id"]
        constraints = [models.UniqueConstraint(fields=["plan", "name"], name="period_name_unique")]

    def __str__(self) -> str:
        return self.name


class Theme(AuditedModel):
    """An MVI theme. Rows without an organisation are the national code list (MVOI
    themes and the legacy 2016 ones); a coordinator can add the organisation's own."""

    organisation = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="themes",
    )
    code = models.SlugField(_("code"), max_length=60)
    name = models.CharField(_("name"), max_length=120, validators=text_validators())
    name_en = models.CharField(_("name in English"), max_length=120, validators=text_validators())
    is_legacy = models.BooleanField(_("legacy theme (2016)"), default=False)
    position = models.PositiveIntegerField(_("position"), default=0)
    version = version_field()

    audit_organisation = "organisation_id"

    class Meta:
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["position", "name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "code"], name="theme_code_unique"),
            models.UniqueConstraint(
                fields=["code"], condition=Q(organisation=None), name="national_theme_code_unique"
            ),
        ]

    @property
    def label(self) -> str:
        """The theme's name in the active language: every page, form and report shows
        a theme by this (the files of a report are Dutch)."""
        return in_language(self.name, self.name_en)

    def __str__(self) -> str:
        return self.label


class PlanTheme(AuditedModel):
    """A theme the plan works on, with its ambition level (1 basis, 2 significant,
    3 ambitious) where the plan sets one."""

    class Ambition(models.IntegerChoices):
        BASIC = 1, _("1 basic")
        SIGNIFICANT = 2, _("2 significant")
        AMBITIOUS = 3, _("3 ambitious")

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="plan_themes")
    theme = models.ForeignKey(Theme, on_delete=models.PROTECT, related_name="+")
    ambition_level = models.PositiveSmallIntegerField(
        _("ambition level"),
        choices=Ambition.choices,
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(3)],
    )

    audit_organisation = "plan__organisation_id"

    class Meta:
        verbose_name = _("plan theme")
        verbose_name_plural = _("plan themes")
        constraints = [
            models.UniqueConstraint(fields=["plan", "theme"], name="plan_theme_unique"),
            models.CheckConstraint(
                condition=Q(ambition_level__isnull=True)
                | Q(ambition_level__gte=1, ambition_level__lte=3),
                name="plan_theme_ambition_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.theme} ({self.plan})"


class Action(AuditedModel):
    """An action of the plan. `status` is the current status and always equals the
    `to_status` of the action's latest StatusChange; only
    services.action_change_status (and action_create) write it. The status on any
    other date comes from the history (selectors.action_statuses_on)."""

    plan = models.ForeignKey(ActionPlan, on_delete=models.PROTECT, related_name="actions")
    code = models.CharField(_("code"), max_length=30, validators=text_validators())
    # The code in natural order ("2.2" before "2.10"), for the database to sort on.
    code_sort_key = NaturalSortKeyField(
        _("code in natural order"), source="code", max_length=sort_key_length(30)
    )
    title = models.CharField(_("title"), max_length=300, validators=text_validators())
    description = models.TextField(
        _("description"),
        blank=True,
        max_length=LONG_TEXT_MAX_LENGTH,
        validators=text_validators(LONG_TEXT_MAX_LENGTH),
    )
    period = models.ForeignKey(
        Period, verbose_name=_("period"), on_delete=models.PROTECT, related_name="actions"
    )
    themes = models.ManyToManyField(Theme, verbose_name=_("themes"), blank=True, related_name="+")
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=Status.choices,
        default=Status.NOT_STARTED,
        editable=False,
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="owned_actions",
    )
    owner_name = models.CharField(
        _("owner (name)"),
        max_length=150,
        blank=True,
        help_text=_("For an owner who has no account."),
        validators=text_validators(),
    )
    department = models.CharField(
        _("department"), max_length=150, blank=True, validators=text_validators()
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    due_date = models.DateField(_("due date"), null=True, blank=True)
    is_continuous = models.BooleanField(
        _("continuous"), default=False, help_text=_("A continuous action has no end date.")
    )
    result = models.TextField(
        _("result"),
        blank=True,
        max_length=LONG_TEXT_MAX_LENGTH,
        validators=text_validators(LONG_TEXT_MAX_LENGTH),
    )
    added_on = models.DateField(_("added to the plan on"))
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True)
    # The action of an earlier plan this one continues (services.plan_copy); its history
    # stays there, this action's history starts fresh.
    origin = models.ForeignKey(
        "self",
        verbose_name=_("copied from action"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="copies",
        editable=False,
    )
    version = version_field()
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now, editable=False)

    audit_organisation = "plan__organisation_id"

    class Meta:
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        ordering = ["period__position", "code_sort_key"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "code"], name="action_code_unique"),
            models.CheckConstraint(
                condition=Q(is_continuous=False) | Q(due_date__isnull=True),
                name="continuous_action_has_no_due_date",
            ),
            models.CheckConstraint(
                condition=Q(start_date__isnull=True)
                | Q(due_date__isnull=True)
                | Q(due_date__gte=models.F("start_date")),
                name="action_due_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    @property
    def is_new(self) -> bool:
        """Added after the plan was adopted ("nieuwe actie"): derived, never stored."""
        return self.added_on > self.plan.adopted_on

    @property
    def owner_display(self) -> str:
        return self.owner.display_name if self.owner else self.owner_name


class StatusChange(DatedChange, AppendOnlyModel):
    """One row per status change, appended and never edited: the history from which
    the status on any date is computed."""

    action = models.ForeignKey(Action, on_delete=models.PROTECT, related_name="status_changes")
    # NULL, not "", for the first row: "no status before" is not a status.
    from_status = models.CharField(  # noqa: DJ001
        _("from"), max_length=20, choices=Status.choices, null=True, blank=True
    )
    to_status = models.CharField(_("to"), max_length=20, choices=Status.choices)

    audit_organisation = "action__plan__organisation_id"

    class Meta(DatedChange.Meta):
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["effective_on", "recorded_at", "id"]
        indexes = [models.Index(fields=["action", "effective_on"], name="status_change_on_idx")]

    def __str__(self) -> str:
        return (
            f"{self.action_id}: {self.from_status or '-'} -> {self.to_status} ({self.effective_on})"
        )


#: A correction's reason: a few sentences, as long as a comment (review.Comment).
CORRECTION_REASON_MAX_LENGTH = 4_000


class StatusCorrection(AppendOnlyModel):
    """A coordinator's correction of one status change (its date, its status or both),
    with the reason: the record the action page lists beside the row, besides the audit
    trail, which keeps the row as it was. Appended once, never edited; deleted only with
    its change (undoing an import, deleting a plan). See services.status_change_correct
    and docs/adr/0027-corrections-undo-and-deletion.md."""

    change = models.ForeignKey(
        StatusChange, on_delete=models.CASCADE, related_name="corrections", editable=False
    )
    old_effective_on = models.DateField(_("date before the correction"))
    new_effective_on = models.DateField(_("date after the correction"))
    old_to_status = models.CharField(
        _("status before the correction"), max_length=20, choices=Status.choices
    )
    new_to_status = models.CharField(
        _("status after the correction"), max_length=20, choices=Status.choices
    )
    reason = models.TextField(
        _("reason"),
        max_length=CORRECTION_REASON_MAX_LENGTH,
        validators=text_validators(CORRECTION_REASON_MAX_LENGTH),
    )
    corrected_at = models.DateTimeField(_("corrected at"), default=timezone.now)
    corrected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("corrected by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    audit_organisation = "change__action__plan__organisation_id"

    class Meta:
        verbose_name = _("status correction")
        verbose_name_plural = _("status corrections")
        ordering = ["corrected_at", "id"]

    def __str__(self) -> str:
        return (
            f"{self.change_id}: {self.old_effective_on} {self.old_to_status} -> "
            f"{self.new_effective_on} {self.new_to_status}"
        )
