"""The monitor pages: the list, creating, editing, finalising and reopening a monitor,
and the report page with its sections, downloads and frozen versions."""

import json
from datetime import date

import pytest
from django.urls import reverse
from django.utils.formats import date_format

from mvimonitor.monitoring import services
from mvimonitor.monitoring.models import Monitor, MonitorEdition
from mvimonitor.monitoring.rendering.html import report_html
from mvimonitor.monitoring.rendering.json import report_json
from mvimonitor.monitoring.report import Report
from mvimonitor.monitoring.selectors import current_edition, frozen_report, report_for_date
from mvimonitor.plans.workflow import Status
from tests.factories import ActionFactory, ActionPlanFactory
from tests.monitoring.conftest import TODAY
from tests.monitoring.docx_reading import header_texts, opened, table_rows
from tests.monitoring.factories import (
    AttentionPointFactory,
    CommunicationMomentFactory,
    MonitorFactory,
)
from tests.monitoring.helpers import change, url

D = date(2017, 9, 20)


@pytest.fixture(autouse=True)
def _english_pages(settings, client):
    # The UI is Dutch unless the user picks English (a cookie), as a user would.
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


def day(value: date) -> str:
    """A date as the English pages write it."""
    return date_format(value)


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


# -- the list ----------------------------------------------------------------------------


def test_the_list_shows_each_monitor_with_its_state_and_next_date(world, login):
    MonitorFactory(plan=world.plan, date=date(2017, 7, 12), next_monitor_on=D)
    MonitorFactory(plan=world.plan, date=D, state=Monitor.State.FINAL)

    page = login(world.viewer).get(url("list")).content.decode()

    assert day(date(2017, 7, 12)) in page and day(D) in page
    assert "finalised" in page and "draft" in page
    assert url("detail", day=D) in page
    assert url("create") not in page


def test_only_a_coordinator_is_offered_a_new_monitor(world, login):
    assert url("create") in login(world.coordinator).get(url("list")).content.decode()
    assert url("create") not in login(world.editor).get(url("list")).content.decode()


def test_the_plan_page_links_to_its_monitors(world, login):
    plan_page = reverse("plans:detail", kwargs={"org_slug": "helmond", "plan_slug": "helmond-mvi"})
    assert url("list") in login(world.viewer).get(plan_page).content.decode()


# -- creating and editing -----------------------------------------------------------------


def test_a_new_monitor_is_dated_today_unless_the_coordinator_chooses(world, login):
    client = login(world.coordinator)
    assert client.get(url("create")).context["form"]["date"].value() == TODAY

    response = client.post(
        url("create"), {"date": "2017-09-20", "summary": " Goed op weg ", "next_monitor_on": ""}
    )

    monitor = Monitor.objects.get(plan=world.plan)
    assert response.status_code == 302 and response["Location"] == url("detail", day=D)
    assert (monitor.date, monitor.summary, monitor.state) == (D, "Goed op weg", "draft")


def test_a_second_monitor_on_the_same_date_is_refused_on_the_date_field(world, login):
    MonitorFactory(plan=world.plan, date=D)

    response = login(world.coordinator).post(url("create"), {"date": "2017-09-20"})

    assert response.status_code == 200
    assert f"already has a monitor on {day(D)}" in str(response.context["form"].errors)
    assert Monitor.objects.count() == 1


def test_a_monitor_with_a_bad_date_gets_a_message_not_an_error_page(world, login):
    response = login(world.coordinator).post(url("create"), {"date": "20-20-2017"})
    assert response.status_code == 200
    assert response.context["form"].errors["date"]
    assert not Monitor.objects.exists()


def test_a_draft_summary_and_next_monitor_date_can_be_changed(world, login):
    monitor = MonitorFactory(plan=world.plan, date=D)

    response = login(world.coordinator).post(
        url("edit", day=D),
        {"summary": "Nieuw", "next_monitor_on": "2017-11-22", "version": monitor.version},
    )

    monitor.refresh_from_db()
    assert response.status_code == 302
    assert (monitor.summary, monitor.next_monitor_on) == ("Nieuw", date(2017, 11, 22))


