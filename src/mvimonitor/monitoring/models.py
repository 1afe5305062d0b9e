from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mvimonitor.audit.base import AuditedModel
from mvimonitor.kernel.locking import version_field
from mvimonitor.kernel.texts import (
    LONG_TEXT_MAX_LENGTH,
    SUMMARY_MAX_LENGTH,
    text_validators,
)
from mvimonitor.monitoring.variants import ReportVariant

#: A section's commentary in a monitor: a few paragraphs under the section (about half
#: an A4 page), so that the council version stays short.
COMMENTARY_MAX_LENGTH = 4_000
#: The longest section id (they are short words: "attention_points").
SECTION_ID_MAX_LENGTH = 50


class Monitor(AuditedModel):
    """A dated progress report on a plan. A draft shows live figures as of its date;
    finalising freezes them in a MonitorEdition, and the monitor becomes read-only
    until a coordinator reopens it."""

    class State(models.TextChoices):
        DRAFT = "draft", _("draft")
        # One word for a finalised monitor in every output: "vastgesteld" (glossary).
        FINAL = "final", _("finalised")

    plan = models.ForeignKey("plans.ActionPlan", on_delete=models.PROTECT, related_name="monitors")
    date = models.DateField(_("monitor date"))
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.DRAFT, editable=False
    )
    summary = models.TextField(
        _("summary"),
        blank=True,
        max_length=SUMMARY_MAX_LENGTH,
        validators=text_validators(SUMMARY_MAX_LENGTH),
    )
    next_monitor_on = models.DateField(_("next monitor"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    version = version_field()  # the edit page's lock (kernel.locking)

    audit_organisation = "plan__organisation_id"

    class Meta:
        verbose_name = _("monitor")
        verbose_name_plural = _("monitors")
        ordering = ["-date"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "date"], name="monitor_date_unique_per_plan")
        ]

    def __str__(self) -> str:
        return f"{self.plan} {self.date:%Y-%m-%d}"

    @property
    def is_final(self) -> bool:
        return self.state == self.State.FINAL


class MonitorEdition(AuditedModel):
    """One frozen version of a monitor: the report data (JSON, see report.Report) and
    the PDF as rendered when it was finalised. Never changed, except that reopening
    marks it as superseded (with who, when and why); it stays downloadable."""

    monitor = models.ForeignKey(Monitor, on_delete=models.PROTECT, related_name="editions")
    number = models.PositiveIntegerField(_("edition"))
    frozen_at = models.DateTimeField(_("finalised at"), default=timezone.now)
    frozen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    report = models.JSONField(_("report data"))
    pdf = models.BinaryField(_("PDF"))
    # Copied from `report` when frozen, so the trend over many monitors is one small query.
    completed_count = models.PositiveIntegerField(_("completed actions"))
    action_count = models.PositiveIntegerField(_("actions"))
    reopened_at = models.DateTimeField(_("reopened at"), null=True, blank=True)
    reopened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reopen_reason = models.TextField(
        _("reason for reopening"),
        blank=True,
        max_length=LONG_TEXT_MAX_LENGTH,
        validators=text_validators(LONG_TEXT_MAX_LENGTH),
    )

    audit_organisation = "monitor__plan__organisation_id"

    class Meta:
        verbose_name = _("monitor edition")
        verbose_name_plural = _("monitor editions")
        ordering = ["monitor", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["monitor", "number"], name="edition_number_unique"),
            # At most one current (not reopened) edition per monitor.
            models.UniqueConstraint(
                fields=["monitor"], condition=Q(reopened_at=None), name="one_current_edition"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.monitor} #{self.number}"

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise ValueError("Frozen monitor editions are never deleted.")


class EditionVariant(AuditedModel):
    """What one variant of a frozen edition shows (ADR 0025): its sections in order and
    the commentary under them, as they were when the monitor was finalised, and its
    PDF. The full version's PDF is the edition's own `pdf` (as for every edition), so
    it is not stored twice here. An edition finalised before variants existed has none:
    its full version shows every section in report order, its council version the
    default composition, both without commentary."""

    edition = models.ForeignKey(MonitorEdition, on_delete=models.PROTECT, related_name="variants")
    variant = models.CharField(_("version"), max_length=10, choices=ReportVariant.choices)
    section_ids = models.JSONField(_("sections"))  # ["summary", "status_chart", ...]
    commentary = models.JSONField(_("commentary"), default=dict)  # section id -> text
    pdf = models.BinaryField(_("PDF"), null=True)  # None for the full version: edition.pdf

    audit_organisation = "edition__monitor__plan__organisation_id"

    class Meta:
        verbose_name = _("version of a monitor edition")
        verbose_name_plural = _("versions of monitor editions")
        constraints = [
            models.UniqueConstraint(fields=["edition", "variant"], name="one_variant_per_edition")
        ]

    def __str__(self) -> str:
        return f"{self.edition} {self.variant}"

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise ValueError("Frozen monitor editions are never deleted.")


