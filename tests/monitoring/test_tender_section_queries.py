"""The section "Tenders and targets" reads the register once for its lists, totals,
targets and share per theme: six queries whatever the number of tenders, contracts or
targets, three for an organisation without tenders."""

from datetime import date, timedelta

import pytest

from mvimonitor.plans.models import ActionPlan
from mvimonitor.targets.report_section import tenders_targets
from tests.factories import ActionPlanFactory
from tests.monitoring.tender_samples import contract, five_tenders_target, share_target, tender

D = date(2017, 9, 20)


def _fresh(plan: ActionPlan) -> ActionPlan:
    return ActionPlan.objects.select_related("organisation").get(pk=plan.pk)


def _section(fresh: ActionPlan):
    return tenders_targets(
        plan=fresh, on=D, baseline=date(2017, 7, 12), window_end=date(2017, 11, 20)
    )


@pytest.mark.parametrize("size", [2, 40])
def test_the_section_reads_the_register_once_whatever_its_size(db, django_assert_num_queries, size):
    plan = ActionPlanFactory()
    for n in range(size):
        registered = date(2017, 6, 15) + timedelta(days=n * 2)
        item = tender(
            plan.organisation,
            f"Q{n:03d}",
            registered_on=registered,
            phases=((registered + timedelta(days=30), "publication"),),
            themes=("klimaat",) if n % 2 else (),
        )
        contract(plan.organisation, f"QC{n:03d}", registered + timedelta(days=60), tender=item)
    for n in range(size // 2 or 1):
        five_tenders_target(plan, title=f"Doel {n}")
    share_target(plan)

    fresh = _fresh(plan)
    with django_assert_num_queries(6):
        section = _section(fresh)

    assert section.tenders and section.contracts and section.mvi_share
    assert len(section.targets) == (size // 2 or 1) + 1


def test_without_tenders_the_section_takes_three_queries(db, django_assert_num_queries):
    plan = ActionPlanFactory()
    five_tenders_target(plan)

    fresh = _fresh(plan)
    with django_assert_num_queries(3):
        section = _section(fresh)

    assert section.tender_count == 0 and section.tenders == [] and section.mvi_share == []
    assert len(section.targets) == 1
