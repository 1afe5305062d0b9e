"""Access rules of the target pages for tests/test_url_access.py."""

from datetime import date
from decimal import Decimal

from mvimonitor.targets.models import KpiKind
from mvimonitor.targets.services import target_create
from tests.test_url_access import Rule, plan


def _target(o) -> dict:
    return {**plan(o), "pk": o.extra["target_id"]}


def _foreign_target(o) -> dict:
    return {**plan(o), "pk": o.extra["other_target_id"]}


def _foreign_plan(o) -> dict:
    return {**plan(o), "plan_slug": o.world.other_plan.slug}


RULES: dict[str, Rule] = {
    "targets:list": Rule("read", plan, _foreign_plan),
    "targets:create": Rule("manage", plan, _foreign_plan),
    "targets:detail": Rule("read", _target, _foreign_target),
    "targets:edit": Rule("manage", _target, _foreign_target),
    "targets:delete": Rule("manage", _target, _foreign_target),
}


def objects(world) -> dict:
    def create(plan):
        return target_create(
            plan=plan,
            title="Minimaal vijf aanbestedingen met MVI-impact",
            kpi_kind=KpiKind.MVI_COUNT,
            target_value=Decimal(5),
            starts_on=date(2017, 10, 1),
            deadline=date(2017, 12, 31),
        )

    return {"target_id": create(world.plan).pk, "other_target_id": create(world.other_plan).pk}
