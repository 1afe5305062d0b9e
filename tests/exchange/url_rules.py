"""Access rules of a plan's import history and undo pages, for tests/test_url_access.py:
coordinators only. A POST without a body answers the form with its error (200), undoing
nothing."""

from mvimonitor.exchange.models import PlanImportRecord
from tests.conftest import World
from tests.test_url_access import Rule, plan


def record(o) -> dict:
    return {**plan(o), "record_id": o.extra["import_record_id"]}


def foreign_record(o) -> dict:
    return {**plan(o), "record_id": o.extra["other_import_record_id"]}


RULES: dict[str, Rule] = {
    "exchange:import_history": Rule("manage", plan),
    "exchange:import_undo": Rule("manage", record, foreign_record, methods=("get", "post")),
}


def objects(world: World) -> dict:
    def made(plan) -> int:
        return PlanImportRecord.objects.create(plan=plan, file_name="acties.xlsx").pk

    return {
        "import_record_id": made(world.plan),
        "other_import_record_id": made(world.other_plan),
    }
