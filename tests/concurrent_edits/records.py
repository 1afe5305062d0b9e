"""One record of every kind a form of the project edits, in the shared world's
organisation: what the edit scenarios (edits.py) open twice."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from mvimonitor.monitoring.models import AttentionPoint, CommunicationMoment, Monitor
from mvimonitor.plans import services as plan_services
from mvimonitor.plans.models import Period, Theme
from mvimonitor.procurement.models import AppliedTheme, Contract, Tender
from mvimonitor.rounds.models import RoundItem, UpdateRound
from mvimonitor.targets.models import KpiKind, Target
from mvimonitor.targets.services import target_create
from tests.conftest import World
from tests.procurement.factories import AppliedThemeFactory, ContractFactory, TenderFactory

MONITOR_DAY = date(2017, 9, 20)
ROUND_DAY = date(2017, 11, 15)


@dataclass
class Records:
    world: World
    monitor: Monitor  # a draft, on MONITOR_DAY
    point: AttentionPoint
    moment: CommunicationMoment
    period: Period
    national_theme: Theme
    own_theme: Theme
    tender: Tender
    applied: AppliedTheme  # national_theme, applied in `tender`
    contract: Contract
    target: Target
    item: RoundItem  # the owned action's item in an open round


def _open_round(world: World) -> RoundItem:
    """Made directly, as in tests/rounds/url_rules.py: a round of a second draft monitor
    asking the owner about their action."""
    monitor = Monitor.objects.create(plan=world.plan, date=ROUND_DAY)
    update_round = UpdateRound.objects.create(monitor=monitor, deadline=ROUND_DAY)
    action = world.owned_action
    return RoundItem.objects.create(round=update_round, action=action, owner_id=action.owner_id)


def make_records(world: World) -> Records:
    national = Theme.objects.get(organisation=None, code="klimaat")
    tender = TenderFactory(organisation=world.helmond, reference="AB-2017-LOCK")
    return Records(
        world=world,
        monitor=Monitor.objects.create(plan=world.plan, date=MONITOR_DAY),
        point=AttentionPoint.objects.create(
            plan=world.plan, text="Budget onzeker", raised_on=date(2017, 8, 1)
        ),
        moment=CommunicationMoment.objects.create(
            plan=world.plan, date=date(2017, 7, 15), text="Artikel in het personeelsblad"
        ),
        period=world.plan.periods.get(position=0),
        national_theme=national,
        own_theme=plan_services.theme_create(organisation=world.helmond, name="Eigen thema"),
        tender=tender,
        applied=AppliedThemeFactory(tender=tender, theme=national),
        contract=ContractFactory(organisation=world.helmond, tender=None),
        target=target_create(
            plan=world.plan,
            title="Minimaal vijf aanbestedingen met MVI-impact",
            kpi_kind=KpiKind.MVI_COUNT,
            target_value=Decimal(5),
            starts_on=date(2017, 10, 1),
            deadline=date(2017, 12, 31),
        ),
        item=_open_round(world),
    )
