"""The import history and undo pages: what a coordinator sees and gets."""

from datetime import timedelta

import pytest
from django.urls import reverse

from mvimonitor.exchange.models import PlanImportRecord
from mvimonitor.plans.models import Action
from mvimonitor.review.services import comment_add
from tests.exchange.conftest import run_import, xlsx

HEADERS = ["Code", "Titel", "Periode", "Status"]


@pytest.fixture
def record(world, frozen_today, time_machine) -> PlanImportRecord:
    time_machine.shift(timedelta(minutes=1))
    data = xlsx([HEADERS, ["N1", "Nieuw", "Aan de slag in 2017", "lopend"]])
    result = run_import(world.plan, data, by=world.coordinator, filename="acties.xlsx")
    time_machine.shift(timedelta(minutes=1))
    return result.record


def url(world, name: str, **kwargs) -> str:
    return reverse(
        f"exchange:{name}",
        kwargs={"org_slug": world.helmond.slug, "plan_slug": world.plan.slug, **kwargs},
    )


def test_the_history_lists_each_import_with_its_counts(world, login, record):
    page = login(world.coordinator).get(url(world, "import_history")).content.decode()
    assert "acties.xlsx" in page
    assert url(world, "import_undo", record_id=record.pk) in page


def test_the_import_page_links_to_the_history_for_coordinators_only(world, login, record):
    history = url(world, "import_history")
    assert history in login(world.coordinator).get(url(world, "import")).content.decode()
    assert history not in login(world.editor).get(url(world, "import")).content.decode()


def test_the_confirmation_says_what_will_happen(world, login, record):
    page = login(world.coordinator).get(url(world, "import_undo", record_id=record.pk))
    text = page.content.decode()
    assert "remove 1 action it added" in text
    # Nothing to restore, and the new action's first status goes with it: no line says 0.
    assert "earlier values back" not in text
    assert "status change it recorded" not in text


def test_undoing_removes_the_actions_and_says_so(world, login, record):
    client = login(world.coordinator)
    response = client.post(
        url(world, "import_undo", record_id=record.pk), {"version": record.version}, follow=True
    )
    assert not Action.objects.filter(plan=world.plan, code="N1").exists()
    assert "The import of acties.xlsx has been undone" in response.content.decode()
    record.refresh_from_db()
    assert record.is_undone and record.undone_by == world.coordinator


def test_a_refused_undo_says_why_and_offers_no_button(world, login, record):
    n1 = Action.objects.get(plan=world.plan, code="N1")
    comment_add(plan=world.plan, author=world.editor, body="Waarom?", action=n1)
    page = login(world.coordinator).get(url(world, "import_undo", record_id=record.pk))
    text = page.content.decode()
    assert "Action N1 was commented on after the import." in text
    assert "Undo import</button>" not in text


def test_a_second_undo_from_the_same_page_undoes_nothing_more(world, login, record):
    client = login(world.coordinator)
    target = url(world, "import_undo", record_id=record.pk)
    client.post(target, {"version": record.version})
    response = client.post(target, {"version": record.version})
    assert response.status_code == 200
    assert "Nothing has been saved" in response.content.decode()
