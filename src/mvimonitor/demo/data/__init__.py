"""The demo installation as plain data: organisations, users, plans and their actions.

The figures of Helmond's plan reproduce the real monitor of September 2017 (see
`helmond.py`); everything else is invented but plausible. The loader
(`mvimonitor.demo.services`) turns this data into records through the plans services,
so the demo has a real status history and audit trail.
"""

import datetime
from dataclasses import dataclass, field
from datetime import date

from mvimonitor.organisations.roles import Role


@dataclass(frozen=True)
class DemoAction:
    """One action. `history` lists its status changes oldest first, each written as
    "YYYY-MM-DD status" or "YYYY-MM-DD status: note"; the first one is the status the
    action starts with. `owner` is "@<role>" for the demo user with that role, or the
    name of an owner who has no account."""

    title: str
    history: tuple[str, ...]
    themes: tuple[str, ...] = ()
    department: str = ""
    owner: str = ""
    description: str = ""
    result: str = ""
    start_date: date | None = None
    due_date: date | None = None
    is_continuous: bool = False
    added_on: date | None = None  # None: the plan's adoption date


@dataclass(frozen=True)
class DemoPeriod:
    name: str
    actions: tuple[DemoAction, ...]


@dataclass(frozen=True)
class DemoUser:
    email: str
    full_name: str
    role: Role
    password: str  # used in demo mode only
    expires_on: date | None = None  # reviewers only: the last day of their access
    member_since: date | None = None  # None: since the plan was adopted


@dataclass(frozen=True)
class DemoSiteAdmin:
    """A site administrator of the demo installation: a member of no organisation."""

    email: str
    full_name: str
    password: str  # used in demo mode only


#: Creates organisations and invites their coordinators (docs/adr/0028-site-administrators.md).
SITE_ADMIN = DemoSiteAdmin("beheer@mvi.demo", "Sanne de Beheerder", "demo-beheer-2017")


@dataclass(frozen=True)
class DemoAnswer:
    """An owner's answer in the demo's update round: `state` "updated" (with a progress
    note; the action itself is left as its history has it) or "confirmed", given by the
    demo user `by` ("@owner", "@editor", "@coordinator") on `on`."""

    code: str
    state: str
    by: str
    on: datetime.date
    note: str = ""


@dataclass(frozen=True)
class DemoRound:
    """The update round for the draft monitor of `monitor_date`, opened on `opened_on`
    by the coordinator; every action not done on that day is asked. Actions without an
    answer stay open; once the coordinator closes the round on `closed_on`, they are
    its result ("not answered")."""

    monitor_date: datetime.date
    opened_on: datetime.date
    deadline: datetime.date
    message: str
    answers: tuple[DemoAnswer, ...] = ()
    closed_on: datetime.date | None = None  # closed by the coordinator; None: still open


@dataclass(frozen=True)
class DemoComment:
    """A comment by the demo user `by` on the plan (`code` "") or on an action, written
    on `on`, with the coordinator's `reply` (if any) on `replied_on`; resolved by the
    coordinator on `resolved_on` if set."""

    code: str
    by: str
    body: str
    on: datetime.date
    reply: str = ""
    replied_on: datetime.date | None = None
    resolved_on: datetime.date | None = None


@dataclass(frozen=True)
class DemoAttentionPoint:
    """An attention point of the plan, open from `raised_on` until `closed_on`
    (exclusive); `kind` is an AttentionPoint.Kind code, `date` when it happens."""

    kind: str
    text: str
    raised_on: datetime.date
    date: datetime.date | None = None  # a field named `date`: hence datetime.date
    closed_on: datetime.date | None = None


@dataclass(frozen=True)
class DemoCommunicationMoment:
    date: datetime.date
    text: str
    channel: str
    state: str  # a CommunicationMoment.State code


@dataclass(frozen=True)
class DemoMonitor:
    """A monitor the loader creates and finalises (in date order, so each one's
    previous monitor is the one before it)."""

    date: datetime.date
    summary: str
    next_monitor_on: datetime.date | None = None


@dataclass(frozen=True)
class DemoOrganisation:
    name: str
    slug: str
    plan_name: str
    plan_slug: str
    plan_description: str
    adopted_on: date
    starts_on: date
    ends_on: date
    #: theme code -> ambition level (1 basic, 2 significant, 3 ambitious)
    themes: dict[str, int]
    periods: tuple[DemoPeriod, ...]
    users: tuple[DemoUser, ...] = field(default=())
    attention_points: tuple[DemoAttentionPoint, ...] = field(default=())
    communication_moments: tuple[DemoCommunicationMoment, ...] = field(default=())
    monitors: tuple[DemoMonitor, ...] = field(default=())
    # Loaded after the monitors: the draft monitor's update round and review comments.
    update_round: DemoRound | None = None
    comments: tuple[DemoComment, ...] = field(default=())
