from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mvimonitor.audit.base import AuditedModel
from mvimonitor.kernel.leases import LeasedModel
from mvimonitor.kernel.locking import version_field


class ImportJob(LeasedModel):
    """One upload of a plan spreadsheet and how far its import has come.

    Deliberately not an AuditedModel: it is a technical progress record, rewritten many
    times a second while a file is read. What the import changes is audited on the
    actions themselves. The uploaded file is kept here only until it has been processed.
    The process that works on the job holds its lease (jobs.py, ADR 0021): a job whose
    lease ran out has lost its process, and is failed.
    """

    class State(models.TextChoices):
        # Uploaded, the user still choosing how to read it (the guided import's steps):
        # kept until SETUP_KEPT after the last step the user opened (jobs.py).
        SETUP = "setup", _("being set up")
        WAITING = "waiting", _("waiting")
        READING = "reading", _("reading the file")
        VALIDATING = "validating", _("checking the rows")
        SAVING = "saving", _("saving")
        DONE = "done", _("done")
        FAILED = "failed", _("not imported")

    plan = models.ForeignKey(
        "plans.ActionPlan", on_delete=models.CASCADE, related_name="import_jobs"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    file_name = models.CharField(max_length=255)
    content = models.BinaryField(blank=True, default=b"")
    language = models.CharField(max_length=8, blank=True)
    as_coordinator = models.BooleanField(default=False)
    state = models.CharField(max_length=20, choices=State.choices, default=State.WAITING)
    rows_total = models.PositiveIntegerField(default=0)
    rows_read = models.PositiveIntegerField(default=0)
    rows_validated = models.PositiveIntegerField(default=0)
    rows_saved = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list, blank=True)
    summary = models.JSONField(default=dict, blank=True)
    # How to read the file (exchange.guided.ImportSettings.to_json()), as the user set
    # it up; {}: as the export writes it.
    settings = models.JSONField(default=dict, blank=True)
    # The last step of the set-up the user completed (1: the upload ... 3: the values).
    setup_step = models.PositiveSmallIntegerField(default=1)
    # The plan's state the user saw in the preview (guided.plan_fingerprint): the import
    # saves nothing when the plan has changed since.
    preview_fingerprint = models.CharField(max_length=128, blank=True)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.get_state_display()})"

    @property
    def is_being_set_up(self) -> bool:
        return self.state == self.State.SETUP

    @property
    def is_finished(self) -> bool:
        return self.state in (self.State.DONE, self.State.FAILED)


class PlanImportRecord(AuditedModel):
    """What one successful import of a plan wrote, so that it can be undone as a whole
    (ADR 0027): the actions it created, the status changes it wrote (the first rows of
    the new actions too), the earlier values and themes of the actions it changed, and
    each action's version before and right after it. Written in the import's own
    transaction; an import that changed nothing leaves none. Undoing it marks it undone
    and keeps it, with the versions the undo left (`undo_versions`), so that an earlier
    import can be undone after it."""

    plan = models.ForeignKey(
        "plans.ActionPlan", on_delete=models.CASCADE, related_name="import_records"
    )
    job = models.ForeignKey(
        ImportJob, null=True, blank=True, on_delete=models.SET_NULL, related_name="records"
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("imported by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(_("imported at"), default=timezone.now)
    file_name = models.CharField(_("file"), max_length=255, editable=False)
    summary = models.JSONField(_("counts"), default=dict)  # PlanImportResult.summary()
    created_actions = models.JSONField(default=list)  # [action id]
    status_changes = models.JSONField(default=list)  # [status change id]
    # {action id: {field name: stored value before}}, dates as ISO text, ids for keys.
    earlier = models.JSONField(default=dict, encoder=DjangoJSONEncoder)
    earlier_themes = models.JSONField(default=dict)  # {action id: [theme id]}
    versions = models.JSONField(default=dict)  # {action id: [before, after]}
    # The periods and themes the import created (a guided import may).
    created_periods = models.JSONField(default=list)
    created_themes = models.JSONField(default=list)
    undone_at = models.DateTimeField(_("undone at"), null=True, blank=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("undone by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    undo_versions = models.JSONField(default=dict)  # {action id: version the undo left}
    version = version_field()  # the undo page's lock (kernel.locking)

    audit_organisation = "plan__organisation_id"

    class Meta:
        verbose_name = _("import of a plan")
        verbose_name_plural = _("imports of a plan")
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.at:%Y-%m-%d %H:%M})"

    @property
    def is_undone(self) -> bool:
        return self.undone_at is not None


class ImportMapping(AuditedModel):
    """The column mapping a plan's last guided import was confirmed with (ADR 0029):
    {header_key: Field value, "" for a column left out}. The next import of a file with
    the same headers starts from it. Written only by a successful import, inside its
    transaction, so no optimistic lock: there is no page that edits it."""

    audit_organisation = "plan__organisation_id"

    plan = models.OneToOneField(
        "plans.ActionPlan", on_delete=models.CASCADE, related_name="import_mapping"
    )
    columns = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("column mapping")
        verbose_name_plural = _("column mappings")

    def __str__(self) -> str:
        return str(self.plan)