def test_a_next_monitor_before_this_one_is_refused(world, login):
    monitor = MonitorFactory(plan=world.plan, date=D)
    response = login(world.coordinator).post(
        url("edit", day=D),
        {"summary": "", "next_monitor_on": "2017-09-01", "version": monitor.version},
    )
    assert "must lie after the date of this monitor" in str(response.context["form"].errors)


def test_a_finalised_monitor_cannot_be_edited(world, login):
    MonitorFactory(plan=world.plan, date=D, state=Monitor.State.FINAL, summary="Vast")

    response = login(world.coordinator).post(
        url("edit", day=D), {"summary": "Anders", "next_monitor_on": ""}, follow=True
    )

    assert "A finalised monitor cannot be changed" in " ".join(messages_of(response))
    assert Monitor.objects.get().summary == "Vast"


@pytest.mark.parametrize("role", ["editor", "owner", "viewer"])
def test_only_a_coordinator_creates_and_finalises_monitors(world, login, role):
    MonitorFactory(plan=world.plan, date=D)
    client = login(world.user(role))
    assert client.post(url("create"), {"date": "2017-10-01"}).status_code == 403
    assert client.post(url("finalise", day=D)).status_code == 403
    assert Monitor.objects.get().state == "draft"


# -- finalising and reopening -------------------------------------------------------------


def test_finalising_freezes_the_report_and_keeps_it_when_history_changes(world, login):
    MonitorFactory(plan=world.plan, date=D)
    client = login(world.coordinator)

    response = client.post(url("finalise", day=D), follow=True)

    assert "has been finalised (version 1)" in " ".join(messages_of(response))
    edition = MonitorEdition.objects.get()
    assert bytes(edition.pdf).startswith(b"%PDF")
    completed_before = response.context["report"].totals()["completed"]
    change(world.unowned_action, Status.COMPLETED, date(2017, 9, 1))

    page = client.get(url("detail", day=D))

    assert page.context["report"].totals()["completed"] == completed_before
    assert page.context["report"] == frozen_report(edition=edition, variant="full")


def test_a_monitor_dated_in_the_future_is_not_finalised_and_says_why(world, login):
    MonitorFactory(plan=world.plan, date=date(2018, 1, 10))

    response = login(world.coordinator).post(url("finalise", day=date(2018, 1, 10)), follow=True)

    assert f"cannot be finalised; wait until {day(date(2018, 1, 10))}" in " ".join(
        messages_of(response)
    )
    assert Monitor.objects.get().state == "draft"
    assert not MonitorEdition.objects.exists()


def test_finalising_is_a_post(world, login):
    MonitorFactory(plan=world.plan, date=D)
    assert login(world.coordinator).get(url("finalise", day=D)).status_code == 405


def test_reopening_needs_a_reason_and_keeps_the_frozen_version(world, login):
    monitor = MonitorFactory(plan=world.plan, date=D)
    first = services.monitor_finalise(monitor=monitor, by=world.coordinator)
    client = login(world.coordinator)

    refused = client.post(url("reopen", day=D), {"reason": "  "})
    assert "reason" in refused.context["form"].errors
    assert Monitor.objects.get().is_final

    response = client.post(url("reopen", day=D), {"reason": "Cijfers A2 gecorrigeerd"})

    assert response.status_code == 302
    first.refresh_from_db()
    assert Monitor.objects.get().state == "draft"
    assert first.reopen_reason == "Cijfers A2 gecorrigeerd"
    assert first.reopened_by == world.coordinator
    page = client.get(url("detail", day=D)).content.decode()
    assert "Cijfers A2 gecorrigeerd" in page
    assert url("edition_pdf", day=D, number=1) in page
    pdf = client.get(url("edition_pdf", day=D, number=1))
    assert b"".join(pdf.streaming_content if pdf.streaming else [pdf.content]) == bytes(first.pdf)


