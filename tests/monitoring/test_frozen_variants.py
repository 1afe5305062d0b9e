"""Frozen per variant (issue 13, item 4; ADR 0025): finalising stores, for each variant,
its sections in order, the commentary under them and its PDF. A finalised monitor's
versions never change when the plan's composition or the commentary changes later;
reopening and finalising again makes a new edition with the new ones. A monitor
finalised before variants existed keeps its PDF as its full version and shows its
council version from its frozen data, with the default sections and no commentary."""

import json
import subprocess
import tempfile
from datetime import date

import pytest

from mvimonitor.monitoring import services
from mvimonitor.monitoring.models import EditionVariant, MonitorEdition, SectionCommentary
from mvimonitor.monitoring.selectors import current_edition, report_for_date
from tests.monitoring.factories import MonitorFactory
from tests.monitoring.helpers import url
from tests.monitoring.test_variants import EVERY_SECTION, SEED_ORDER

D = date(2017, 9, 20)
CHART = "Het aantal voltooide acties steeg met twee."


@pytest.fixture
def monitor(world):
    monitor = MonitorFactory(plan=world.plan, date=D, summary="Helmond ligt op koers.")
    services.monitor_update(
        monitor=monitor,
        summary=monitor.summary,
        next_monitor_on=None,
        by=None,
        commentary={"status_chart": CHART},
    )
    return monitor


def pdf_text(content: bytes) -> str:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as source:
        source.write(content)
        source.flush()
        result = subprocess.run(["pdftotext", source.name, "-"], capture_output=True, text=True)
        return result.stdout


def outputs(client) -> dict[str, str]:
    """Both variants' page (its report), PDF text and JSON, as downloaded now."""
    found = {}
    for variant in ("council", "full"):
        query = f"?variant={variant}"
        page = client.get(url("detail", day=D) + query).content.decode()
        found[f"{variant}.page"] = page[page.index('<div class="report">') : page.index("</main>")]
        found[f"{variant}.pdf"] = pdf_text(
            client.get(url("download", day=D, fmt="pdf") + query).content
        )
        found[f"{variant}.json"] = client.get(
            url("download", day=D, fmt="json") + query
        ).content.decode()
    return found


def test_finalising_stores_each_variants_sections_commentary_and_pdf(world, monitor):
    edition = services.monitor_finalise(monitor=monitor, by=world.coordinator)

    council = EditionVariant.objects.get(edition=edition, variant="council")
    full = EditionVariant.objects.get(edition=edition, variant="full")
    assert council.section_ids == SEED_ORDER and full.section_ids == EVERY_SECTION
    assert council.commentary == full.commentary == {"status_chart": CHART}
    assert bytes(council.pdf).startswith(b"%PDF") and full.pdf is None  # the edition's own
    assert "Raadsversie" in pdf_text(bytes(council.pdf))
    assert "Volledige versie" in pdf_text(bytes(edition.pdf))


def test_a_finalised_monitor_keeps_both_versions_when_composition_and_commentary_change(
    world, login, monitor
):
    services.monitor_finalise(monitor=monitor, by=world.coordinator)
    client = login(world.viewer)
    before = outputs(client)

    services.report_composition_save(
        plan=world.plan, variant="council", section_ids=["status_table", "summary"], by=None
    )
    services.report_composition_save(
        plan=world.plan, variant="full", section_ids=["trend"], by=None
    )
    # The commentary cannot be changed while the monitor is final; changed behind the
    # service's back, the frozen versions do not read it either.
    SectionCommentary.objects.filter(monitor=monitor).update(text="Later geschreven")

    assert outputs(client) == before
    assert CHART in before["council.page"] and CHART in before["council.pdf"]
    assert json.loads(before["council.json"])["sections"] == SEED_ORDER


def test_reopening_and_finalising_again_freezes_the_new_composition_and_commentary(
    world, login, monitor
):
    first = services.monitor_finalise(monitor=monitor, by=world.coordinator)
    services.report_composition_save(
        plan=world.plan, variant="council", section_ids=["status_table", "summary"], by=None
    )
    services.monitor_reopen(monitor=monitor, reason="Cijfers aangevuld", by=world.coordinator)
    monitor.refresh_from_db()
    services.monitor_update(
        monitor=monitor,
        summary=monitor.summary,
        next_monitor_on=None,
        by=None,
        commentary={"status_chart": "", "summary": "Nieuwe toelichting"},
    )

    second = services.monitor_finalise(monitor=monitor, by=world.coordinator)

    frozen = EditionVariant.objects.get(edition=second, variant="council")
    assert second.number == 2
    assert frozen.section_ids == ["status_table", "summary"]
    assert frozen.commentary == {"summary": "Nieuwe toelichting"}
    document = json.loads(
        login(world.viewer).get(url("download", day=D, fmt="json") + "?variant=council").content
    )
    assert document["sections"] == ["status_table", "summary"]
    old = EditionVariant.objects.get(edition=first, variant="council")
    assert old.section_ids == SEED_ORDER and old.commentary == {"status_chart": CHART}
    old_pdf = login(world.viewer).get(url("edition_pdf", day=D, number=1) + "?variant=council")
    assert old_pdf.content == bytes(old.pdf)
    assert "-2017-09-20-council-version-v1.pdf" in old_pdf["Content-Disposition"]


@pytest.fixture
def finalised_before_variants(world):
    """A monitor finalised as before this issue: an edition with its report data and
    its PDF, and no versions."""
    monitor = MonitorFactory(plan=world.plan, date=D, state="final")
    report = report_for_date(plan=world.plan, on=D, monitor=monitor)
    MonitorEdition.objects.create(
        monitor=monitor,
        number=1,
        report=report.to_storage(),
        pdf=b"%PDF-1.7 stored when it was finalised",
        completed_count=report.totals()["completed"],
        action_count=report.total,
    )
    return monitor


def test_an_edition_frozen_before_variants_keeps_its_pdf_as_the_full_version(
    world, login, finalised_before_variants
):
    client = login(world.viewer)
    stored = b"%PDF-1.7 stored when it was finalised"

    assert client.get(url("download", day=D, fmt="pdf")).content == stored
    assert client.get(url("download", day=D, fmt="pdf") + "?variant=full").content == stored
    assert client.get(url("edition_pdf", day=D, number=1) + "?variant=full").content == stored
    full = json.loads(client.get(url("download", day=D, fmt="json")).content)
    assert full["sections"] == EVERY_SECTION and full["commentary"] == {}


def test_an_edition_frozen_before_variants_shows_its_council_version_from_its_data(
    world, login, finalised_before_variants
):
    client = login(world.viewer)

    pdf = client.get(url("download", day=D, fmt="pdf") + "?variant=council").content
    assert pdf.startswith(b"%PDF") and b"stored when it was finalised" not in pdf
    text = pdf_text(pdf)
    assert "Raadsversie" in text and "Verouderd" not in text
    edition_pdf = client.get(url("edition_pdf", day=D, number=1) + "?variant=council").content
    assert pdf_text(edition_pdf) == text
    council = json.loads(
        client.get(url("download", day=D, fmt="json") + "?variant=council").content
    )
    assert council["sections"] == SEED_ORDER and council["commentary"] == {}
    assert council["status"] == "final" and "round" not in council
    page = client.get(url("detail", day=D) + "?variant=council").content.decode()
    assert 'aria-current="page">Council version</a>' in page


def test_the_frozen_report_is_read_from_the_current_edition(world, finalised_before_variants):
    edition = current_edition(monitor=finalised_before_variants)
    assert not EditionVariant.objects.filter(edition=edition).exists()
