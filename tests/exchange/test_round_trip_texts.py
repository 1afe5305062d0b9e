"""Whatever text the action form takes comes back unchanged from an export read in again
(issue 12, item 3): random texts, long ones about the maxima and a spreadsheet cell's
32,767 characters, formula-like ones (= + - @, also behind a tab or a carriage return),
line breaks as a browser sends them (CR LF), right-to-left marks and emoji; through the
real page, in .xlsx and in .ods. The import then reports no change and writes nothing."""

from django.db import transaction
from django.urls import reverse
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

from mvimonitor.exchange import selectors as exchange_selectors
from mvimonitor.exchange.columns import EXPORTED
from mvimonitor.exchange.services import plan_export_xlsx, plan_lookups
from mvimonitor.exchange.tables import Table, table_ods
from mvimonitor.exchange.writing import SHEET_TITLE, action_cells
from mvimonitor.plans import selectors as plan_selectors
from mvimonitor.plans.models import Action, ActionPlan
from tests.exchange.test_export import assert_round_trip_changes_nothing
from tests.texts import about, beyond, filled, texts, up_to

#: Long texts: up to and just over the long texts' maximum of issue 12 (ADR 0023).
long_texts = st.one_of(texts, about(10_000), beyond(10_000))


def plan_export_ods(plan: ActionPlan) -> bytes:
    """The plan's export as .ods: the cells of the .xlsx export, written by the same
    table writer as the tender register's .ods."""
    lookups = plan_lookups(plan=plan, actions=Action.objects.none())
    actions = exchange_selectors.exportable_actions(actions=plan_selectors.plan_actions(plan=plan))
    rows = [[action_cells(action, lookups)[c.field] for c in EXPORTED] for action in actions]
    return table_ods(Table(title=SHEET_TITLE, headers=[c.header for c in EXPORTED], rows=rows))


def edit(client, action: Action, texts: dict[str, str]):
    data = {
        "version": action.version,
        "code": action.code,
        "period": action.period_id,
        "themes": [],
        "owner": "",
        "added_kind": "initial",
        "to_status": "",
        "effective_on": "2017-09-20",
        "note": "",
        **texts,
    }
    url = reverse(
        "plans:action_edit",
        kwargs={"org_slug": "helmond", "plan_slug": action.plan.slug, "pk": action.pk},
    )
    return client.post(url, data)


@given(
    title=filled(300),
    description=long_texts,
    owner_name=up_to(150),
    department=up_to(150),
    result=st.one_of(texts, about(10_000)),
)
@example(title="Titel", description="x" * 40_000, owner_name="", department="", result="")
@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_any_text_the_action_form_takes_survives_export_and_import_in_xlsx_and_ods(
    world, frozen_today, login, title, description, owner_name, department, result
):
    client = login(world.editor)
    action = world.unowned_action
    texts = {
        "title": title,
        "description": description,
        "owner_name": owner_name,
        "department": department,
        "result": result,
    }
    with transaction.atomic():
        response = edit(client, action, texts)
        if response.status_code == 302:
            event("taken by the form, exported and imported")
            plan = world.plan
            assert_round_trip_changes_nothing(plan, data=plan_export_xlsx(plan=plan))
            assert_round_trip_changes_nothing(plan, data=plan_export_ods(plan), filename="p.ods")
        else:
            assert response.context["form"].errors  # refused, with a message
        transaction.set_rollback(True)
