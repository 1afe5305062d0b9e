"""Hiding members' e-mail addresses from people who must not see them.

A user without a name is shown by their e-mail address (`User.display_name`). Outside
reviewers (organisations.access) must never see members' addresses, so while a view
runs for a reviewer the address is replaced by a neutral "(name unknown)". A context
variable, not a template filter, so that every name on a page (lists, history, forms,
comments, pages of apps added later) is covered without each template remembering it.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.utils.translation import gettext as _

_hidden: ContextVar[bool] = ContextVar("email_addresses_hidden", default=False)


@contextmanager
def email_addresses_hidden() -> Iterator[None]:
    """Within this block, `person_label` never returns an e-mail address."""
    token = _hidden.set(True)
    try:
        yield
    finally:
        _hidden.reset(token)


def person_label(*, full_name: str, email: str) -> str:
    """The name, else the e-mail address, unless addresses are hidden."""
    if full_name:
        return full_name
    return _("(name unknown)") if _hidden.get() else email
