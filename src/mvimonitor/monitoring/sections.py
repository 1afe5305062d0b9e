"""The report's sections, and the registry through which the apps that own their data add
them (ADR 0018).

A monitor's report is an ordered list of sections with fixed ids. `monitoring` itself
owns the sections drawn from the plan's actions and its own records (summary, the status
chart and table, trend, realised and planned actions, attention points, communication,
next monitor); other apps register theirs from their AppConfig.ready() (rounds: the
update round and the actions not updated; targets: tenders and targets). monitoring
never imports those apps: it calls each registered section for its data and its output
in every format, so a new section needs no edit here.

A section that has data of its own computes it from (plan, monitor date, baseline, ...)
with its own app's selectors, keeps it in the frozen report under its own keys, and
renders it: a template for the page, one for the PDF (both get the one report context),
its Excel sheets, its part of the Word document and its JSON keys. The base class renders
nothing, so a section implements only what it shows.

Every section has a plain title (`title`), by which a coordinator chooses it for a report
variant (variants.py, ADR 0025). A section that lists people's names or e-mail
addresses (an owner, who did not answer) MUST set `names_people = True`: the council
version ("raadsversie") refuses it, whatever app registers it.
"""

from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Protocol

from django.apps import apps
from django.template.defaultfilters import date as date_filter
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString
from django.utils.translation import get_language
from django.utils.translation import gettext as _

if TYPE_CHECKING:
    from openpyxl import Workbook

    from mvimonitor.monitoring.models import Monitor
    from mvimonitor.monitoring.report import Report
    from mvimonitor.plans.models import ActionPlan
    from mvimonitor.plans.selectors import LateAction
    from mvimonitor.utils.word import WordDocument


@dataclass(frozen=True)
class SectionInput:
    """What a section computes its data from: the report's plan and dates."""

    plan: "ActionPlan"
    monitor: "Monitor | None"  # None for a report of any date without a monitor
    on: date  # the monitor date D
    baseline: date  # the previous finalised monitor's date, or the plan's adoption date
    previous_on: date | None  # the previous finalised monitor's date, if any
    window_end: date  # the end of the planning window (D, E]
    # The actions read whose status on D is neither completed nor cancelled (the report's
    # one read of the actions; a section narrows them to those in the plan on D itself).
    open_action_ids: frozenset[int]
    # Of those, the actions that should have moved by D (plans.selectors'
    # should_have_moved: running or postponed on D, or not started on D with a start
    # date on or before D): the ones a section may call "not updated".
    moving_action_ids: frozenset[int]
    # The actions late on D (plans.lateness, ADR 0030), in report order, from the same
    # read: the section "late" lists them.
    late_actions: "tuple[LateAction, ...]" = ()
    # Reads shared within one request by the sections and the monitor page's boxes (a
    # section that reads a record for its box and for the report reads it once).
    memo: dict[str, Any] = field(default_factory=dict, compare=False)


class FigureLink(Protocol):
    def __call__(self, period: int | None, status: str | None, /, *, stale: bool = False) -> str:
        """The address of the list of the actions behind a figure of the report page."""
        ...


#: Stands in for an id when an object's address is reversed once for a whole table.
_ANY_ID = 2147483647


@dataclass(frozen=True)
class ObjectUrl:
    """The address of any object of one kind, around its id: a template writes
    `{{ url.head }}{{ id }}{{ url.tail }}`, the same text `{% url %}` gives, without
    reversing it again for every row of a long table."""

    head: str
    tail: str


def object_url(name: str, **kwargs: str) -> ObjectUrl:
    head, _sep, tail = reverse(name, kwargs={**kwargs, "pk": _ANY_ID}).rpartition(str(_ANY_ID))
    return ObjectUrl(head, tail)


@dataclass(frozen=True)
class Figure:
    """One number of the report, with what it counts (for screen readers) and the
    address of the list of those actions ("" without links)."""

    count: int
    label: str
    url: str


@dataclass(frozen=True)
class KeyFigure:
    """A figure the PDF's summary lists ("Niet bijgewerkt: 12")."""

    label: str
    value: str


