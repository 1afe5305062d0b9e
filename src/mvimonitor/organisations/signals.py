"""Signals other apps may listen to, so that organisations needs not know them.

`invitation_accepted` is sent by services.invitation_accept inside its transaction,
after the membership exists, with `invitation` and `membership`: a receiver that raises
undoes the acceptance. The rounds app listens to give invited owners their actions."""

from django.dispatch import Signal

invitation_accepted = Signal()
