"""The rule of dated history: a change (of an action's status, of a tender's phase) is
a row appended with the date it took effect, and may be back-dated, but never into the
future, before the record was added, or before its latest row, so that the history
stays in order and the state on any date can be recomputed (docs/adr/0003-status-history.md).

The rule is the same for every history; the words are not ("status change" and
"action", "phase change" and "tender"), so each caller passes its own messages."""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.utils.formats import date_format

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
