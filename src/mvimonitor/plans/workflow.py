"""Action statuses and the transitions between them: the one source of truth for codes,
labels, chart colours and order, "completed?", and which changes are allowed."""

from dataclasses import dataclass

from django.db import models
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Status(models.TextChoices):
    NOT_STARTED = "not_started", pgettext_lazy("action status", "not started")
    RUNNING = "running", pgettext_lazy("action status", "running")
    COMPLETED = "completed", pgettext_lazy("action status", "completed")
    POSTPONED = "postponed", pgettext_lazy("action status", "postponed")
    CANCELLED = "cancelled", pgettext_lazy("action status", "cancelled")


@dataclass(frozen=True)
class StatusStyle:
    colour: str  # chart fill, with enough contrast against white text and background
    css_class: str
    is_done: bool


#: Order of statuses in tables and stacked charts.
STATUS_ORDER: tuple[Status, ...] = (
    Status.COMPLETED,
    Status.RUNNING,
    Status.NOT_STARTED,
    Status.POSTPONED,
    Status.CANCELLED,
)

STATUS_STYLE: dict[Status, StatusStyle] = {
    Status.COMPLETED: StatusStyle("#2e7d32", "status--completed", True),
    Status.RUNNING: StatusStyle("#1565c0", "status--running", False),
    Status.NOT_STARTED: StatusStyle("#616161", "status--not-started", False),
    Status.POSTPONED: StatusStyle("#b45309", "status--postponed", False),
    Status.CANCELLED: StatusStyle("#8e24aa", "status--cancelled", True),
}

#: Statuses in which an action needs no more work (completed, cancelled), as codes.
DONE_STATUSES: tuple[str, ...] = tuple(
    status.value for status, style in STATUS_STYLE.items() if style.is_done
)


def status_badge_html(value: str | None) -> SafeString | str:
    """<span class="status status--running">lopend</span>, as every page and the report
    show a status; nothing for a value that is no status."""
    try:
        status = Status(value or "")
    except ValueError:
        return ""
    return format_html(
        '<span class="status {}">{}</span>', STATUS_STYLE[status].css_class, status.label
    )


# from -> allowed targets. Reopening a completed action needs a note; reviving a
# cancelled one is for coordinators only.
TRANSITIONS: dict[Status, frozenset[Status]] = {
    Status.NOT_STARTED: frozenset(
        {Status.RUNNING, Status.POSTPONED, Status.CANCELLED, Status.COMPLETED}
    ),
    Status.RUNNING: frozenset({Status.COMPLETED, Status.POSTPONED, Status.CANCELLED}),
    Status.POSTPONED: frozenset({Status.RUNNING, Status.NOT_STARTED, Status.CANCELLED}),
    Status.COMPLETED: frozenset({Status.RUNNING}),
    Status.CANCELLED: frozenset({Status.NOT_STARTED}),
}
NOTE_REQUIRED: frozenset[tuple[Status, Status]] = frozenset({(Status.COMPLETED, Status.RUNNING)})
COORDINATOR_ONLY: frozenset[tuple[Status, Status]] = frozenset(
    {(Status.CANCELLED, Status.NOT_STARTED)}
)


class TransitionError(Exception):
    """A status change the workflow forbids; the message is for the user."""


def check_transition(
    current: Status | None, target: Status, *, note: str = "", is_coordinator: bool = False
) -> None:
    """Raise TransitionError unless `current` -> `target` is allowed.

    `current` is None for a new action: any first status is allowed.
    """
    if current is None:
        return
    if target not in TRANSITIONS[current]:
        raise TransitionError(
            _("The status cannot change from “%(current)s” to “%(target)s”.")
            % {"current": current.label, "target": target.label}
        )
    if (current, target) in NOTE_REQUIRED and not note.strip():
        raise TransitionError(_("Explain in a note why a completed action runs again."))
    if (current, target) in COORDINATOR_ONLY and not is_coordinator:
        raise TransitionError(_("Only a coordinator can restart a cancelled action."))


def allowed_targets(current: Status, *, is_coordinator: bool = False) -> list[Status]:
    return [
        s
        for s in STATUS_ORDER
        if s in TRANSITIONS[current] and (is_coordinator or (current, s) not in COORDINATOR_ONLY)
    ]
