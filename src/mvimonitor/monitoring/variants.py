"""The report's variants (ADR 0025): the council version ("raadsversie") and the full
version ("volledige versie"), each an ordered choice of the registered sections.

A plan keeps a composition per variant (models.ReportComposition); without one, the
variant's default applies: the council version in the order of Helmond's monitor of
2017 (summary, chart, attention points, communication, planned, realised, next monitor,
status table; the late actions after the realised ones since issue 15), the full
version every registered section in report order, so a section registered later (a new
app) appears in it by itself. The council version never holds a
section that names people (Section.names_people), whatever the composition says.

`variant_report` turns the computed (or frozen) report into what one variant shows;
the renderers only see its `parts()`."""

import dataclasses
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mvimonitor.monitoring.report import ActionItem, Report
from mvimonitor.monitoring.sections import Section, by_ids, registered, section_title


class ReportVariant(models.TextChoices):
    COUNCIL = "council", gettext_lazy("council version")
    FULL = "full", gettext_lazy("full version")


#: The council version's sections by default: the seed's order (docs/adr/0025), with the
#: late actions after the realised ones (ADR 0030: they name nobody).
COUNCIL_DEFAULT = (
    "summary",
    "status_chart",
    "attention_points",
    "communication",
    "planned",
    "realised",
    "late",
    "next_monitor",
    "status_table",
)

#: A report's variant when none is asked for (the page, a download, the command).
DEFAULT_VARIANT = ReportVariant.FULL


def may_hold(variant: str, section: Section) -> bool:
    """Whether the variant may show the section: the council version no section that
    names people."""
    return not (variant == ReportVariant.COUNCIL and section.names_people)


def default_section_ids(variant: str) -> list[str]:
    """The variant's sections when its plan has no composition of its own."""
    if variant == ReportVariant.COUNCIL:
        return [section.id for section in by_ids(COUNCIL_DEFAULT)]
    return [section.id for section in registered()]


def effective_section_ids(variant: str, stored: Sequence[str] | None) -> list[str]:
    """The variant's sections in order: the stored composition (None: the default),
    without the ids no longer registered and those the variant may not hold."""
    ids = default_section_ids(variant) if stored is None else list(stored)
    return [section.id for section in by_ids(ids) if may_hold(variant, section)]


def check_section_ids(variant: str, section_ids: Sequence[str]) -> None:
    """Refuse a composition that a variant cannot have: no section, an unknown or
    repeated section, or (the council version) a section that names people."""
    if variant not in ReportVariant.values:
        raise ValidationError(_("There is no report version “%(variant)s”.") % {"variant": variant})
    if not section_ids:
        raise ValidationError(_("Choose at least one section for this version of the report."))
    known = {section.id: section for section in registered()}
    unknown = [i for i in section_ids if i not in known]
    if unknown:
        raise ValidationError(
            _("The report has no section “%(id)s”.") % {"id": unknown[0]}, code="unknown"
        )
    repeated = sorted({i for i in section_ids if section_ids.count(i) > 1})
    if repeated:
        raise ValidationError(
            _("The section “%(title)s” is chosen more than once.")
            % {"title": section_title(known[repeated[0]])},
            code="repeated",
        )
    refused = [known[i] for i in section_ids if not may_hold(variant, known[i])]
    if refused:
        raise ValidationError(
            _(
                "The section “%(title)s” names people, so it cannot be in the council "
                "version: the council version is public."
            )
            % {"title": section_title(refused[0])},
            code="names_people",
        )


def variant_report(
    report: Report,
    *,
    variant: str,
    section_ids: Iterable[str],
    commentary: Mapping[str, str],
) -> Report:
    """The report as `variant` shows it: exactly these sections in this order (those it
    may hold), the commentary under them, and, withheld, the sections it may not hold
    with their data. The marks on the actions come from the sections shown only (the
    mark "stale" needs the section that explains it)."""
    chosen = effective_section_ids(variant, list(section_ids))
    withheld = frozenset(s.id for s in registered() if not may_hold(variant, s))
    hidden_marks = {m for s in registered() if s.id not in chosen for m in s.marks}
    return dataclasses.replace(
        report,
        variant=variant,
        section_ids=tuple(chosen),
        commentary={i: commentary[i] for i in chosen if commentary.get(i)},
        withheld=withheld,
        sections={i: data for i, data in report.sections.items() if i not in withheld},
        realised=_unmarked(report.realised, hidden_marks),
        planned=_unmarked(report.planned, hidden_marks),
    )


_ITEM_FIELDS = frozenset(f.name for f in dataclasses.fields(ActionItem))


def _unmarked(items: list[ActionItem], marks: set[str]) -> list[ActionItem]:
    cleared: dict[str, Any] = {mark: None for mark in marks if mark in _ITEM_FIELDS}
    if not cleared:
        return items
    return [dataclasses.replace(item, **cleared) for item in items]
