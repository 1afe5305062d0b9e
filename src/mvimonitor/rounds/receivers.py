"""What the rounds app does when something happens elsewhere (connected in apps.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.dispatch import receiver

from mvimonitor.organisations.signals import invitation_accepted
from mvimonitor.rounds.services import invitation_accepted_assign

if TYPE_CHECKING:
    from mvimonitor.organisations.models import Invitation, Membership


@receiver(invitation_accepted, dispatch_uid="rounds.assign_invited_owner")
def assign_invited_owner(
    sender: Any, *, invitation: Invitation, membership: Membership, **kwargs: Any
) -> None:
    """An owner invited by name from a round now has an account: give them their
    actions (in the same transaction as the acceptance)."""
    invitation_accepted_assign(invitation=invitation, user=membership.user)
