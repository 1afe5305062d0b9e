"""The report page switches between the two versions of the report (ADR 0025): the
full version by default, the council version with `?variant=council`; the downloads
carry the version shown, and a section's box shows only with its section."""

from datetime import date

import pytest

from mvimonitor.monitoring import services
from tests.monitoring.factories import MonitorFactory
from tests.monitoring.helpers import url

D = date(2017, 9, 20)


@pytest.fixture
def monitor(world):
    return MonitorFactory(plan=world.plan, date=D, summary="Helmond ligt op koers.")


def page(client, query: str = "") -> str:
    response = client.get(url("detail", day=D) + query)
    assert response.status_code == 200
    return response.content.decode()


def test_the_page_shows_the_full_version_by_default_with_a_switch_to_the_council_version(
    world, login, monitor
):
    shown = page(login(world.viewer))

    assert '<nav class="variant-switch" aria-label="Version of the report">' in shown
    assert '<a href="?variant=council">Council version</a>' in shown
    assert '<a href="?variant=full" aria-current="page">Full version</a>' in shown
    assert 'id="report-trend"' in shown


def test_the_council_version_is_in_the_url_and_every_download_carries_it(world, login, monitor):
    shown = page(login(world.viewer), "?variant=council")

    assert '<a href="?variant=council" aria-current="page">Council version</a>' in shown
    for fmt in ("pdf", "xlsx", "json"):
        assert f'href="{url("download", day=D, fmt=fmt)}?variant=council"' in shown
    assert 'id="report-trend"' not in shown  # not in the council version's default


@pytest.mark.parametrize("name", ["detail", "download"])
def test_a_version_that_does_not_exist_is_not_found(world, login, monitor, name):
    kwargs = {"fmt": "json"} if name == "download" else {}
    response = login(world.viewer).get(url(name, day=D, **kwargs) + "?variant=press")
    assert response.status_code == 404


def test_the_council_download_has_its_own_file_name(world, login, monitor):
    response = login(world.viewer).get(url("download", day=D, fmt="json") + "?variant=council")
    disposition = response["Content-Disposition"]
    assert disposition.endswith('-monitor-2017-09-20-council-version.json"')
    full = login(world.viewer).get(url("download", day=D, fmt="json"))
    assert full["Content-Disposition"].endswith('-monitor-2017-09-20.json"')


def test_the_round_box_shows_with_the_full_version_only(world, login, monitor):
    coordinator = login(world.coordinator)
    assert 'id="round-box-heading"' in page(coordinator, "?variant=full")
    assert 'id="round-box-heading"' not in page(coordinator, "?variant=council")


def test_a_final_monitor_offers_both_versions_of_each_edition(world, login, monitor):
    services.monitor_finalise(monitor=monitor, by=world.coordinator)
    shown = page(login(world.viewer))
    edition = url("edition_pdf", day=D, number=1)
    assert f'href="{edition}?variant=council"' in shown and "Council version 1" in shown
    assert f'href="{edition}?variant=full"' in shown and "Full version 1" in shown
