"""The reminder e-mails, rendered from templates in the recipient's language (User.language),
as plain text with an HTML alternative, with absolute links (settings.BASE_URL)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation

from mvimonitor.plans.selectors import late_actions_among
from mvimonitor.reminders import links
from mvimonitor.reminders.models import ReminderDispatch
from mvimonitor.reminders.selectors import DueReminder

if TYPE_CHECKING:
    from mvimonitor.accounts.models import User

TEMPLATES = {
    ReminderDispatch.Kind.OWNER_REMINDER: "emails/reminder_owner",
    ReminderDispatch.Kind.NUDGE: "emails/reminder_owner",
    ReminderDispatch.Kind.COORDINATOR_SUMMARY: "emails/reminder_summary",
}


def _context(reminder: DueReminder, *, today: date, nudged_by: User | None) -> dict[str, Any]:
    round = reminder.round
    plan = round.monitor.plan
    context: dict[str, Any] = {
        "recipient": reminder.recipient,
        "organisation": plan.organisation,
        "plan": plan,
        "round": round,
        "deadline": round.deadline,
        "days_left": (round.deadline - today).days,
        "days_late": (today - round.deadline).days,
        "nudge": reminder.kind == ReminderDispatch.Kind.NUDGE,
        "nudged_by": nudged_by,
        "preferences_url": links.preferences_url(),
    }
    if reminder.kind == ReminderDispatch.Kind.COORDINATOR_SUMMARY:
        rows = reminder.owner_counts()
        context["rows"] = rows
        context["open_total"] = sum(row.open for row in rows)
        context["confirmed_total"] = sum(row.confirmed for row in rows)
        context["updated_total"] = sum(row.updated for row in rows)
        context["round_url"] = links.round_url(round=round)
    else:
        items = list(reminder.open_items)
        # Why each action is late today (plans.lateness), said in the recipient's
        # language when the template renders `late.text`.
        late = late_actions_among(action_ids=[item.action_id for item in items], on=today)
        context["actions"] = [
            {
                "code": item.action.code,
                "title": item.action.title,
                "url": links.action_url(round=round, action=item.action),
                "late": late.get(item.action_id),
            }
            for item in items
        ]
        context["late_count"] = len(late)
        context["my_actions_url"] = links.my_actions_url(round=round)
    return context


def reminder_message(
    reminder: DueReminder, *, today: date, nudged_by: User | None = None
) -> EmailMultiAlternatives:
    """The e-mail for `reminder`, in its recipient's language."""
    template = TEMPLATES[ReminderDispatch.Kind(reminder.kind)]
    context = _context(reminder, today=today, nudged_by=nudged_by)
    with translation.override(reminder.recipient.language or "nl"):
        # The subject is plain text (rendered without escaping); the HTML part shows it
        # as a variable, escaped like every other text there.
        context["subject"] = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        message = EmailMultiAlternatives(
            subject=context["subject"],
            body=render_to_string(f"{template}.txt", context),
            to=[reminder.recipient.email],
        )
        message.attach_alternative(render_to_string(f"{template}.html", context), "text/html")
    return message