class Section:
    """A section of the report. Subclasses set `id`, `app` (the owning app's name, as in
    INSTALLED_APPS), `position` (its place in the report) and the templates, and
    override what they show."""

    id: str = ""
    app: str = "mvimonitor.monitoring"
    position: int = 0
    # Its name where a coordinator composes a report variant ("Samenvatting"); the id
    # stands in when empty. A lazy translation: the page's language.
    title: "str | Promise" = ""
    # True for a section that lists people's names or e-mail addresses: never in the
    # council version (ADR 0025).
    names_people: bool = False
    page_template: str = ""  # rendered inside the report page and the standalone HTML
    print_template: str = ""  # rendered inside the PDF's HTML
    box_template: str = ""  # a box above the report on the monitor's page
    # The id of a section whose <section> element this one continues when it directly
    # follows it (the status table after the chart: one section on the page, as always).
    joins: str = ""
    marks: tuple[str, ...] = ()  # the marks it puts on the report's actions (action_marks)

    def compute(self, source: SectionInput) -> Any:
        """The section's data on the report's date (None: it shows the report's core)."""
        return None

    def default(self) -> Any:
        """Its data in a report made without it (a report built by hand, as in tests)."""
        return None

    def to_storage(self, data: Any) -> dict[str, Any]:
        """The keys this section adds to a frozen report (JSON-storable); `data` may be
        None (the section had nothing on the date), and its keys are stored all the same."""
        return {}

    def from_storage(self, stored: Mapping[str, Any]) -> Any:
        """The data back from a frozen report; a report frozen before the section existed
        lacks its keys."""
        return None

    def to_json(self, data: Any) -> dict[str, Any]:
        """The keys this section adds to the public JSON format."""
        return {}

    def context(self, data: Any, report: "Report", link: FigureLink | None) -> dict[str, Any]:
        """What its templates need beyond the data, the page and the PDF alike (`link`:
        the figures' addresses on the report page, None elsewhere)."""
        return {}

    def object_urls(self, report: "Report") -> dict[str, ObjectUrl]:
        """The addresses its rows link to on the report page, by kind (`{% linked_title
        kind id title %}`)."""
        return {}

    def write_sheets(self, book: "Workbook", data: Any, report: "Report") -> None:
        """Its sheets in the Excel workbook."""

    def write_docx(self, document: "WordDocument", data: Any, report: "Report") -> None:
        """Its part of the Word document, written where the section stands in the report:
        a heading (`document.heading`, level 1; level 2 within it), text, lists, tables
        and pictures through `utils.word`, which drops control characters."""

    def key_figures(self, data: Any) -> list[KeyFigure]:
        """Figures for the summary of the PDF and the Word document."""
        return []

    def action_marks(self, data: Any) -> Mapping[str, Collection[int]]:
        """Marks this section puts on the actions the report lists, by mark name (the
        report knows "stale"): the ids of the actions that carry it."""
        return {}

    def marked_actions(self, data: Any, mark: str) -> Sequence[Any] | None:
        """The report's own list of the actions this section marks with `mark` (items
        with at least code, title and period), for the page of a figure; None: it does
        not mark them."""
        return None

    def mark_context(self, data: Any) -> dict[str, Any]:
        """What the page of a mark's list needs beyond the actions."""
        return {}

    def box(self, monitor: "Monitor", memo: dict[str, Any]) -> dict[str, Any] | None:
        """The context of its box on the monitor's page; None: no box."""
        return None


class SectionError(Exception):
    """Two apps claim the same section id."""


_registry: dict[str, Section] = {}


def register(section: Section) -> None:
    """Add `section` to every report (again on a later ready(): the same app's section
    replaces itself)."""
    known = _registry.get(section.id)
    if not section.id or (known is not None and known.app != section.app):
        raise SectionError(f"Section id {section.id!r} is empty or taken by {known and known.app}.")
    _registry[section.id] = section


def registered() -> list[Section]:
    """The sections of the installed apps, in report order."""
    installed = [s for s in _registry.values() if apps.is_installed(s.app)]
    return sorted(installed, key=lambda s: (s.position, s.id))


@dataclass(frozen=True)
class Part:
    """A section with its data, as a report holds it."""

    section: Section
    data: Any

    @property
    def id(self) -> str:
        return self.section.id


def _present(data: dict[Section, Any]) -> dict[str, Any]:
    # A section whose data is its default (none of its own, or none on this date) holds
    # no entry, so a report is the same however it was made (parts() gives the default).
    return {s.id: value for s, value in data.items() if value is not None and value != s.default()}


def compute_all(source: SectionInput) -> dict[str, Any]:
    """Every section's data on the report's date, by id."""
    return _present({s: s.compute(source) for s in registered()})


def from_storage(stored: Mapping[str, Any]) -> dict[str, Any]:
    """Every section's data back from a frozen report, by id."""
    return _present({s: s.from_storage(stored) for s in registered()})


def section_title(section: Section) -> str:
    """The section's plain title in the active language, or its id without one."""
    return str(section.title) if section.title else section.id


def by_ids(section_ids: Iterable[str]) -> list[Section]:
    """The registered sections of these ids, in the order given; an id no longer
    registered (its app removed) is left out."""
    known = {section.id: section for section in registered()}
    return [known[i] for i in section_ids if i in known]


def parts(
    section_data: Mapping[str, Any], section_ids: Sequence[str] | None = None
) -> Iterator[Part]:
    """The sections with their data (its default for a section the report was made
    without): those of `section_ids` in that order, or every registered one in report
    order."""
    sections = registered() if section_ids is None else by_ids(section_ids)
    for section in sections:
        data = section_data.get(section.id)
        yield Part(section, section.default() if data is None else data)


def storable(value: Any) -> Any:
    """`value` as JSON can store it: dates as ISO strings, amounts as exact strings."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dict):
        return {k: storable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [storable(v) for v in value]
    return value


# -- for the sections' templates and template tags -------------------------------------

#: What an empty cell of a report table shows.
EMPTY = "\N{EN DASH}"


@lru_cache(maxsize=4096)
def _formatted(value: date, arg: str | None, language: str | None) -> str:
    return str(date_filter(value, arg))


def day_text(value: Any, arg: str | None = None) -> str:
    """Django's `date` filter; plain dates (not datetimes) are cached per language (a
    large plan's report page writes a few hundred dates, most of them more than once)."""
    if type(value) is date:
        return _formatted(value, arg, get_language())
    return str(date_filter(value, arg))


def day_or_dash(value: date | None) -> str:
    """The date as `day_text` writes it in DATE_FORMAT, or EMPTY."""
    return day_text(value, "DATE_FORMAT") if value else EMPTY


def linked_title(context: Any, kind: str, pk: int, title: str) -> SafeString:
    """`title`, linked to the object on the report page (where the context has `linked`
    and the address patterns `urls`, by kind)."""
    if not context.get("linked"):
        return conditional_escape(title)
    url = context["urls"][kind]
    return format_html('<a href="{}{}{}">{}</a>', url.head, pk, url.tail, title)


def stale_mark() -> SafeString:
    """The "stale" mark after an action's title (with a space before it), explained by
    the element with id "stale-legend" on the same page: in the report's lists and on
    rounds' pages alike."""
    return format_html(
        ' <span class="tag tag--muted" aria-describedby="stale-legend">{}</span>', _("not updated")
    )