class ReportComposition(AuditedModel):
    """A plan's choice of the sections of one report variant, in order (ADR 0025).
    `section_ids` None: the variant's default (variants.default_section_ids), which also
    takes in sections registered later. Without a row the default applies too; the
    compose page's version 1 stands for that default."""

    plan = models.ForeignKey(
        "plans.ActionPlan", on_delete=models.CASCADE, related_name="report_compositions"
    )
    variant = models.CharField(_("version"), max_length=10, choices=ReportVariant.choices)
    section_ids = models.JSONField(_("sections"), null=True, blank=True)
    version = version_field()

    audit_organisation = "plan__organisation_id"

    class Meta:
        verbose_name = _("report composition")
        verbose_name_plural = _("report compositions")
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "variant"], name="one_composition_per_plan_and_variant"
            )
        ]

    def __str__(self) -> str:
        return f"{self.plan} {self.variant}"


class SectionCommentary(AuditedModel):
    """A monitor's commentary ("toelichting") under one section of its report, shared
    by both variants; the monitor's version locks it (it is edited with the monitor)."""

    monitor = models.ForeignKey(Monitor, on_delete=models.CASCADE, related_name="commentaries")
    section_id = models.CharField(_("section"), max_length=SECTION_ID_MAX_LENGTH)
    text = models.TextField(
        _("commentary"),
        max_length=COMMENTARY_MAX_LENGTH,
        validators=text_validators(COMMENTARY_MAX_LENGTH),
    )

    audit_organisation = "monitor__plan__organisation_id"

    class Meta:
        verbose_name = _("commentary")
        verbose_name_plural = _("commentaries")
        ordering = ["monitor", "section_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["monitor", "section_id"], name="one_commentary_per_section"
            )
        ]

    def __str__(self) -> str:
        return f"{self.monitor} {self.section_id}"


class AttentionPoint(AuditedModel):
    """A risk, event or question the plan's monitors mention while it is open:
    from `raised_on` until `closed_on` (exclusive)."""

    class Kind(models.TextChoices):
        RISK = "risk", _("risk")
        EVENT = "event", _("event")
        QUESTION = "question", _("question")
        OTHER = "other", _("other")

    plan = models.ForeignKey(
        "plans.ActionPlan", on_delete=models.CASCADE, related_name="attention_points"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.OTHER)
    text = models.TextField(
        _("text"),
        max_length=LONG_TEXT_MAX_LENGTH,
        validators=text_validators(LONG_TEXT_MAX_LENGTH),
    )
    date = models.DateField(
        _("date"), null=True, blank=True, help_text=_("When it happens, if it has a date.")
    )
    raised_on = models.DateField(_("open since"), default=timezone.localdate)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    version = version_field()

    audit_organisation = "plan__organisation_id"

    class Meta:
        verbose_name = _("attention point")
        verbose_name_plural = _("attention points")
        ordering = ["raised_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True) | Q(closed_on__gte=models.F("raised_on")),
                name="attention_point_closes_after_raised",
            )
        ]

    def __str__(self) -> str:
        return self.text[:80]


class CommunicationMoment(AuditedModel):
    class State(models.TextChoices):
        PLANNED = "planned", _("planned")
        REALISED = "realised", _("realised")

    plan = models.ForeignKey(
        "plans.ActionPlan", on_delete=models.CASCADE, related_name="communication_moments"
    )
    date = models.DateField(_("date"))
    text = models.TextField(
        _("text"),
        max_length=LONG_TEXT_MAX_LENGTH,
        validators=text_validators(LONG_TEXT_MAX_LENGTH),
    )
    channel = models.CharField(
        _("channel"), max_length=100, blank=True, validators=text_validators()
    )
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.PLANNED
    )
    version = version_field()

    audit_organisation = "plan__organisation_id"

    class Meta:
        verbose_name = _("communication moment")
        verbose_name_plural = _("communication moments")
        ordering = ["date", "id"]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.text[:60]}"
