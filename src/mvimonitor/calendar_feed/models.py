"""The secret that opens a user's calendar feed. Calendar clients cannot log in, so the
feed's address carries a token; renewing it makes the old address stop working."""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mvimonitor.audit.base import AuditedModel


def new_feed_token() -> str:
    return secrets.token_urlsafe(32)


class FeedToken(AuditedModel):
    """One per user: the feed at calendar/<token>.ics shows the dates of every plan the
    user can read. The token is the only secret; the audit trail records that it
    changed, never its value."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="feed_token",
    )
    token = models.CharField(max_length=64, unique=True, default=new_feed_token, editable=False)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)

    audit_masked = ("token",)

    class Meta:
        verbose_name = _("calendar feed link")
        verbose_name_plural = _("calendar feed links")

    def __str__(self) -> str:
        return f"{self.user} ({self.created_at:%Y-%m-%d})"