def test_a_draft_cannot_be_reopened(world, login):
    MonitorFactory(plan=world.plan, date=D)
    response = login(world.coordinator).get(url("reopen", day=D), follow=True)
    assert "Only a finalised monitor can be reopened." in messages_of(response)


def test_a_finalised_again_monitor_lists_both_versions(world, login):
    monitor = MonitorFactory(plan=world.plan, date=D)
    services.monitor_finalise(monitor=monitor, by=world.coordinator)
    services.monitor_reopen(monitor=monitor, reason="Correctie", by=world.coordinator)
    services.monitor_finalise(monitor=monitor, by=world.editor)

    response = login(world.viewer).get(url("detail", day=D))

    assert [e.number for e in response.context["editions"]] == [2, 1]
    assert response.context["edition"].number == 2
    page = response.content.decode()
    assert "Correctie" in page and "current version" in page
    assert url("edition_pdf", day=D, number=2) in page


def test_an_edition_that_does_not_exist_is_not_found(world, login):
    MonitorFactory(plan=world.plan, date=D)
    assert login(world.viewer).get(url("edition_pdf", day=D, number=1)).status_code == 404


def test_a_date_that_is_no_date_is_not_found(world, login):
    assert (
        login(world.viewer).get("/o/helmond/plans/helmond-mvi/monitors/2017-02-30/").status_code
        == 404
    )


# -- the report page ------------------------------------------------------------------------


@pytest.fixture
def seed_like(world):
    """Around the seed's report of 20 September 2017: a finalised monitor on 12 July,
    an action completed since, a planned new action, attention points and moments."""
    period = world.owned_action.period
    done = ActionFactory(plan=world.plan, period=period, code="A3", result="Niet deelnemen")
    change(done, Status.COMPLETED, date(2017, 8, 1))
    ActionFactory(
        plan=world.plan,
        period=period,
        code="A4",
        title="Deelname aan opleiding circulair",
        status=Status.RUNNING,
        status_since=date(2017, 9, 1),
        added_on=date(2017, 9, 1),
        due_date=date(2017, 11, 1),
    )
    july = MonitorFactory(plan=world.plan, date=date(2017, 7, 12))
    services.monitor_finalise(monitor=july, by=world.coordinator)
    AttentionPointFactory(plan=world.plan, text="Onterecht negatieve publiciteit")
    AttentionPointFactory(
        plan=world.plan, text="Al gesloten", raised_on=date(2017, 5, 1), closed_on=date(2017, 6, 1)
    )
    CommunicationMomentFactory(plan=world.plan, text="Artikel in Helmond inside")
    CommunicationMomentFactory(
        plan=world.plan,
        text="Persmoment Stop en Go",
        date=date(2017, 10, 4),
        state="planned",
        channel="",
    )
    return MonitorFactory(
        plan=world.plan,
        date=D,
        summary="Helmond ligt op koers.",
        next_monitor_on=date(2017, 11, 22),
    )


def test_the_report_page_has_the_seeds_sections_as_of_the_monitor_date(world, login, seed_like):
    page = login(world.viewer).get(url("detail", day=D)).content.decode()

    assert "Gemeente Helmond" in page and "MVI-actieplan 2017-2020" in page
    assert "Helmond ligt op koers." in page
    assert "Number of actions per status per period" in page and "<svg" in page
    assert f"Realised actions (compared with {day(date(2017, 7, 12))})" in page
    assert "Niet deelnemen" in page
    assert "Planned actions (coming two months)" in page
    assert "new action" in page and "Deelname aan opleiding circulair" in page
    assert "Onterecht negatieve publiciteit" in page and "Al gesloten" not in page
    assert "Artikel in Helmond inside" in page and "Persmoment Stop en Go" in page
    assert f"Next monitor {day(date(2017, 11, 22))}" in page
    assert "Progress over the monitors" in page
    assert f"Live figures as of {day(D)}; they can still change" in page


