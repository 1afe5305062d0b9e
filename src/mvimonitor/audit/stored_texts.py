"""Stored texts that the rules of kernel.texts refuse: longer than their field takes, or
holding a control character; texts saved before those rules (issue 12), or written past
them (a plain `update()`, the database shell). Found with the database's own functions,
a query or two per text field, and only listed: a user's text is never cut or changed
without them (docs/adr/0023-text-limits-and-control-characters.md).

Every model of the project, every text field with a maximum, is looked at; the lookup
each model gives the audit trail (`audit_organisation`) says whose record it is."""

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.db import connection, models
from django.db.models.functions import Length
from django.utils.translation import gettext as _

from mvimonitor.kernel.texts import (
    CONTROL_CHARACTERS,
    ControlCharacterValidator,
    control_character,
)


@dataclass(frozen=True)
class StoredTextProblem:
    model: str  # "plans.Action"
    pk: Any
    organisation_id: int | None
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.model} {self.pk}"
        if self.organisation_id is not None:
            where += " " + _("(organisation %(id)s)") % {"id": self.organisation_id}
        return f"{where} {self.field}: {self.message}"


def _project_models() -> list[type[models.Model]]:
    found = [m for m in apps.get_models() if m.__module__.startswith("mvimonitor.")]
    return sorted(found, key=lambda model: model._meta.label)


def _text_fields(model: type[models.Model]) -> list[models.Field]:
    return [
        field
        for field in model._meta.concrete_fields
        if isinstance(field, models.CharField | models.TextField) and field.max_length
    ]


def _too_long(model: type[models.Model], field: models.Field) -> Iterator[tuple[Any, Any, str]]:
    """(pk, organisation id, message) of the rows whose text is over the maximum."""
    organisation = getattr(model, "audit_organisation", None)
    rows = (
        model._default_manager.annotate(text_length=Length(field.name))
        .filter(text_length__gt=field.max_length)
        .values_list("pk", organisation or "pk", "text_length")
    )
    for pk, organisation_id, length in rows:
        message = _("%(length)s characters, at most %(max)s") % {
            "length": length,
            "max": field.max_length,
        }
        yield pk, organisation_id if organisation else None, message


def _control_pattern() -> str:
    """The control characters as a regular expression both databases read alike (the
    characters themselves in a bracket expression); PostgreSQL cannot be sent a NUL,
    which its text cannot hold anyway."""
    characters = CONTROL_CHARACTERS
    if connection.vendor == "postgresql":
        characters = characters.replace("\x00", "\x01", 1)
    return f"[{characters}]|\r(?!\n)"


def _with_control(model: type[models.Model], field: models.Field) -> Iterator[tuple[Any, Any, str]]:
    """(pk, organisation id, message) of the rows whose text holds a control
    character, for a field that refuses them."""
    if not any(isinstance(v, ControlCharacterValidator) for v in field.validators):
        return
    organisation = getattr(model, "audit_organisation", None)
    rows = model._default_manager.filter(**{f"{field.name}__regex": _control_pattern()})
    for pk, organisation_id, text in rows.values_list("pk", organisation or "pk", field.name):
        found = control_character(text)
        if found is None:  # the database's idea of a character differs; not ours
            continue
        character, position = found
        message = _("control character %(code)s at position %(position)s") % {
            "code": f"U+{ord(character):04X}",
            "position": position,
        }
        yield pk, organisation_id if organisation else None, message


def stored_text_problems() -> list[StoredTextProblem]:
    """Every stored text the rules refuse, by model, record and field (in the model's
    order of fields)."""
    problems: list[StoredTextProblem] = []
    for model in _project_models():
        found = []
        for position, field in enumerate(_text_fields(model)):
            for check in (_too_long, _with_control):
                for pk, organisation_id, message in check(model, field):
                    problem = StoredTextProblem(
                        model._meta.label, pk, organisation_id, field.name, message
                    )
                    found.append((pk, position, problem))
        problems += [problem for _pk, _position, problem in sorted(found, key=lambda f: f[:2])]
    return problems
