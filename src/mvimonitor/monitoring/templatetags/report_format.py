"""Formatting for the report's long tables: `{{ day|day }}` and
`{{ day|day:"SHORT_DATE_FORMAT" }}` write exactly what Django's `date` filter writes,
but a date already written in the same format and language is not formatted again (a
large plan's report page writes a few hundred dates, most of them more than once)."""

from datetime import date
from functools import lru_cache

from django import template
from django.template.defaultfilters import date as date_filter
from django.utils.translation import get_language

register = template.Library()


@lru_cache(maxsize=4096)
def _formatted(value: date, arg: str | None, language: str | None) -> str:
    return str(date_filter(value, arg))


@register.filter(expects_localtime=True, is_safe=False)
def day(value: date | str | None, arg: str | None = None) -> str:
    """Django's `date` filter; plain dates (not datetimes) are cached per language."""
    if type(value) is date:
        return _formatted(value, arg, get_language())
    return str(date_filter(value, arg))
