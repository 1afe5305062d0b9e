"""What the user told the guided import about a file (ADR 0029): which sheet, which
column is which field, what the unknown periods and themes stand for, and the baseline
date. Plus the periods and themes an import creates, kept unsaved until it saves.

Kept apart from `guided` (the inspection and the preview) because `services.plan_import`
takes these settings and `guided` runs the import's own steps: neither would otherwise
import the other.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from mvimonitor.exchange.values import key
from mvimonitor.kernel.texts import max_length_of, text_problem
from mvimonitor.plans import services as plan_services

if TYPE_CHECKING:
    from mvimonitor.plans.models import ActionPlan, Period, Theme

#: In a value mapping: create this period or theme (coordinators only).
NEW = "__new__"


def _strings(data: Any) -> dict[str, str]:
    if not isinstance(data, dict):
        return {}
    return {str(k): str(v) for k, v in data.items() if isinstance(v, str)}


@dataclass(frozen=True)
class ImportSettings:
    sheet: str | None = None  # None: the first sheet
    # header_key(header as in file) -> Field value, or "" (column left out); None: guess
    # from the headers (synonyms), merged with the plan's remembered mapping. Headers
    # not in it are guessed too.
    columns: Mapping[str, str] | None = None
    periods: Mapping[str, str] = field(default_factory=dict)  # key(cell) -> name or NEW
    themes: Mapping[str, str] = field(default_factory=dict)  # key(token) -> code or NEW
    baseline: date | None = None  # for statuses without a date of their own

    def to_json(self) -> dict[str, Any]:
        return {
            "sheet": self.sheet,
            "columns": None if self.columns is None else dict(self.columns),
            "periods": dict(self.periods),
            "themes": dict(self.themes),
            "baseline": self.baseline.isoformat() if self.baseline else None,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any] | None) -> ImportSettings:
        """The settings `to_json` gave (stored on an ImportJob); what is not there or
        not of its kind is left at its default."""
        data = data or {}
        sheet = data.get("sheet")
        baseline = data.get("baseline")
        try:
            day = date.fromisoformat(baseline) if isinstance(baseline, str) else None
        except ValueError:
            day = None
        columns = data.get("columns")
        return cls(
            sheet=sheet if isinstance(sheet, str) else None,
            columns=_strings(columns) if isinstance(columns, dict) else None,
            periods=_strings(data.get("periods")),
            themes=_strings(data.get("themes")),
            baseline=day,
        )


@dataclass
class ValueChoices:
    """The user's value mapping, and the periods and themes it creates: made on first
    use (named as the file first writes the value), unsaved until `save`."""

    plan: ActionPlan
    periods: Mapping[str, str]
    themes: Mapping[str, str]
    may_create: bool
    new_periods: dict[str, Period] = field(default_factory=dict)
    new_themes: dict[str, Theme] = field(default_factory=dict)

    @classmethod
    def of(cls, *, plan: ActionPlan, settings: ImportSettings, may_create: bool) -> ValueChoices:
        return cls(
            plan=plan,
            periods={key(k): v for k, v in settings.periods.items()},
            themes={key(k): v for k, v in settings.themes.items()},
            may_create=may_create,
        )

    def new_period(self, text: str) -> Period:
        k = key(text)
        if k not in self.new_periods:
            self._check_may_create(
                _("Only a coordinator can add the period “%(value)s”; choose an existing one.")
                % {"value": text.strip()}
            )
            try:
                (name,) = plan_services.period_names_clean([text])
            except ValidationError as error:
                raise ValueError(" ".join(error.messages)) from error
            # An unsaved period of the plan (through the plan, as plans' models are
            # its own): the rows refer to it until the import saves it.
            self.new_periods[k] = self.plan.periods.model(plan=self.plan, name=name)
        return self.new_periods[k]

    def new_theme(self, text: str) -> Theme:
        k = key(text)
        if k not in self.new_themes:
            self._check_may_create(
                _("Only a coordinator can add the theme “%(value)s”; choose an existing one.")
                % {"value": text.strip()}
            )
            model = self.plan.organisation.themes.model
            problem = text_problem(text.strip(), max_length=max_length_of(model, "name"))
            if problem:
                raise ValueError(problem)
            self.new_themes[k] = model(organisation=self.plan.organisation, name=text.strip())
        return self.new_themes[k]

    def _check_may_create(self, message: str) -> None:
        if not self.may_create:
            raise ValueError(message)

    def save(self) -> dict[int, Any]:
        """Create the new periods and themes through plans.services (inside the import's
        transaction); {id(unsaved object): the saved one}."""
        saved: dict[int, Any] = {}
        for period in self.new_periods.values():
            saved[id(period)] = plan_services.period_create(plan=self.plan, name=period.name)
        for theme in self.new_themes.values():
            saved[id(theme)] = plan_services.theme_create(
                organisation=self.plan.organisation, name=theme.name
            )
        return saved

    @property
    def creates(self) -> bool:
        return bool(self.new_periods or self.new_themes)


def saved_instead(item: Any, saved: Mapping[int, Any]) -> Any:
    """The item (plans.services.NewAction or ActionEdit) with the saved period and
    themes in place of the unsaved ones it names."""
    if not saved:
        return item

    def swap(value: Any) -> Any:
        return saved.get(id(value), value)

    changes: dict[str, Any] = {}
    if hasattr(item, "period"):
        changes["period"] = swap(item.period)
    if hasattr(item, "changes") and "period" in item.changes:
        changes["changes"] = {**item.changes, "period": swap(item.changes["period"])}
    if item.themes is not None:
        changes["themes"] = [swap(t) for t in item.themes]
    return dataclasses.replace(item, **changes)
