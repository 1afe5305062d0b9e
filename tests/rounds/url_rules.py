"""Access rules for the rounds app's URLs (see tests/test_url_access.py): an open round
for a draft monitor in both organisations, asking about every action."""

from datetime import date

from mvimonitor.monitoring.models import Monitor
from mvimonitor.rounds.models import RoundItem, UpdateRound
from tests.test_url_access import Objects, Rule, draft, foreign_action, foreign_plan, own_action

ROUND_DAY = date(2017, 11, 15)


def round_day(o: Objects) -> dict:
    return {**draft(o), "day": o.extra["round_day"]}


def foreign_round(o: Objects) -> dict:
    return {**round_day(o), **foreign_plan(o)}


RULES: dict[str, Rule] = {
    "rounds:open": Rule(
        "manage", draft, lambda o: {**draft(o), **foreign_plan(o)}, methods=("get", "post")
    ),
    "rounds:detail": Rule("manage", round_day, foreign_round),
    "rounds:progress": Rule("manage", round_day, foreign_round),
    "rounds:nudge": Rule("manage", round_day, foreign_round, methods=("post",)),
    "rounds:owners": Rule("manage", round_day, foreign_round, methods=("post",)),
    "rounds:close": Rule("manage", round_day, foreign_round, methods=("get", "post")),
    "rounds:item_confirm": Rule("own-action", own_action, foreign_action, methods=("post",)),
    "rounds:item_update": Rule("own-action", own_action, foreign_action, methods=("post",)),
    "my_actions:list": Rule("login"),
}


def _open_round(plan) -> UpdateRound:
    """Made directly, not through the service: the access tests run on today's date,
    after a 2017 deadline."""
    monitor = Monitor.objects.create(plan=plan, date=ROUND_DAY)
    update_round = UpdateRound.objects.create(monitor=monitor, deadline=ROUND_DAY)
    RoundItem.objects.bulk_create(
        RoundItem(round=update_round, action=action, owner_id=action.owner_id)
        for action in plan.actions.all()
    )
    return update_round


def objects(world) -> dict:
    _open_round(world.plan)
    _open_round(world.other_plan)
    return {"round_day": ROUND_DAY}
