"""The state of a target on a date: met, on track, behind or missed. Pure functions of
the KPI's value; see docs/adr/0011-targets-and-kpis.md.

- **met**: the value has reached the target value (on any date, also after the deadline);
- **missed**: the deadline has passed (the date lies after it) and the target is not met;
- **on track**: not met, not missed, and the value is at or above the straight line from
  (start, start value) to (deadline, target value) on that date; before the start the
  line has not begun, so a target that is not met is on track;
- **behind**: otherwise, also when the value cannot be computed.

The line's start value is the KPI's value on the start date (0 when it cannot be
computed): a target measures progress from where the organisation stood.
"""

from datetime import date
from decimal import Decimal

from django.db import models
from django.utils.translation import pgettext_lazy


class TargetState(models.TextChoices):
    MET = "met", pgettext_lazy("target state", "met")
    ON_TRACK = "on_track", pgettext_lazy("target state", "on track")
    BEHIND = "behind", pgettext_lazy("target state", "behind")
    MISSED = "missed", pgettext_lazy("target state", "missed")


#: CSS modifier of each state's badge (targets.css), colour with enough contrast.
STATE_CLASS = {
    TargetState.MET: "target-state--met",
    TargetState.ON_TRACK: "target-state--on-track",
    TargetState.BEHIND: "target-state--behind",
    TargetState.MISSED: "target-state--missed",
}


def line_value(
    *, starts_on: date, deadline: date, start_value: Decimal, target: Decimal, on: date
) -> Decimal:
    """The straight line from (starts_on, start_value) to (deadline, target) on `on`,
    held at its ends before the start and after the deadline."""
    if on <= starts_on:
        return start_value
    if on >= deadline:
        return target
    elapsed = Decimal((on - starts_on).days)
    span = Decimal((deadline - starts_on).days)
    return start_value + (target - start_value) * elapsed / span


def target_state(
    *,
    value: Decimal | None,
    target: Decimal,
    starts_on: date,
    deadline: date,
    start_value: Decimal | None,
    on: date,
) -> TargetState:
    """The state on `on` of a target whose KPI is `value` on that date."""
    if value is not None and value >= target:
        return TargetState.MET
    if on > deadline:
        return TargetState.MISSED
    if on < starts_on:
        return TargetState.ON_TRACK
    if value is None:
        return TargetState.BEHIND
    expected = line_value(
        starts_on=starts_on,
        deadline=deadline,
        start_value=start_value or Decimal(0),
        target=target,
        on=on,
    )
    return TargetState.ON_TRACK if value >= expected else TargetState.BEHIND
