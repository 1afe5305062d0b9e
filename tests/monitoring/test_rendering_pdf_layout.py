"""The PDF's layout, as WeasyPrint lays out its pages (pdf_layout), against the faults a
new user saw in issue 13: on a plan's first monitor "geen (plan vastgesteld op ...)"
printed over "Volgende monitor", the status table split with two rows on page 1, its
"Wijziging" column wrapped to eight lines, a ☐ stood before "Totaal", and the title broke
in the middle of its date. Hand-made reports (no database): the renderers only see one."""

from datetime import date

import pytest

from mvimonitor.monitoring.templatetags.report_format import nobreak
from mvimonitor.rounds.report_data import RoundSection, StaleSection
from tests.monitoring.pdf_layout import Layout, text_beyond_its_cell, text_beyond_the_page
from tests.monitoring.rendering_samples import figures, many_periods, sample_report

ADOPTED = date(2017, 4, 1)
ROUND = RoundSection(
    deadline=date(2017, 9, 15), closed=True, updated=30, confirmed=20, open=13, not_answered=[]
)
NOT_UPDATED = StaleSection(after_days=90, actions=[])
SENTENCE = "De uitvoering van het actieplan ligt op schema en de organisatie werkt eraan mee. "


def first_monitor(**fields):
    """A plan's first monitor: no earlier one, so the baseline is the adoption date."""
    values = {
        "previous_monitor_date": None,
        "baseline_date": ADOPTED,
        "trend": [],
        "realised": 0,
        "planned": 0,
    }
    return sample_report(**{**values, **fields})


# -- nothing over anything else ----------------------------------------------------------


@pytest.mark.parametrize(
    "sections",
    [{}, {"round": ROUND}, {"round": ROUND, "not_updated": NOT_UPDATED}],
    ids=["previous-monitor-right", "previous-monitor-left", "previous-monitor-right-again"],
)
def test_on_a_first_monitor_no_key_figure_runs_over_another_or_off_the_page(sections):
    """With one key figure more or less, "Vorige monitor" stands in the left or the right
    half of the summary: its value, longer than any other, stays inside its half."""
    report = first_monitor(sections=sections)
    layout = Layout(report)

    assert layout.overlapping_texts() == []
    assert text_beyond_the_page(report) == []
    values = [lines for lines in layout.lines_of("dd") if "geen" in " ".join(lines)]
    assert [" ".join(lines) for lines in values] == ["geen (plan vastgesteld op 1 april 2017)"]


def test_a_long_report_prints_nothing_over_anything_else():
    report = sample_report(realised=40, planned=40, sections={"round": ROUND})
    assert Layout(report).overlapping_texts() == []
    assert text_beyond_the_page(report) == []


# -- the status table --------------------------------------------------------------------


def test_the_status_table_moves_whole_to_the_next_page_rather_than_split():
    """The summary grows a line at a time, so the table's end passes the bottom of
    page 1: it is on one page each time, first on page 1, then on page 2."""
    pages_seen = set()
    for lines in range(0, 16, 2):
        report = sample_report(summary=SENTENCE * 2 * lines, realised=0, planned=0)
        layout = Layout(report)
        assert layout.table_rows_per_page("status-table") == [6], lines  # 5 periods, total
        pages_seen.update(layout.table_pages("status-table"))
    assert pages_seen == {1, 2}


@pytest.mark.parametrize("periods", [14, 60])
def test_a_longer_status_table_breaks_with_its_header_and_three_rows_or_more(periods):
    """Fourteen periods reach the end of page 2 with room for one row: the table starts
    on page 3 instead. Sixty run over four pages."""
    report = sample_report(periods=many_periods(periods), realised=0, planned=0)
    rows = Layout(report).table_rows_per_page("status-table")
    assert sum(rows) == periods + 1 and len(rows) > 1
    assert rows[0] >= 3
    assert rows[-1] >= 2  # the total never alone with the header


def test_the_change_takes_at_most_three_lines_even_when_every_status_changed():
    every = {"completed": 12, "running": -10, "not_started": -15, "postponed": 8, "cancelled": 5}
    periods = [
        figures(1, "Aan de slag in 2018-2020", every, completed=40, running=30),
        figures(2, "Wat doen we al goed?", completed=54),
    ]
    report = first_monitor(periods=periods)
    cells = Layout(report).lines_per_cell("change")

    assert [text for text, _lines in cells] == [
        "voltooid +12, lopend \N{MINUS SIGN}10, niet gestart \N{MINUS SIGN}15, uitgesteld +8, "
        "vervallen +5",
        "geen wijziging",
        "voltooid +12, lopend \N{MINUS SIGN}10, niet gestart \N{MINUS SIGN}15, uitgesteld +8, "
        "vervallen +5",  # the total
    ]
    assert max(lines for _text, lines in cells) <= 3
    assert text_beyond_its_cell(report) == []


def test_a_line_of_the_change_breaks_only_between_two_statuses():
    every = {"completed": 5, "running": 7, "not_started": -15, "postponed": 3}
    layout = Layout(first_monitor(periods=[figures(1, "Aan de slag in 2017", every)]))
    (period, total) = layout.cell_lines("change")
    assert period == total
    assert len(period) > 1
    for line in period[:-1]:
        assert line.endswith(","), period


def test_the_headings_fit_their_columns_without_breaking_a_word():
    """Each column is as wide as its heading's longest word; "Niet gestart" and
    "Uitgesteld" take two lines (as in the seed), the others one."""
    assert Layout(first_monitor()).heading_lines("status-table") == [
        ["Periode"],
        ["Totaal"],
        ["Voltooid"],
        ["Lopend"],
        ["Niet", "gestart"],
        ["Uitge\N{HYPHEN}", "steld"],
        ["Vervallen"],
        ["Wijziging sinds 1 april 2017"],
    ]


def test_the_periods_have_the_seeds_boxes_and_the_total_has_none():
    names = Layout(sample_report(realised=0, planned=0)).row_heads("status-table")
    assert names[0] == "☑ Wat doen we al goed?"
    assert all(name.startswith("☐ ") for name in names[1:-1])
    assert names[-1] == "Totaal"


# -- dates ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "plan",
    [
        "MVI-actieplan 2017-2020",
        "Plan",
        "MVI-actieplan 2017-2020 van de gemeente Helmond",
        "Actieplan maatschappelijk verantwoord inkopen",
    ],
)
def test_the_title_never_breaks_inside_its_date(plan):
    (title,) = Layout(sample_report(plan=plan, realised=0, planned=0)).lines_of("h1")
    assert any("20 september 2017" in line for line in title), title


@pytest.mark.parametrize(
    "report",
    [
        pytest.param(lambda: sample_report(realised=5, planned=12), id="a-monitor"),
        pytest.param(lambda: first_monitor(sections={"round": ROUND}), id="a-first-monitor"),
        pytest.param(lambda: sample_report(status="draft", next_monitor_date=None), id="a-draft"),
    ],
)
def test_no_date_the_report_writes_is_broken_over_two_lines(report):
    assert Layout(report()).broken_dates() == []


def test_nobreak_escapes_what_it_joins():
    assert nobreak('<b>1 april</b> "2017"') == (
        "&lt;b&gt;1\N{NO-BREAK SPACE}april&lt;/b&gt;\N{NO-BREAK SPACE}&quot;2017&quot;"
    )
