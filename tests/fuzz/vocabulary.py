"""Valid cells of the columns the importers share in kind: amounts, dates, the
organisation's members and themes, all read from the test's world."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db.models import Q
from hypothesis import strategies as st

from mvimonitor.accounts.models import User
from mvimonitor.plans.models import Theme
from tests.fuzz.cells import around, date_cells, hostile_texts, short_texts

TITLES = st.one_of(
    st.sampled_from(["Circulair inkopen", "Social return", "Opleiding", "Titel  met ruimte "]),
    short_texts,
    hostile_texts,
)


def days(first: date, last: date) -> st.SearchStrategy[object]:
    return date_cells(around(first, last))


def _dutch(amount: Decimal) -> str:
    """1250000.5 as "1.250.000,50"."""
    return f"{amount:,.2f}".replace(",", " ").replace(".", ",").replace(" ", ".")


_euros = st.decimals(min_value=0, max_value=10**9, places=2)
#: An amount as a number cell (whole or with cents) or as text, Dutch or plain.
AMOUNTS = st.one_of(
    _euros.map(float),
    st.integers(0, 10**9),
    _euros.map(_dutch),
    _euros.map(lambda d: f"€ {_dutch(d)}"),
    _euros.map(str),
)


def members(organisation) -> list[str]:
    """The e-mail addresses and names of the organisation's members."""
    users = User.objects.filter(memberships__organisation=organisation)
    return [w for u in users for w in (u.email, u.full_name) if w]


def themes(organisation) -> list[Theme]:
    return list(Theme.objects.filter(Q(organisation=None) | Q(organisation=organisation)))


def theme_words(organisation) -> list[str]:
    return [w for t in themes(organisation) for w in (t.code, t.name) if w]
