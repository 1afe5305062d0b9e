"""Writes to comments: adding a comment or reply, resolving and reopening a thread;
for loading a history only, back-dating a comment.

Who may do what is checked here too, not only in the views: members of the plan's
organisation and the plan's own outside reviewers (while their access lasts) comment;
coordinators resolve and reopen. See docs/adr/0015-outside-reviewers.md.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mvimonitor.organisations.roles import can_comment, can_resolve_comment
from mvimonitor.organisations.selectors import plan_membership
from mvimonitor.review.models import COMMENT_MAX_LENGTH, Comment

if TYPE_CHECKING:
    from mvimonitor.accounts.models import User
    from mvimonitor.plans.models import Action, ActionPlan


def _check_body(body: str) -> str:
    body = body.strip()
    if not body:
        raise ValidationError({"body": _("Write a comment.")})
    if len(body) > COMMENT_MAX_LENGTH:
        raise ValidationError(
            {
                "body": _("A comment may be at most %(max)s characters; this one has %(n)s.")
                % {"max": COMMENT_MAX_LENGTH, "n": len(body)}
            }
        )
    return body


def _thread_of(*, parent: Comment, plan: ActionPlan, action: Action | None) -> Comment:
    """The thread a reply joins: the parent's own thread (a reply to a reply joins the
    same thread), on the same plan and action, and not resolved."""
    thread = Comment.objects.select_for_update().get(pk=parent.parent_id or parent.pk)
    if thread.plan_id != plan.pk or (action is not None and thread.action_id != action.pk):
        raise ValidationError(_("A reply belongs to the same plan and action as its comment."))
    if thread.resolved_at is not None:
        raise ValidationError(
            _("This discussion has been resolved. A coordinator can reopen it to continue.")
        )
    return thread


@transaction.atomic
def comment_add(
    *,
    plan: ActionPlan,
    author: User,
    body: str,
    action: Action | None = None,
    parent: Comment | None = None,
) -> Comment:
    """Add a comment on `plan` (or on its `action`), or a reply to `parent`'s thread,
    which it joins with that thread's action."""
    membership = plan_membership(user=author, plan=plan)
    if membership is None or not can_comment(membership.role):
        raise ValidationError(_("You cannot comment on this plan."))
    if action is not None and action.plan_id != plan.pk:
        raise ValidationError(_("This action is not in this plan."))
    body = _check_body(body)
    if parent is not None:
        thread = _thread_of(parent=parent, plan=plan, action=action)
        parent, action = thread, thread.action
    return Comment.objects.create(plan=plan, action=action, parent=parent, author=author, body=body)


def _check_may_resolve(comment: Comment, by: User) -> Comment:
    membership = plan_membership(user=by, plan=comment.plan)
    if membership is None or not can_resolve_comment(membership.role):
        raise ValidationError(_("Only a coordinator can resolve or reopen a discussion."))
    if comment.parent_id is not None:
        raise ValidationError(_("A discussion is resolved as a whole, from its first comment."))
    locked: Comment = Comment.objects.select_for_update().get(pk=comment.pk)
    return locked


@transaction.atomic
def comment_resolve(*, comment: Comment, by: User) -> Comment:
    """Mark the thread `comment` starts as resolved (coordinators only)."""
    locked = _check_may_resolve(comment, by)
    if locked.resolved_at is not None:
        raise ValidationError(_("This discussion has already been resolved."))
    locked.resolved_at = timezone.now()
    locked.resolved_by = by
    locked.save(update_fields=["resolved_at", "resolved_by"])
    comment.resolved_at, comment.resolved_by = locked.resolved_at, by
    return locked


@transaction.atomic
def comment_reopen(*, comment: Comment, by: User) -> Comment:
    """Open a resolved thread again (coordinators only)."""
    locked = _check_may_resolve(comment, by)
    if locked.resolved_at is None:
        raise ValidationError(_("This discussion is open."))
    locked.resolved_at = None
    locked.resolved_by = None
    locked.save(update_fields=["resolved_at", "resolved_by"])
    comment.resolved_at, comment.resolved_by = None, None
    return locked


@transaction.atomic
def comment_back_date(
    *,
    comment: Comment,
    created_at: datetime | None = None,
    resolved_at: datetime | None = None,
) -> Comment:
    """Only for loading a history kept elsewhere (the demo's comments of 2017): date
    `comment` as written at `created_at` and, its discussion being resolved, as resolved
    at `resolved_at`, instead of the moments comment_add and comment_resolve recorded.
    What people write is dated when they write it and never back-dated; no page calls
    this. A resolution for an open discussion, or one before the comment was written,
    is refused with a ValueError (a loader's mistake, not a user's); nothing is saved."""
    changes = {
        name: value
        for name, value in (("created_at", created_at), ("resolved_at", resolved_at))
        if value is not None
    }
    if not changes:
        return comment
    stored_created, stored_resolved = (
        Comment.objects.filter(pk=comment.pk).values_list("created_at", "resolved_at").get()
    )
    if resolved_at is not None and stored_resolved is None:
        raise ValueError("An open discussion has no resolution to date.")
    written, resolved = created_at or stored_created, resolved_at or stored_resolved
    if resolved is not None and resolved < written:
        raise ValueError("A discussion cannot be resolved before its comment was written.")
    # Recorded in the audit trail like any other write (AuditedQuerySet.update).
    Comment.objects.filter(pk=comment.pk).update(**changes)
    for name, value in changes.items():
        setattr(comment, name, value)
    return comment
