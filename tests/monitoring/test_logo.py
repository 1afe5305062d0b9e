"""The organisation's logo on the report: the page, the standalone document and the PDF
show it; the frozen report and the public JSON do not carry it."""

import io
import json
from datetime import date

import pypdf
import pytest
from django.urls import reverse

from mvimonitor.monitoring import outputs
from mvimonitor.monitoring.rendering.json import report_json
from mvimonitor.monitoring.rendering.pdf import report_html_for_print
from mvimonitor.monitoring.report import Report
from mvimonitor.monitoring.selectors import report_for_date
from mvimonitor.organisations.selectors import organisation_logo
from mvimonitor.organisations.services import organisation_set_logo
from tests.monitoring.factories import MonitorFactory
from tests.organisations.images import image_bytes

pytestmark = pytest.mark.django_db

D = date(2017, 9, 20)


@pytest.fixture
def with_logo(world):
    organisation_set_logo(organisation=world.helmond, content=image_bytes("PNG"), by=None)
    world.plan.organisation.refresh_from_db()
    return world


def page_url() -> str:
    kwargs = {"org_slug": "helmond", "plan_slug": "helmond-mvi", "day": D}
    return reverse("monitoring:detail", kwargs=kwargs)


def test_the_report_page_shows_the_logo(login, with_logo):
    MonitorFactory(plan=with_logo.plan, date=D)
    content = login(with_logo.viewer).get(page_url()).content.decode()
    logo_url = reverse("organisations:logo", kwargs={"org_slug": "helmond"})
    assert f'<img class="report-heading__logo" src="{logo_url}" alt="Logo Gemeente Helmond">' in (
        content
    )


def test_the_report_page_has_no_image_without_a_logo(login, world):
    MonitorFactory(plan=world.plan, date=D)
    content = login(world.viewer).get(page_url()).content.decode()
    assert "report-heading__logo" not in content


def test_the_standalone_document_and_the_print_carry_the_logo_as_data_uri(with_logo):
    report = report_for_date(plan=with_logo.plan, on=D)
    organisation = with_logo.plan.organisation
    logo = organisation_logo(organisation=organisation)
    assert logo.startswith("data:image/png;base64,")
    document = outputs.report_file(report=report, fmt="html", organisation=organisation)
    assert f'src="{logo}"' in document.decode()
    assert f'src="{logo}"' in report_html_for_print(report, logo)


def test_the_standalone_document_has_no_image_without_a_logo(world):
    report = report_for_date(plan=world.plan, on=D)
    document = outputs.report_file(report=report, fmt="html", organisation=world.helmond)
    assert "<img" not in document.decode()


def test_the_logo_is_not_in_the_report_data_nor_frozen_nor_in_the_json(with_logo):
    report = report_for_date(plan=with_logo.plan, on=D)
    stored = json.dumps(report.to_storage())
    assert "data:image" not in stored
    assert "data:image" not in json.dumps(report_json(report))
    assert Report.from_storage(report.to_storage()) == report


def _images_on_first_page(pdf: bytes) -> int:
    return len(pypdf.PdfReader(io.BytesIO(pdf)).pages[0].images)


def test_the_pdf_shows_the_logo_on_its_first_page(with_logo):
    report = report_for_date(plan=with_logo.plan, on=D)
    with_logo_pdf = outputs.report_pdf(report=report, organisation=with_logo.plan.organisation)
    assert _images_on_first_page(with_logo_pdf) == 1


def test_the_pdf_has_no_image_without_a_logo(world):
    report = report_for_date(plan=world.plan, on=D)
    pdf = outputs.report_pdf(report=report, organisation=world.plan.organisation)
    assert _images_on_first_page(pdf) == 0
