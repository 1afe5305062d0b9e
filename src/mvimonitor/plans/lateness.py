"""When an action is late ("te laat") on a date D: the one rule (ADR 0030).

An action in the plan on D (added on or before D, not withdrawn on or before D) is late
on D when
- its status on D is neither completed nor cancelled and its due date is before D
  (postponed included; a continuous action has no due date), or
- its status on D is not started and its start date is before D.

A due date passed weighs more than a start date passed (a due date is never before the
start date, so an action late by its due date and not started is late by both): the
reason given is the due date then. The day itself is not late: an action due on D may
still be finished on D.

"Status on D" is plans.selectors' status on a date, from the history. `late_reason` is
the rule in memory, `late_reason_expression` the same in SQL (the tests check the two
agree); plans.selectors reads late actions with it, and `late_text` says why in words
on every page, e-mail and report.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Case, CharField, Q, Value, When
from django.template.defaultfilters import date as date_filter
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from mvimonitor.plans.workflow import DONE_STATUSES, Status

#: The reasons an action is late, as stored in an annotation and a frozen report.
BY_DUE_DATE = "due"
BY_START_DATE = "start"


def late_reason(
    *, status: str, start_date: date | None, due_date: date | None, is_continuous: bool, on: date
) -> str | None:
    """Why an action with `status` on `on` is late on `on` (BY_DUE_DATE, BY_START_DATE),
    None when it is not. The caller checks that the action is in the plan on `on`."""
    if status not in DONE_STATUSES and not is_continuous and due_date is not None and due_date < on:
        return BY_DUE_DATE
    if status == Status.NOT_STARTED and start_date is not None and start_date < on:
        return BY_START_DATE
    return None


def late_reason_expression(on: date, *, status: str = "status_on") -> Case:
    """`late_reason` in SQL, for an Action queryset whose status on `on` is the field or
    annotation `status` (plans.selectors.status_on_expression); NULL for an action that
    is not late or not in the plan on `on`."""
    in_plan = Q(added_on__lte=on) & (Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gt=on))
    return Case(
        When(
            in_plan
            & ~Q(**{f"{status}__in": DONE_STATUSES})
            & Q(is_continuous=False, due_date__lt=on),
            then=Value(BY_DUE_DATE),
        ),
        When(
            in_plan & Q(**{status: Status.NOT_STARTED.value}, start_date__lt=on),
            then=Value(BY_START_DATE),
        ),
        default=Value(None),
        output_field=CharField(),
    )


def late_day(reason: str | None, *, start_date: date | None, due_date: date | None) -> date | None:
    """The date that passed: the due date or the start date, after the reason."""
    if reason == BY_DUE_DATE:
        return due_date
    if reason == BY_START_DATE:
        return start_date
    return None


def late_text(reason: str | None, day: date | None) -> str:
    """Why the action is late, in the active language: "einddatum 1 september 2017
    verstreken"; "" when it is not late."""
    if reason is None or day is None:
        return ""
    formatted = date_filter(day, "DATE_FORMAT")
    if reason == BY_DUE_DATE:
        return _("due date %(date)s passed") % {"date": formatted}
    return _("start date %(date)s passed") % {"date": formatted}


@dataclass(frozen=True)
class Lateness:
    """Why an action is late: the reason and the date that passed."""

    reason: str
    day: date

    @property
    def text(self) -> str:
        return late_text(self.reason, self.day)


def lateness(
    reason: str | None, *, start_date: date | None, due_date: date | None
) -> Lateness | None:
    """The Lateness of an action read with the reason annotated, None when not late."""
    day = late_day(reason, start_date=start_date, due_date=due_date)
    return Lateness(reason, day) if reason is not None and day is not None else None


def late_badge_html(late: Lateness | None) -> SafeString | str:
    """The mark of a late action, on its own line after its title: the tag "te laat"
    and why, in words, so that it never rests on colour; nothing when the action is not
    late. Its own line (a block): a linked title beside other text would need an
    underline to stand out (WCAG 1.4.1)."""
    if late is None:
        return ""
    return format_html(
        ' <span class="late-mark"><span class="tag tag--late">{}</span>'
        ' <span class="late-reason">{}</span></span>',
        _("late"),
        late.text,
    )
