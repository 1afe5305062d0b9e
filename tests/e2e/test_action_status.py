"""Changing the status of an action on its page: htmx swaps the status block in place,
the history gains a row, and a change the workflow forbids is refused with its message."""

from datetime import date

import pytest
from django.utils import formats, translation
from playwright.sync_api import Page, expect

from mvimonitor.plans.models import Action, StatusChange
from mvimonitor.plans.workflow import Status, TransitionError, check_transition
from tests.conftest import World
from tests.e2e.conftest import assert_accessible, assert_focus_visible, log_in, tab_to, url


def workflow_message(current: Status, target: Status, note: str = "") -> str:
    """The workflow's own refusal, in Dutch as the page shows it."""
    with translation.override("nl"), pytest.raises(TransitionError) as refusal:
        check_transition(current, target, note=note)
    with translation.override("nl"):
        return str(refusal.value)


def in_dutch_date(day: date) -> str:
    with translation.override("nl"):
        return formats.date_format(day, "DATE_FORMAT")


def history_rows(page: Page):
    return page.locator("#status-block table tbody tr")


def open_action(page: Page, world: World, action: Action) -> None:
    page.goto(url("plans:action_detail", org_slug="helmond", plan_slug="helmond-mvi", pk=action.pk))
    # Marks this document: after an htmx swap the mark is still there, after a reload not.
    page.evaluate("window.loadedOnce = true")


def test_a_status_change_appears_in_place_with_its_history_row(page: Page, world: World):
    action = world.owned_action
    log_in(page, world.editor.email, world.password)
    open_action(page, world, action)
    expect(history_rows(page)).to_have_count(1)

    page.locator("#id_to_status").select_option(Status.COMPLETED.value)
    page.locator("#id_effective_on").fill("2017-09-20")
    page.locator("#id_note").fill("Opgeleverd aan de raad")
    page.locator("#status-block form button[type=submit]").click()

    status_now = page.locator("#status-block > p").filter(has=page.locator(".status"))
    expect(status_now.locator(".status")).to_have_class("status status--completed")
    expect(status_now).to_contain_text(in_dutch_date(date(2017, 9, 20)))
    expect(history_rows(page)).to_have_count(2)
    new_row = history_rows(page).last
    expect(new_row.locator("th")).to_have_text(in_dutch_date(date(2017, 9, 20)))
    expect(new_row.locator(".status--running")).to_have_count(1)
    expect(new_row.locator(".status--completed")).to_have_count(1)
    expect(new_row).to_contain_text("Opgeleverd aan de raad")
    expect(new_row).to_contain_text(world.editor.display_name)
    assert page.evaluate("window.loadedOnce") is True, "the page was reloaded"
    expect(page.locator("#status-heading")).to_be_focused()
    assert_accessible(page)

    action.refresh_from_db()
    assert action.status == Status.COMPLETED
    change = StatusChange.objects.filter(action=action).latest("recorded_at", "id")
    assert (change.from_status, change.to_status) == (Status.RUNNING, Status.COMPLETED)
    assert change.effective_on == date(2017, 9, 20)


def test_a_completed_action_offers_only_reopening_and_that_needs_a_note(page: Page, world: World):
    action = world.owned_action
    log_in(page, world.editor.email, world.password)
    open_action(page, world, action)
    page.locator("#id_to_status").select_option(Status.COMPLETED.value)
    page.locator("#id_effective_on").fill("2017-09-20")
    page.locator("#status-block form button[type=submit]").click()
    expect(page.locator("#status-block > p .status--completed")).to_be_visible()

    # completed -> not started is not offered; completed -> running is.
    options = page.locator("#id_to_status option")
    expect(options).to_have_count(1)
    expect(options).to_have_attribute("value", Status.RUNNING.value)

    page.locator("#status-block form button[type=submit]").click()  # no note
    error = workflow_message(Status.COMPLETED, Status.RUNNING)
    expect(page.locator("#status-block")).to_contain_text(error)
    expect(page.locator("#id_to_status")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#status-block > p .status--completed")).to_be_visible()
    expect(history_rows(page)).to_have_count(2)
    assert page.evaluate("window.loadedOnce") is True, "the page was reloaded"
    assert_accessible(page)

    # Even a status the page does not offer is refused by the server, with the reason.
    page.locator("#id_to_status").evaluate(
        "(select, value) => select.add(new Option('x', value, true, true))",
        Status.NOT_STARTED.value,
    )
    page.locator("#status-block form button[type=submit]").click()
    expect(page.locator("#status-block")).to_contain_text(
        workflow_message(Status.COMPLETED, Status.NOT_STARTED)
    )
    expect(history_rows(page)).to_have_count(2)
    action.refresh_from_db()
    assert action.status == Status.COMPLETED
    assert StatusChange.objects.filter(action=action).count() == 2


def test_the_status_form_works_with_the_keyboard_alone(page: Page, world: World):
    action = world.owned_action
    log_in(page, world.owner.email, world.password)
    open_action(page, world, action)

    tab_to(page, "#id_to_status")
    assert_focus_visible(page)
    for _ in range(5):
        if page.locator("#id_to_status").input_value() == Status.POSTPONED.value:
            break
        page.keyboard.press("ArrowDown")
    expect(page.locator("#id_to_status")).to_have_value(Status.POSTPONED.value)
    tab_to(page, "#id_note")
    page.keyboard.type("Wacht op de nieuwe raamovereenkomst")
    tab_to(page, "#status-block form button[type=submit]")
    assert_focus_visible(page)
    page.keyboard.press("Enter")

    expect(page.locator("#status-block > p .status--postponed")).to_be_visible()
    expect(history_rows(page).last).to_contain_text("Wacht op de nieuwe raamovereenkomst")
    # The result is announced: the focus moves to the status heading.
    expect(page.locator("#status-heading")).to_be_focused()
    assert page.evaluate("window.loadedOnce") is True, "the page was reloaded"
