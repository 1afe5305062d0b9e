"""One record of every kind a form of the project edits, in the shared world's
organisation: what the edit scenarios (edits.py) open twice. Each is made when a
scenario first asks for it, so that a scenario pays only for its own records."""

from datetime import date
from decimal import Decimal
from functools import cached_property

from mvimonitor.accounts.models import User
from mvimonitor.monitoring.models import AttentionPoint, CommunicationMoment, Monitor
from mvimonitor.plans import services as plan_services
from mvimonitor.plans.models import Period, Theme
from mvimonitor.procurement.models import AppliedTheme, Contract, Tender
from mvimonitor.rounds.models import RoundItem, UpdateRound
from mvimonitor.targets.models import KpiKind, Target
from mvimonitor.targets.services import target_create
from tests.conftest import World
from tests.factories import SiteAdminFactory
from tests.procurement.factories import AppliedThemeFactory, ContractFactory, TenderFactory

MONITOR_DAY = date(2017, 9, 20)
ROUND_DAY = date(2017, 11, 15)


class Records:
    def __init__(self, world: World) -> None:
        self.world = world

    @cached_property
    def site_admin(self) -> User:
        """A site administrator of the installation, a member of no organisation."""
        return SiteAdminFactory()

    @cached_property
    def monitor(self) -> Monitor:
        """A draft, on MONITOR_DAY."""
        return Monitor.objects.create(plan=self.world.plan, date=MONITOR_DAY)

    @cached_property
    def point(self) -> AttentionPoint:
        return AttentionPoint.objects.create(
            plan=self.world.plan, text="Budget onzeker", raised_on=date(2017, 8, 1)
        )

    @cached_property
    def moment(self) -> CommunicationMoment:
        return CommunicationMoment.objects.create(
            plan=self.world.plan, date=date(2017, 7, 15), text="Artikel in het personeelsblad"
        )

    @cached_property
    def period(self) -> Period:
        return self.world.plan.periods.get(position=0)

    @cached_property
    def national_theme(self) -> Theme:
        return Theme.objects.get(organisation=None, code="klimaat")

    @cached_property
    def own_theme(self) -> Theme:
        return plan_services.theme_create(organisation=self.world.helmond, name="Eigen thema")

    @cached_property
    def tender(self) -> Tender:
        return TenderFactory(organisation=self.world.helmond, reference="AB-2017-LOCK")

    @cached_property
    def applied(self) -> AppliedTheme:
        """The national theme, applied in `tender`."""
        return AppliedThemeFactory(tender=self.tender, theme=self.national_theme)

    @cached_property
    def contract(self) -> Contract:
        return ContractFactory(organisation=self.world.helmond, tender=None)

    @cached_property
    def target(self) -> Target:
        return target_create(
            plan=self.world.plan,
            title="Minimaal vijf aanbestedingen met MVI-impact",
            kpi_kind=KpiKind.MVI_COUNT,
            target_value=Decimal(5),
            starts_on=date(2017, 10, 1),
            deadline=date(2017, 12, 31),
        )

    @cached_property
    def item(self) -> RoundItem:
        """The owned action's item in an open round, made directly as in
        tests/rounds/url_rules.py: a round of a second draft monitor."""
        monitor = Monitor.objects.create(plan=self.world.plan, date=ROUND_DAY)
        update_round = UpdateRound.objects.create(monitor=monitor, deadline=ROUND_DAY)
        action = self.world.owned_action
        return RoundItem.objects.create(round=update_round, action=action, owner_id=action.owner_id)
