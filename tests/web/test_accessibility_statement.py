"""The accessibility statement (web.views, ADR 0032): public, after the model of
DigiToegankelijk, showing what the axe results file says and nothing else; a missing or
malformed file is an error, never an empty list."""

import json
from pathlib import Path

import pytest
from django.urls import reverse

from mvimonitor.conf.checks import accessibility_contact, accessibility_evidence
from mvimonitor.web.axe_results import AxeResultsError, axe_results
from tests.conftest import AXE_RESULTS_SAMPLE, World

STATEMENT = "/toegankelijkheid/"


def sample() -> dict:
    return json.loads(AXE_RESULTS_SAMPLE.read_text(encoding="utf-8"))


def results_file(tmp_path: Path, data: dict) -> Path:
    path = tmp_path / "axe_results.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_the_statement_has_its_dutch_address_and_is_public(client, db):
    assert reverse("web:accessibility") == STATEMENT
    response = client.get(STATEMENT)
    assert response.status_code == 200
    assert "<h1>Toegankelijkheidsverklaring</h1>" in response.content.decode()


def test_the_statement_follows_the_model_in_dutch(client, db, settings):
    settings.CONTACT_EMAIL = "toegankelijkheid@helmond.nl"
    html = client.get(STATEMENT).content.decode()
    for heading in (
        "Waar deze verklaring over gaat",
        "Norm",
        "Nalevingsstatus",
        "Hoe is getoetst",
        "Bekende beperkingen",
        "Een probleem melden",
        "Handhavingsprocedure",
        "Datum van deze verklaring",
    ):
        assert f"<h2>{heading}</h2>" in html
    assert "WCAG 2.1 op niveau AA" in html and "EN 301 549" in html
    assert "Status: eerste maatregelen genomen." in html
    assert "Besluit digitale toegankelijkheid overheid" in html
    assert '<a href="mailto:toegankelijkheid@helmond.nl">toegankelijkheid@helmond.nl</a>' in html
    assert "Nationale ombudsman" in html
    assert "Deze verklaring is opgesteld op 7 december 2026." in html


def test_the_statement_shows_the_axe_results_of_the_file(client, db):
    html = client.get(STATEMENT).content.decode()
    assert "Op 1 december 2026 openden de browsertests elke pagina" in html
    assert "axe 4.10.2" in html
    # Two distinct pages, each at both widths: four checks, one with a violation.
    assert "2 pagina's, elk bij een schermbreedte van 375 en 1280 pixels (4 toetsen)" in html
    assert "<code>wcag21aa</code>" in html
    assert "axe vond een overtreding in 1 van de 4 toetsen:" in html
    assert "<td><code>color-contrast</code></td>" in html
    assert "<td>ernstig</td>" in html
    assert '<td lang="en">Elements must meet minimum color contrast ratio thresholds</td>' in html
    assert "<code>/o/helmond/plans/helmond-mvi/</code>" in html
    assert "is het laatst uitgevoerd op 1 december 2026" in html


def test_without_violations_the_statement_says_none_were_found(client, db, settings, tmp_path):
    data = sample()
    data["violations"] = []
    for page in data["pages"]:
        page["violations"] = 0
    settings.AXE_RESULTS = results_file(tmp_path, data)
    html = client.get(STATEMENT).content.decode()
    assert "axe vond in geen van de 4 toetsen een overtreding." in html
    assert "color-contrast" not in html


def test_the_statement_in_english(client, db, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get(STATEMENT).content.decode()
    assert '<html lang="en">' in html
    assert "<h1>Accessibility statement</h1>" in html
    assert "Status: first measures taken." in html
    assert "axe found violations in 1 of the 4 checks:" in html
    assert "<td>serious</td>" in html


def test_without_a_contact_address_the_statement_says_whom_to_ask(client, db, settings):
    settings.CONTACT_EMAIL = ""
    html = client.get(STATEMENT).content.decode()
    assert "mailto:" not in html
    assert "De beheerder van deze installatie heeft hiervoor nog geen adres opgegeven." in html


def test_a_missing_results_file_fails_the_page_loudly(client, db, settings, tmp_path):
    settings.AXE_RESULTS = tmp_path / "missing.json"
    with pytest.raises(AxeResultsError, match="No axe results at"):
        client.get(STATEMENT)


@pytest.mark.parametrize(
    "damage",
    [
        lambda d: d.pop("checked_on"),
        lambda d: d.update(checked_on="gisteren"),
        lambda d: d.update(pages=[]),
        lambda d: d.update(axe_version=""),
        lambda d: d.update(violations=[]),  # a page counted a violation that is not listed
        lambda d: d["violations"][0].pop("help"),
        lambda d: d.update(viewports=["breed"]),
    ],
    ids=["no-date", "bad-date", "no-pages", "no-version", "disagree", "no-help", "bad-width"],
)
def test_a_malformed_results_file_is_an_error_not_an_empty_list(tmp_path, damage):
    data = sample()
    damage(data)
    with pytest.raises(AxeResultsError, match="not in the format"):
        axe_results(results_file(tmp_path, data))


def test_a_results_file_that_is_no_json_is_an_error(tmp_path):
    path = tmp_path / "axe_results.json"
    path.write_text("{niet af", encoding="utf-8")
    with pytest.raises(AxeResultsError, match="cannot be read"):
        axe_results(path)


def test_the_system_check_stops_the_start_without_the_results(settings, tmp_path):
    assert accessibility_evidence() == []
    settings.AXE_RESULTS = tmp_path / "missing.json"
    [error] = accessibility_evidence()
    assert error.id == "mvimonitor.E001"
    assert error.is_serious()
    assert "make accessibility-report" in error.hint


def test_production_without_a_contact_address_is_warned(settings):
    settings.PRODUCTION, settings.CONTACT_EMAIL = False, ""
    assert accessibility_contact() == []
    settings.PRODUCTION = True
    [warning] = accessibility_contact()
    assert warning.id == "mvimonitor.W002"
    assert "MVI_CONTACT_EMAIL" in warning.msg
    settings.CONTACT_EMAIL = "toegankelijkheid@helmond.nl"
    assert accessibility_contact() == []


@pytest.mark.parametrize("name", ["accounts:login", "organisations:home"])
def test_every_page_links_to_the_statement_in_its_footer(client, world: World, name):
    client.force_login(world.viewer)
    if name == "accounts:login":
        client.logout()
    response = client.get(reverse(name), follow=True)
    footer = response.content.decode().split('<footer class="site-footer">')[1]
    assert f'<a href="{STATEMENT}">Toegankelijkheid</a>' in footer


def test_the_login_page_points_to_the_statement(client, db):
    main = client.get(reverse("accounts:login")).content.decode().split("<main")[1]
    assert f'<a href="{STATEMENT}">Toegankelijkheidsverklaring: hoe toegankelijk' in main