def test_the_table_shows_the_change_since_the_previous_monitor(world, login, seed_like):
    response = login(world.viewer).get(url("detail", day=D))
    rows, totals = response.context["rows"], response.context["totals"]
    # Since 12 July: A3 completed, A4 added (running).
    assert rows[0].row.change_text == "completed +1, running +1, not started \N{MINUS SIGN}1"
    assert totals.row.change_text == rows[0].row.change_text
    assert rows[1].row.change_text == "no change"
    assert f"Change since {day(date(2017, 7, 12))}" in response.content.decode()


def test_without_a_finalised_monitor_the_report_counts_from_the_adoption(world, login):
    MonitorFactory(plan=world.plan, date=D)
    page = login(world.viewer).get(url("detail", day=D)).content.decode()
    adopted = day(world.plan.adopted_on)
    assert f"Realised actions (since the plan was adopted on {adopted})" in page
    assert f"Change since {adopted}" in page


def test_a_period_whose_actions_are_all_completed_gets_a_ticked_box(world, login):
    change(world.owned_action, Status.COMPLETED, date(2017, 8, 1))
    change(world.unowned_action, Status.COMPLETED, date(2017, 8, 1))
    MonitorFactory(plan=world.plan, date=D)

    page = login(world.viewer).get(url("detail", day=D)).content.decode()

    assert page.count("☑") == 1
    assert "all actions completed:" in page  # the text alternative of the box


def test_a_plan_without_periods_or_monitors_still_has_a_report(world, login):
    empty = ActionPlanFactory(organisation=world.helmond, slug="leeg")
    MonitorFactory(plan=empty, date=D)

    response = login(world.viewer).get(url("detail", day=D).replace("helmond-mvi", "leeg"))

    assert response.status_code == 200
    assert "This plan has no periods yet." in response.content.decode()


def test_the_planning_window_of_the_plan_names_the_report_heading(world, login):
    world.plan.planning_window_months = 3
    world.plan.save()
    MonitorFactory(plan=world.plan, date=D)
    page = login(world.viewer).get(url("detail", day=D)).content.decode()
    assert "Planned actions (coming three months)" in page


def test_a_coordinator_sees_the_buttons_a_viewer_does_not(world, login, seed_like):
    coordinator = login(world.coordinator).get(url("detail", day=D)).content.decode()
    assert url("finalise", day=D) in coordinator and url("edit", day=D) in coordinator

    viewer = login(world.viewer).get(url("detail", day=D)).content.decode()
    assert url("finalise", day=D) not in viewer and url("edit", day=D) not in viewer
    assert url("download", day=D, fmt="pdf") in viewer


# -- downloads ------------------------------------------------------------------------------


def test_the_json_download_is_the_reports_public_format(world, login, seed_like):
    response = login(world.viewer).get(url("download", day=D, fmt="json"))

    assert response["Content-Type"] == "application/json"
    assert 'filename="helmond-mvi-monitor-2017-09-20.json"' in response["Content-Disposition"]
    live = report_for_date(plan=world.plan, on=D, monitor=seed_like)
    assert json.loads(response.content) == report_json(live)


def test_a_final_monitors_pdf_is_the_stored_one_byte_for_byte(world, login, seed_like):
    services.monitor_finalise(monitor=seed_like, by=world.coordinator)
    edition = current_edition(monitor=seed_like)
    change(world.unowned_action, Status.COMPLETED, date(2017, 9, 1))

    response = login(world.viewer).get(url("download", day=D, fmt="pdf"))

    assert response["Content-Type"] == "application/pdf"
    assert response.content == bytes(edition.pdf)


def test_a_drafts_pdf_and_excel_are_rendered_live(world, login, seed_like):
    client = login(world.viewer)
    assert client.get(url("download", day=D, fmt="pdf")).content.startswith(b"%PDF")
    xlsx = client.get(url("download", day=D, fmt="xlsx"))
    assert xlsx.content.startswith(b"PK")
    assert xlsx["Content-Type"].endswith("spreadsheetml.sheet")


def test_an_unknown_download_format_is_not_found(world, login, seed_like):
    assert login(world.viewer).get(url("download", day=D, fmt="odt")).status_code == 404


