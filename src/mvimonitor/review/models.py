"""Comments on a plan and its actions, by members and outside reviewers.

A thread is a top-level comment (on the plan as a whole, or on one action) with its
replies; a coordinator resolves or reopens the whole thread. Comments are not edited:
what a reviewer wrote stays as written (corrections go in a reply).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mvimonitor.audit.base import AuditedModel
from mvimonitor.kernel.texts import text_validators

#: The longest comment, in characters: a remark, not a document.
COMMENT_MAX_LENGTH = 4000


class Comment(AuditedModel):
    plan = models.ForeignKey(
        "plans.ActionPlan",
        verbose_name=_("plan"),
        on_delete=models.CASCADE,
        related_name="comments",
    )
    # NULL: a comment on the plan as a whole.
    action = models.ForeignKey(
        "plans.Action",
        verbose_name=_("action"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="comments",
    )
    # NULL: the first comment of a thread; replies always point at it (one level).
    parent = models.ForeignKey(
        "self",
        verbose_name=_("reply to"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="replies",
    )
    # SET_NULL: a deleted account leaves its comments, by "unknown".
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = models.TextField(
        _("comment"),
        max_length=COMMENT_MAX_LENGTH,
        validators=text_validators(COMMENT_MAX_LENGTH),
    )
    created_at = models.DateTimeField(_("written at"), default=timezone.now)
    # Only on the first comment of a thread: resolving is per thread.
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("resolved by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    audit_organisation = "plan__organisation_id"

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(parent__isnull=True) | Q(resolved_at__isnull=True),
                name="comment_only_threads_are_resolved",
            ),
            models.CheckConstraint(
                condition=Q(resolved_at__isnull=False) | Q(resolved_by__isnull=True),
                name="comment_resolved_by_only_when_resolved",
            ),
            models.CheckConstraint(condition=~Q(body=""), name="comment_body_not_empty"),
        ]
        indexes = [
            models.Index(fields=["plan", "action", "resolved_at"], name="comment_plan_action_idx")
        ]

    def __str__(self) -> str:
        return f"{self.plan_id}/{self.action_id or '-'} #{self.pk}"

    @property
    def is_thread(self) -> bool:
        return self.parent_id is None

    @property
    def is_resolved(self) -> bool:
        return self.resolved_at is not None
