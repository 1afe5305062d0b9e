"""The rule of dated history: a change (of an action's status, of a tender's phase) is
a row appended with the date it took effect, and may be back-dated, but never into the
future, before the record was added, or before its latest row, so that the history
stays in order and the state on any date can be recomputed (docs/adr/0003-status-history.md).

The rule is the same for every history; the words are not ("status change" and
"action", "phase change" and "tender"), so each caller passes its own messages. What every history
row holds is `DatedChange`, an abstract model (no table of its own)."""

from dataclasses import dataclass
from datetime import date, datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from mvimonitor.kernel.texts import LONG_TEXT_MAX_LENGTH, text_validators
from mvimonitor.utils.dates import today


@dataclass(frozen=True)
class HistoryMessages:
    """What the user is told when a date is refused, in the active language; in
    `before_added` and `before_latest`, `%(date)s` is the date it may not precede."""

    in_future: str
    before_added: str
    before_latest: str


def check_effective_on(
    effective_on: date, *, added_on: date, latest: date | None, messages: HistoryMessages
) -> None:
    """Refuse (ValidationError on `effective_on`) a change effective in the future, before
    the record was added (`added_on`), or before its latest change (`latest`, None for
    the first row)."""
    if effective_on > today():
        raise ValidationError({"effective_on": messages.in_future})
    if effective_on < added_on:
        raise ValidationError(
            {"effective_on": messages.before_added % {"date": date_format(added_on)}}
        )
    if latest is not None and effective_on < latest:
        raise ValidationError(
            {"effective_on": messages.before_latest % {"date": date_format(latest)}}
        )


def recorded(recorded_at: datetime | None) -> dict[str, datetime]:
    """The `recorded_at` to create a history row with: none given, the row's default
    (now); given, a moment that has passed, for history loaded after the fact (the
    demo's, docs/adr/0034-demo-dates-and-council-version.md)."""
    if recorded_at is None:
        return {}
    if recorded_at > timezone.now():
        raise ValueError(f"A change cannot be recorded in the future ({recorded_at}).")
    return {"recorded_at": recorded_at}


class DatedChange(models.Model):
    """What every history row has (action statuses in plans, tender phases in
    procurement): the day the change takes effect, when and by whom it was recorded, and
    a note. A concrete history also derives from `audit.base.AppendOnlyModel`, which
    makes its rows audited and never edited or deleted."""

    effective_on = models.DateField(_("effective on"))
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.TextField(
        _("note"),
        blank=True,
        max_length=LONG_TEXT_MAX_LENGTH,
        validators=text_validators(LONG_TEXT_MAX_LENGTH),
    )

    class Meta:
        abstract = True
