"""What text a user may put in a text field: one rule for every app, so that every text
fits every output it goes to, and none holds a character that an output cannot carry
(docs/adr/0023-text-limits-and-control-characters.md).

A spreadsheet cell holds 32,767 characters, which Excel counts in UTF-16 units: a text
of emoji counts twice, and text that starts like a formula is written with an
apostrophe in front (utils.spreadsheet). Every maximum here is at most half a cell less
one, so an exported text always fits its cell and an import reads back exactly what
was exported. ODS, CSV and the report's JSON set no limit of their own; the PDF does, in
pages, and the monitor's summary is printed whole at the top of the report.

The model field holds the maximum (`max_length`) and checks it (`text_validators`):
Django checks a TextField's max_length in forms only, so the model checks it itself, and
so will the serializers of the API (issue 18), which take a model field's validators.
Forms (`free_text`) and imports (exchange.values.parse_text) take the same
maximum from the model field and refuse longer text with Django's own message, which
says how long the text is: nothing is cut, the user shortens it.

No control character either, but tab and line feed: they break iCalendar, XML (the
spreadsheets) and readers that end a line at a vertical tab, and nobody types them (a
vertical tab is Word's line break, pasted). The model refuses them
(`ControlCharacterValidator`, naming the character and where it is); the forms and the
imports first turn a line break as a browser sends it (CR LF) or a lone CR into a line
feed, so what they store holds line feeds only, and a line break counts as one
character, as the browser counted it. The model takes CR LF: every multi-line text saved
from a textarea before these rules holds them.
"""

import re
from collections.abc import Callable
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, ProhibitNullCharactersValidator
from django.db import models
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

from mvimonitor.utils.text import CONTROL_CHARACTERS, normalise_newlines

#: A text of one line (a name, a title, a reference): the longest; most take less.
SHORT_TEXT_MAX_LENGTH = 300
#: A description, a result, a note, a message: about two printed A4 pages.
LONG_TEXT_MAX_LENGTH = 10_000
#: A monitor's summary, printed at the top of its report: about three A4 pages.
SUMMARY_MAX_LENGTH = 15_000
#: The longest text an exported spreadsheet cell always holds (see above).
CELL_SAFE_MAX_LENGTH = (32_767 - 1) // 2


#: The characters refused: those the outputs drop (`utils.text.CONTROL_CHARACTERS`), and
#: a carriage return not before a line feed.
_CONTROL = re.compile(f"[{CONTROL_CHARACTERS}]|\r(?!\n)")


def control_character(text: str) -> tuple[str, int] | None:
    """The first control character in `text` and its position (from 1), or None."""
    if text.isprintable():  # no control character (nor line break): a quick C loop
        return None
    found = _CONTROL.search(text)
    return (found.group(), found.start() + 1) if found else None


@deconstructible
class ControlCharacterValidator:
    """Refuses a text with a control character (see above), naming the first one."""

    message = _(
        "This text holds an invisible control character (%(code)s) at position "
        "%(position)s: type that part of the text again without it."
    )
    code = "control_character"

    def __call__(self, value: Any) -> None:
        found = control_character(str(value))
        if found is not None:
            character, position = found
            raise ValidationError(
                self.message,
                code=self.code,
                params={"code": f"U+{ord(character):04X}", "position": position},
            )

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ControlCharacterValidator)

    def __hash__(self) -> int:
        return hash(type(self))


def text_validators(max_length: int | None = None) -> list[Callable[[Any], None]]:
    """The validators of a text field a user fills: no control character, and for a
    TextField its `max_length`, which Django does not check outside forms (a CharField
    checks its own)."""
    length = [] if max_length is None else [MaxLengthValidator(max_length)]
    return [*length, ControlCharacterValidator()]


def max_length_of(model: type[models.Model], name: str) -> int:
    """The longest text the model's field `name` takes: its `max_length`, which every
    text field a user fills has (tests/test_text_limits.py)."""
    field = model._meta.get_field(name)
    length = field.max_length if isinstance(field, models.Field) else None
    if length is None:
        raise TypeError(f"{model.__name__}.{name} has no maximum length")
    return int(length)


def text_problem(text: str, *, max_length: int) -> str | None:
    """What is wrong with `text` for a field that takes `max_length` characters, in the
    words of the forms (the active language); None when nothing is."""
    if len(text) <= max_length and control_character(text) is None:
        return None  # the common case, asked of every text cell of an import: quick
    try:
        for validate in text_validators(max_length):
            validate(text)
    except ValidationError as error:
        return " ".join(error.messages)
    return None


class FreeTextField(forms.CharField):
    """A text a user types, at most `max_length` characters: a longer one is refused
    with Django's message, which says how long it is. A textarea gets no `maxlength`
    attribute: a browser would cut a pasted text at it without a word, where the page
    refuses it and gives all of it back to be shortened. Line breaks become line feeds
    before anything is checked; a control character is refused by name (NUL too, which
    Django's own validator would refuse without naming it)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.validators = [
            validator
            for validator in self.validators
            if not isinstance(validator, ProhibitNullCharactersValidator)
        ]
        self.validators.append(ControlCharacterValidator())

    def to_python(self, value: Any) -> Any:
        text = super().to_python(value)
        return normalise_newlines(text) if isinstance(text, str) else text

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        attrs: dict[str, Any] = super().widget_attrs(widget)
        if isinstance(widget, forms.Textarea):
            attrs.pop("maxlength", None)
        return attrs


def free_text(model: type[models.Model], name: str, **kwargs: Any) -> FreeTextField:
    """The form field for the model's text field `name`: its maximum (the model holds
    it), and a textarea for a TextField. Other options as for forms.CharField."""
    kwargs.setdefault("max_length", max_length_of(model, name))
    if isinstance(model._meta.get_field(name), models.TextField):
        kwargs.setdefault("widget", forms.Textarea)
    return FreeTextField(**kwargs)


def free_text_formfield(field: models.Field, **kwargs: Any) -> forms.Field | None:
    """`formfield_callback` for forms.fields_for_model: a FreeTextField for every text
    field, other fields as Django makes them."""
    if isinstance(field, models.CharField | models.TextField):
        kwargs.setdefault("form_class", FreeTextField)
    return field.formfield(**kwargs)
