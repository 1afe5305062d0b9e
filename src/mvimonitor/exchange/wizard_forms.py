"""The forms of the guided import's steps in the browser (columns, values and baseline
date, confirming the preview). Thin: which choices are valid and what is missing is
decided by exchange.guided; these forms show its answer on the right field."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from django import forms
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from mvimonitor.exchange.columns import COLUMNS, Field
from mvimonitor.exchange.guided import NEW, Inspection
from mvimonitor.exchange.values import key
from mvimonitor.web.forms import DateInput

#: The fields of an action a column can fill, as the UI names them.
FIELD_LABELS: dict[Field, Promise] = {
    Field.CODE: _("Code"),
    Field.TITLE: _("Title"),
    Field.DESCRIPTION: _("Description"),
    Field.PERIOD: _("Period"),
    Field.THEMES: _("Themes"),
    Field.STATUS: _("Status"),
    Field.STATUS_SINCE: _("Status since"),
    Field.OWNER: _("Owner"),
    Field.DEPARTMENT: _("Department"),
    Field.START_DATE: _("Start date"),
    Field.DUE_DATE: _("Due date"),
    Field.IS_CONTINUOUS: _("Continuous (yes/no)"),
    Field.RESULT: _("Result"),
    Field.ADDED_ON: _("Added on"),
    Field.NOTE: _("Note with the status change"),
}
LEAVE_OUT = ""


def field_label(value: str) -> str:
    """A field (its value in ImportSettings) in words; a value no longer known as is."""
    try:
        return str(FIELD_LABELS[Field(value)])
    except ValueError:
        return value


class SheetForm(forms.Form):
    """Which sheet of the file holds the actions (shown when there is more than one)."""

    sheet = forms.ChoiceField(label=_("Sheet"))

    def __init__(self, *args: Any, sheets: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["sheet"].choices = [(name, name) for name in sheets]  # type: ignore[attr-defined]


class ColumnsForm(forms.Form):
    """One select per column of the file: the field of the action it fills, or none."""

    def __init__(
        self, *args: Any, inspection: Inspection, examples: Mapping[int, list[str]], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        choices = [
            (LEAVE_OUT, _("Do not import")),
            *[(c.field.value, FIELD_LABELS[c.field]) for c in COLUMNS],
        ]
        self.choices_by_position = {c.position: c for c in inspection.columns}
        for column in inspection.columns:
            self.fields[self.name_of(column.position)] = forms.ChoiceField(
                label=column.header
                or _("Column %(number)s without a header") % {"number": column.position + 1},
                choices=choices,
                required=False,
                initial=column.field,
                help_text=_column_help(
                    examples.get(column.position, []), guessed=column.guessed and bool(column.field)
                ),
            )

    @staticmethod
    def name_of(position: int) -> str:
        return f"column_{position}"

    def columns(self) -> dict[int, str]:
        """The chosen field per column position."""
        return {
            position: self.cleaned_data.get(self.name_of(position), LEAVE_OUT)
            for position in self.choices_by_position
        }

    def refuse(self, inspection: Inspection, chosen: Mapping[int, str]) -> None:
        """Put what the inspection of the choices found wrong on the selects: a field
        chosen for two columns on both, a required field chosen for none above."""
        for duplicate in inspection.duplicates:
            for position, value in chosen.items():
                if value == duplicate:
                    self.add_error(
                        self.name_of(position),
                        _(
                            "“%(field)s” is chosen for more than one column. Choose it for "
                            "one column only."
                        )
                        % {"field": field_label(duplicate)},
                    )
        for missing in inspection.missing:
            self.add_error(
                None,
                _(
                    "No column is matched to “%(field)s”, which every action needs. Choose "
                    "the column that holds it."
                )
                % {"field": field_label(missing)},
            )


def _column_help(examples: list[str], *, guessed: bool) -> str:
    parts = []
    if examples:
        parts.append(
            str(_("For example: %(values)s")) % {"values": ", ".join(f"“{v}”" for v in examples)}
        )
    if guessed:
        parts.append(str(_("Proposed from the header or an earlier import.")))
    return " ".join(parts)


class ValuesForm(forms.Form):
    """A choice for each period and theme in the file the plan does not know, and the
    baseline date for statuses without a date of their own."""

    baseline = forms.DateField(
        label=_("Baseline date"),
        required=False,
        widget=DateInput(),
        help_text=_(
            "Statuses in the file without a date of their own (column “Status since”) are "
            "taken to hold since this date. For a plan's first import that is usually the "
            "date the plan was adopted."
        ),
    )

    def __init__(
        self,
        *args: Any,
        inspection: Inspection,
        is_coordinator: bool,
        periods: Mapping[str, str],
        themes: Mapping[str, str],
        baseline: date | None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.is_coordinator = is_coordinator
        self.period_values = list(inspection.unknown_periods)
        self.theme_values = list(inspection.unknown_themes)
        period_choices = [(name, name) for name in inspection.periods]
        theme_choices = [
            (code, f"{code} {name}".strip() if name != code else code)
            for code, name in inspection.themes
        ]
        for index, value in enumerate(self.period_values):
            self.fields[f"period_{index}"] = self._value_field(
                value, period_choices, _("Choose a period"), periods.get(key(value), "")
            )
        for index, value in enumerate(self.theme_values):
            self.fields[f"theme_{index}"] = self._value_field(
                value, theme_choices, _("Choose a theme"), themes.get(key(value), "")
            )
        baseline_field = self.fields["baseline"]
        baseline_field.required = inspection.baseline_needed
        baseline_field.initial = baseline or inspection.proposed_baseline
        # The baseline is last in the form, after the values.
        self.order_fields([*(n for n in self.fields if n != "baseline"), "baseline"])

    def _value_field(
        self, value: str, valid: list[tuple[str, str]], prompt: Promise, initial: str
    ) -> forms.ChoiceField:
        new = [(NEW, str(_("Create new: %(value)s")) % {"value": value})]
        field = forms.ChoiceField(
            label=value,
            choices=[("", prompt), *valid, *new],
            initial=initial,
            error_messages={
                "required": _("Choose what “%(value)s” stands for.") % {"value": value}
            },
        )
        if not self.is_coordinator:
            field.widget.choices = [("", prompt), *valid]
        return field

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for name in self._value_names():
            if cleaned.get(name) == NEW and not self.is_coordinator:
                self.add_error(
                    name,
                    _(
                        "Only a coordinator can create a new one. Choose one of the list, or "
                        "ask a coordinator."
                    ),
                )
        return cleaned

    def _value_names(self) -> Iterable[str]:
        yield from (f"period_{i}" for i in range(len(self.period_values)))
        yield from (f"theme_{i}" for i in range(len(self.theme_values)))

    def period_fields(self) -> list[forms.BoundField]:
        return [self[f"period_{i}"] for i in range(len(self.period_values))]

    def theme_fields(self) -> list[forms.BoundField]:
        return [self[f"theme_{i}"] for i in range(len(self.theme_values))]

    def periods(self) -> dict[str, str]:
        return {key(v): self.cleaned_data[f"period_{i}"] for i, v in enumerate(self.period_values)}

    def themes(self) -> dict[str, str]:
        return {key(v): self.cleaned_data[f"theme_{i}"] for i, v in enumerate(self.theme_values)}


class ConfirmForm(forms.Form):
    """Import as the preview showed it: the plan's state it was computed on."""

    fingerprint = forms.RegexField(
        regex=r"^[0-9a-f]{1,128}\Z", max_length=128, widget=forms.HiddenInput
    )