def test_the_report_page_offers_word_beside_pdf_excel_and_json(world, login, seed_like):
    page = login(world.viewer).get(url("detail", day=D)).content.decode()

    links = [url("download", day=D, fmt=fmt) for fmt in ("pdf", "xlsx", "docx", "json")]
    assert all(link in page for link in links)
    assert "Download Word" in page


def test_the_word_download_is_a_docx_named_after_plan_and_date(world, login, seed_like):
    response = login(world.viewer).get(url("download", day=D, fmt="docx"))

    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    assert 'filename="helmond-mvi-monitor-2017-09-20.docx"' in response["Content-Disposition"]
    document = opened(response.content)
    assert "Helmond ligt op koers." in [p.text for p in document.paragraphs]
    assert header_texts(document)[0] == "CONCEPT"  # a draft


def test_a_final_monitors_word_document_is_rendered_from_its_frozen_edition(
    world, login, seed_like
):
    services.monitor_finalise(monitor=seed_like, by=world.coordinator)
    change(world.unowned_action, Status.COMPLETED, date(2017, 9, 1))

    document = opened(login(world.viewer).get(url("download", day=D, fmt="docx")).content)

    frozen = Report.from_storage(current_edition(monitor=seed_like).report)
    rows = table_rows(document.tables[0])
    assert rows[-1][2] == str(frozen.totals()["completed"])  # not the later completion
    assert "CONCEPT" not in header_texts(document)


def test_a_final_monitors_json_download_is_frozen(world, login, seed_like):
    services.monitor_finalise(monitor=seed_like, by=world.coordinator)
    frozen = report_json(Report.from_storage(current_edition(monitor=seed_like).report))
    change(world.unowned_action, Status.COMPLETED, date(2017, 9, 1))

    response = login(world.viewer).get(url("download", day=D, fmt="json"))

    assert json.loads(response.content) == frozen
    assert frozen["status"] == "final"


def test_the_report_page_names_the_monitor_once_in_the_breadcrumbs(world, login, seed_like):
    page = login(world.viewer).get(url("detail", day=D)).content.decode()
    crumbs = page[
        page.index('class="breadcrumbs"') : page.index("</nav>", page.index("breadcrumbs"))
    ]
    assert crumbs.count(f"Monitor {day(D)}") == 1


# -- the standalone HTML document and the plan's planning window ---------------------------


def test_the_standalone_html_document_is_the_report_without_links(world, seed_like):
    report = report_for_date(plan=world.plan, on=D, monitor=seed_like)

    document = report_html(report)

    assert document.startswith("<!DOCTYPE html>") and "<style>" in document
    assert "Number of actions per status per period" in document
    assert f"Realised actions (compared with {day(date(2017, 7, 12))})" in document
    assert "Onterecht negatieve publiciteit" in document and "<svg" in document
    assert "/figures/" not in document and "href=" not in document.split("<body>")[1]


def test_the_coordinator_sets_the_plans_planning_window(world, login):
    plan = world.plan
    fields = {
        "name": plan.name,
        "slug": plan.slug,
        "adopted_on": plan.adopted_on.isoformat(),
        "starts_on": plan.starts_on.isoformat(),
        "ends_on": plan.ends_on.isoformat(),
        "description": "",
    }
    edit = reverse("plans:edit", kwargs={"org_slug": "helmond", "plan_slug": plan.slug})
    client = login(world.coordinator)

    version = {"version": plan.version}
    assert (
        client.post(edit, {**fields, **version, "planning_window_months": "3"}).status_code == 302
    )
    plan.refresh_from_db()
    assert plan.planning_window_months == 3

    version = {"version": plan.version}
    client.post(edit, {**fields, **version, "planning_window_months": ""})  # left empty: kept
    plan.refresh_from_db()
    assert plan.planning_window_months == 3

    refused = client.post(edit, {**fields, "planning_window_months": "13"})
    assert refused.context["form"].errors["planning_window_months"]
