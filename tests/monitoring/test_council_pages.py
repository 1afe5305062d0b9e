"""The council version of a plan's finalised monitors (ADR 0034, amending ADR 0015):
every member and the plan's outside reviewers see the list of finalised monitors, each
one's council version as it was frozen and its frozen PDF. A reviewer sees nothing else
of monitors: not drafts, the full version, rounds or the data downloads."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils.formats import date_format

from mvimonitor.monitoring import services
from mvimonitor.monitoring.models import EditionVariant
from mvimonitor.organisations.services import organisation_set_logo
from mvimonitor.rounds import services as round_services
from tests.monitoring.factories import MonitorFactory
from tests.monitoring.helpers import url
from tests.organisations.images import image_bytes

FINAL, DRAFT = date(2017, 9, 20), date(2017, 12, 20)
FINALISED_AT = datetime(2017, 9, 21, 16, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))


@pytest.fixture
def monitors(world):
    final = MonitorFactory(plan=world.plan, date=FINAL, summary="Helmond ligt op koers.")
    services.monitor_finalise(monitor=final, by=world.coordinator, at=FINALISED_AT)
    draft = MonitorFactory(plan=world.plan, date=DRAFT, summary="Nog niet vastgesteld.")
    return final, draft


def test_a_reviewer_finds_the_finalised_monitors_from_the_plan(world, login, monitors):
    client = login(world.reviewer)
    plan_page = client.get(reverse("plans:detail", args=["helmond", "helmond-mvi"]))
    assert f'href="{url("council_list")}"' in plan_page.content.decode()
    assert f'href="{url("list")}"' not in plan_page.content.decode()

    listed = client.get(url("council_list")).content.decode()
    assert url("council_detail", day=FINAL) in listed
    assert url("council_pdf", day=FINAL) in listed
    assert f"<td>{date_format(FINALISED_AT.date())}</td>" in listed  # when it was finalised
    assert url("council_detail", day=DRAFT) not in listed


def test_a_reviewer_reads_the_council_version_as_it_was_frozen(world, login, monitors):
    page = login(world.reviewer).get(url("council_detail", day=FINAL))

    assert page.status_code == 200
    shown = page.content.decode()
    assert "· council version</p>" in shown and "Helmond ligt op koers." in shown
    assert f"Version 1, finalised on {date_format(FINALISED_AT.date())}." in shown
    # The council version names nobody, not even who finalised it, and links to no
    # page the reviewer may not open.
    assert world.coordinator.full_name not in shown
    for closed in (url("detail", day=FINAL), url("figure", day=FINAL), url("list")):
        assert f'href="{closed}"' not in shown and f'href="{closed}?' not in shown
    assert 'id="report-rounds"' not in shown


def test_the_pdf_is_the_council_version_frozen_with_the_edition(world, login, monitors):
    final, _draft = monitors
    response = login(world.reviewer).get(url("council_pdf", day=FINAL))

    frozen = EditionVariant.objects.get(edition__monitor=final, variant="council")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response) == bytes(frozen.pdf)
    assert "council-version" in response["Content-Disposition"]


def test_a_draft_has_no_council_page_for_anyone(world, login, monitors):
    for user in (world.reviewer, world.coordinator):
        client = login(user)
        assert client.get(url("council_detail", day=DRAFT)).status_code == 404
        assert client.get(url("council_pdf", day=DRAFT)).status_code == 404


def test_a_reopened_monitor_is_no_longer_shown_to_a_reviewer(world, login, monitors):
    final, _draft = monitors
    services.monitor_reopen(monitor=final, reason="Cijfer 2.07 klopt niet.", by=world.coordinator)
    client = login(world.reviewer)
    assert client.get(url("council_detail", day=FINAL)).status_code == 404
    assert url("council_detail", day=FINAL) not in client.get(url("council_list")).content.decode()


def test_everything_else_of_monitors_stays_closed_to_a_reviewer(world, login, monitors):
    round_services.round_open(
        monitor=monitors[1], deadline=date(2017, 12, 10), by=world.coordinator
    )
    client = login(world.reviewer)
    closed = [
        url("list"),
        url("detail", day=FINAL),
        url("detail", day=FINAL) + "?variant=council",  # the editor's page, either version
        url("detail", day=DRAFT),
        url("download", day=FINAL, fmt="xlsx") + "?variant=council",
        url("download", day=FINAL, fmt="json") + "?variant=council",
        url("download", day=FINAL, fmt="docx") + "?variant=council",
        url("edition_pdf", day=FINAL, number=1) + "?variant=full",
        url("figure", day=FINAL),
        reverse("rounds:detail", args=["helmond", "helmond-mvi", DRAFT]),
        reverse("exchange:export", args=["helmond", "helmond-mvi"]),
    ]
    for address in closed:
        assert client.get(address).status_code == 403, address


def test_members_read_the_council_pages_too_with_a_way_to_the_whole_monitor(world, login, monitors):
    shown = login(world.viewer).get(url("council_detail", day=FINAL)).content.decode()
    assert f'href="{url("detail", day=FINAL)}"' in shown


def test_the_council_page_carries_the_organisations_logo_inside(world, login, monitors):
    organisation_set_logo(organisation=world.helmond, content=image_bytes(), by=None)
    shown = login(world.reviewer).get(url("council_detail", day=FINAL)).content.decode()
    assert '<img class="report-heading__logo" src="data:image/' in shown
    assert reverse("organisations:logo", args=["helmond"]) not in shown
